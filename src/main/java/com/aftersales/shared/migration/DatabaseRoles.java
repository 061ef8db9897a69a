package com.aftersales.shared.migration;

import org.postgresql.PGConnection;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The two database roles of the application and what each may do, set up by the migration function with the master
 * credentials on every run (every statement is idempotent):
 * <ul>
 * <li>{@value #OWNER} (NOLOGIN) owns the schema objects: Flyway runs as the master user with {@code SET ROLE} to it
 * ({@code quarkus.flyway.init-sql}), and objects an older deploy created as the master user are handed to it.</li>
 * <li>{@value #APP} (LOGIN, the password of the application's secret, set on every run so rotation works) is what the
 * API and jobs functions connect as through RDS Proxy: DML only, and on {@code audit_log} only SELECT and INSERT.</li>
 * </ul>
 * Plain JDBC on a connection of the master user, in the schema the connection works in ({@code current_schema()}).
 */
public final class DatabaseRoles {

    public static final String OWNER = "aftersales_owner";
    public static final String APP = "aftersales_app";

    /** The append-only table: the application may add and read audit entries, never change or remove them. */
    static final String AUDIT_LOG = "audit_log";
    /** Flyway's history: written only by migrations, readable for diagnosis. */
    static final String FLYWAY_HISTORY = "flyway_schema_history";

    private DatabaseRoles() {
    }

    /**
     * Before the migrations: the roles, the master user's membership in the owner role, the schema privileges, and the
     * ownership of objects that the master user still owns (schemas migrated before these roles existed).
     *
     * @param appIamAuth whether the application role authenticates with IAM at the database itself (RDS Proxy with
     *                   end-to-end IAM authentication): then it gets {@code rds_iam}, where that role exists. With the
     *                   proxy logging in with the application secret's password it must not have it (RDS lets a user
     *                   with {@code rds_iam} log in only with an IAM token), so it is revoked if an older run granted it.
     */
    public static void prepare(Connection master, String appPassword, boolean appIamAuth) throws SQLException {
        if (appPassword == null || appPassword.isBlank()) {
            throw new IllegalArgumentException("The application role needs a password (the app secret's)");
        }
        boolean autoCommit = master.getAutoCommit();
        master.setAutoCommit(false);
        try (Statement sql = master.createStatement()) {
            sql.execute("reset role"); // a pooled connection may still carry Flyway's SET ROLE
            sql.execute("""
                    do $$
                    begin
                        if not exists (select 1 from pg_roles where rolname = '%1$s') then
                            create role %1$s nologin;
                        end if;
                        if not exists (select 1 from pg_roles where rolname = '%2$s') then
                            create role %2$s login;
                        end if;
                    end $$""".formatted(OWNER, APP));
            sql.execute("alter role " + OWNER + " nologin");
            sql.execute("alter role " + APP + " login");
            // The master user acts as the owner (SET ROLE for Flyway, ALTER ... OWNER below).
            sql.execute("grant " + OWNER + " to current_user");
            sql.execute(appIamAuth ? """
                    do $$
                    begin
                        if exists (select 1 from pg_roles where rolname = 'rds_iam') then
                            grant rds_iam to %1$s;
                        end if;
                    end $$""".formatted(APP) : """
                    do $$
                    begin
                        if exists (select 1 from pg_auth_members m join pg_roles r on r.oid = m.roleid
                                   join pg_roles u on u.oid = m.member
                                   where r.rolname = 'rds_iam' and u.rolname = '%1$s') then
                            revoke rds_iam from %1$s;
                        end if;
                    end $$""".formatted(APP));
            sql.execute("""
                    do $$
                    begin
                        execute format('grant usage, create on schema %%I to %1$s', current_schema());
                        execute format('grant usage on schema %%I to %2$s', current_schema());
                        -- PostgreSQL before 15 lets every role create objects in public: not the application.
                        execute format('revoke create on schema %%I from public', current_schema());
                    end $$""".formatted(OWNER, APP));
            sql.execute(handOverToOwner());
        }
        // Hashed here (SCRAM-SHA-256), so the clear password is never in a statement the server might log.
        master.unwrap(PGConnection.class).alterUserPassword(APP, appPassword.toCharArray(), "scram-sha-256");
        master.commit();
        master.setAutoCommit(autoCommit);
    }

    /**
     * The application role's default statement_timeout (a request's, aftersales.db.statement-timeout.request): set on
     * the role, so every session of the API and jobs functions starts with it at no cost per request, and without a
     * SET that would pin the session to one database connection of RDS Proxy. Jobs and KPI reports set their own,
     * local to their transaction (shared.persistence.BulkReads).
     */
    public static void statementTimeout(Connection master, String timeout) throws SQLException {
        if (!timeout.matches("\\d{1,9}\\s*(ms|s|min|h)?")) {
            throw new IllegalArgumentException("statement timeout " + timeout + ": a number with ms, s, min or h");
        }
        try (Statement sql = master.createStatement()) {
            sql.execute("alter role " + APP + " set statement_timeout = '" + timeout + "'");
        }
        if (!master.getAutoCommit()) {
            master.commit();
        }
    }

    /**
     * After the migrations, as the owner: DML on every table and view, only SELECT and INSERT on {@code audit_log},
     * only SELECT on Flyway's history, sequences for nextval, routines, and the same for what later migrations create.
     * One transaction, so no moment exists in which the application could change the audit log.
     */
    public static void grant(Connection master) throws SQLException {
        boolean autoCommit = master.getAutoCommit();
        master.setAutoCommit(false);
        try (Statement sql = master.createStatement()) {
            sql.execute("set local role " + OWNER);
            sql.execute("""
                    do $$
                    declare
                        s text := quote_ident(current_schema());
                    begin
                        execute 'grant select, insert, update, delete on all tables in schema ' || s || ' to %1$s';
                        execute 'grant usage, select on all sequences in schema ' || s || ' to %1$s';
                        execute 'grant execute on all routines in schema ' || s || ' to %1$s';
                        execute 'alter default privileges for role %2$s in schema ' || s
                            || ' grant select, insert, update, delete on tables to %1$s';
                        execute 'alter default privileges for role %2$s in schema ' || s
                            || ' grant usage, select on sequences to %1$s';
                        execute 'alter default privileges for role %2$s in schema ' || s
                            || ' grant execute on routines to %1$s';
                        if to_regclass(s || '.%3$s') is not null then
                            execute 'revoke update, delete, truncate, references, trigger on ' || s || '.%3$s from %1$s';
                        end if;
                        if to_regclass(s || '.%4$s') is not null then
                            execute 'revoke insert, update, delete, truncate, references, trigger on ' || s
                                || '.%4$s from %1$s';
                        end if;
                    end $$""".formatted(APP, OWNER, AUDIT_LOG, FLYWAY_HISTORY));
        }
        master.commit();
        master.setAutoCommit(autoCommit);
    }

    /**
     * Tables, views, sequences, routines and types of the schema that the session's (master) user owns go to the owner
     * role, one object at a time (REASSIGN OWNED would also move the user's databases and other schemas). Indexes and
     * sequences owned by a column follow their table; objects of extensions stay where they are.
     */
    private static String handOverToOwner() {
        return """
                do $$
                declare
                    me oid := (select oid from pg_roles where rolname = session_user);
                    ns oid := (select oid from pg_namespace where nspname = current_schema());
                    r record;
                begin
                    for r in
                        select c.oid::regclass as name, c.relkind from pg_class c
                        where c.relnamespace = ns and c.relowner = me and c.relkind in ('r', 'p', 'v', 'm', 'f')
                          and not exists (select 1 from pg_depend d where d.classid = 'pg_class'::regclass
                                          and d.objid = c.oid and d.deptype = 'e')
                    loop
                        execute format('alter %%s %%s owner to %1$s',
                            case r.relkind when 'v' then 'view' when 'm' then 'materialized view'
                                           when 'f' then 'foreign table' else 'table' end, r.name);
                    end loop;
                    for r in
                        select c.oid::regclass as name from pg_class c
                        where c.relnamespace = ns and c.relowner = me and c.relkind = 'S'
                          and not exists (select 1 from pg_depend d where d.classid = 'pg_class'::regclass
                                          and d.objid = c.oid and d.deptype in ('a', 'i', 'e'))
                    loop
                        execute format('alter sequence %%s owner to %1$s', r.name);
                    end loop;
                    for r in
                        select p.oid::regprocedure as name from pg_proc p
                        where p.pronamespace = ns and p.proowner = me and p.prokind in ('f', 'p')
                          and not exists (select 1 from pg_depend d where d.classid = 'pg_proc'::regclass
                                          and d.objid = p.oid and d.deptype = 'e')
                    loop
                        execute format('alter routine %%s owner to %1$s', r.name);
                    end loop;
                    for r in
                        select t.oid::regtype as name from pg_type t
                        where t.typnamespace = ns and t.typowner = me and t.typtype in ('c', 'd', 'e', 'r', 'm')
                          and (t.typrelid = 0 or (select c.relkind from pg_class c where c.oid = t.typrelid) = 'c')
                          and not exists (select 1 from pg_depend d where d.classid = 'pg_type'::regclass
                                          and d.objid = t.oid and d.deptype = 'e')
                    loop
                        execute format('alter type %%s owner to %1$s', r.name);
                    end loop;
                end $$""".formatted(OWNER);
    }
}
