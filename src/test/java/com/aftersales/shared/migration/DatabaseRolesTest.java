package com.aftersales.shared.migration;

import com.aftersales.shared.devdb.EmbeddedPostgresLauncher;
import com.aftersales.support.ShippedMigrations;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The migration function's role set-up on a real PostgreSQL 17, run as RDS runs it: by a master user that is no
 * superuser (CREATEROLE, owner of the database), on a schema that an older deploy migrated as that master user. Then the
 * tests log in as aftersales_app and try what the API could do, and what it must not.
 */
class DatabaseRolesTest {

    private static final String DATABASE = "aftersales_roles";
    private static final String MASTER = "rds_master";
    private static final String FIRST_PASSWORD = "first-app-password";
    private static final String ROTATED_PASSWORD = "rotated-app-password";

    private static String server; // jdbc:postgresql://localhost:port/
    private static SchemaMigration.Result first;
    private static SchemaMigration.Result rerun;
    private static SchemaMigration.Result later;
    private static List<String> appPrivilegesAfterFirstRun;

    @BeforeAll
    static void migrateAnOlderDeployThenRunTheMigrationFunctionThreeTimes() throws SQLException {
        String url = System.getProperty("aftersales.devdb.jdbc-url");
        if (url == null) {
            url = new EmbeddedPostgresLauncher().get();
            System.setProperty("aftersales.devdb.jdbc-url", url); // the @QuarkusTests of this JVM use the same server
        }
        Matcher port = Pattern.compile("//([^/]+)/").matcher(url);
        assertThat(port.find()).isTrue();
        server = "jdbc:postgresql://" + port.group(1) + "/";
        try (Connection postgres = DriverManager.getConnection(server + "postgres", "postgres", "postgres");
             Statement sql = postgres.createStatement()) {
            sql.execute("drop database if exists " + DATABASE + " with (force)");
            sql.execute("do $$ begin if not exists (select 1 from pg_roles where rolname = '" + MASTER + "') then "
                    + "create role " + MASTER + " login createrole createdb password 'master'; end if; end $$");
            sql.execute("create database " + DATABASE + " owner " + MASTER);
            requirePasswordsOf(DatabaseRoles.APP, sql);
        }
        // A deploy before the roles existed: Flyway ran as the master user, who owns every object.
        Flyway.configure().dataSource(master()).locations("classpath:db/migration").load().migrate();

        first = SchemaMigration.run(master(), flyway("db/migration"), FIRST_PASSWORD, false, "10s");
        appPrivilegesAfterFirstRun = appPrivileges();
        rerun = SchemaMigration.run(master(), flyway("db/migration"), FIRST_PASSWORD, false, "10s");
        later = SchemaMigration.run(master(), flyway("db/migration", "db/later-migration"), ROTATED_PASSWORD, false, "10s");
    }

    @AfterAll
    static void dropTheDatabase() throws SQLException {
        try (Connection postgres = DriverManager.getConnection(server + "postgres", "postgres", "postgres");
             Statement sql = postgres.createStatement()) {
            sql.execute("drop database if exists " + DATABASE + " with (force)");
        }
    }

    /** The embedded server trusts every local login: the application role's must be checked, as on RDS. */
    private static void requirePasswordsOf(String role, Statement sql) throws SQLException {
        try (var rs = sql.executeQuery("show hba_file")) {
            rs.next();
            Path hba = Path.of(rs.getString(1));
            String rule = "host all " + role + " all scram-sha-256\n";
            try {
                String rules = Files.readString(hba);
                if (!rules.startsWith(rule)) {
                    Files.writeString(hba, rule + rules);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        sql.execute("select pg_reload_conf()");
    }

    /** The migration function's Flyway: as the master user, creating objects as the owner role. */
    private static Flyway flyway(String... locations) {
        return Flyway.configure().dataSource(master()).locations(locations)
                .initSql("set role " + DatabaseRoles.OWNER).load();
    }

    private static PGSimpleDataSource master() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(server + DATABASE);
        ds.setUser(MASTER);
        ds.setPassword("master");
        return ds;
    }

    private static Connection app() throws SQLException {
        return DriverManager.getConnection(server + DATABASE, DatabaseRoles.APP, ROTATED_PASSWORD);
    }

    private static List<String> appPrivileges() throws SQLException {
        List<String> privileges = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(server + DATABASE, "postgres", "postgres");
             var rs = c.createStatement().executeQuery("""
                     select table_name || ':' || privilege_type from information_schema.role_table_grants
                     where grantee = 'aftersales_app' order by 1""")) {
            while (rs.next()) {
                privileges.add(rs.getString(1));
            }
        }
        return privileges;
    }

    private static void refused(Connection c, String statement) {
        assertThatThrownBy(() -> c.createStatement().execute(statement))
                .as(statement).isInstanceOfSatisfying(SQLException.class,
                        e -> assertThat(e.getSQLState()).as(e.getMessage()).isEqualTo("42501"));
    }

    @Test
    void theRunsReportWhatTheyApplied() {
        assertThat(first.applied()).isZero(); // the older deploy had migrated everything
        assertThat(first.version()).isEqualTo(ShippedMigrations.latest());
        assertThat(rerun.applied()).isZero();
        assertThat(later.applied()).isEqualTo(1);
        assertThat(later.version()).isEqualTo("900");
    }

    @Test
    void everyObjectOfTheSchemaBelongsToTheOwnerRole() throws SQLException {
        try (Connection c = master().getConnection(); var rs = c.createStatement().executeQuery("""
                select c.relname || ' ' || pg_get_userbyid(c.relowner) from pg_class c
                where c.relnamespace = 'public'::regnamespace and pg_get_userbyid(c.relowner) <> 'aftersales_owner'
                union all
                select p.proname || ' ' || pg_get_userbyid(p.proowner) from pg_proc p
                where p.pronamespace = 'public'::regnamespace and pg_get_userbyid(p.proowner) <> 'aftersales_owner'""")) {
            List<String> others = new ArrayList<>();
            while (rs.next()) {
                others.add(rs.getString(1));
            }
            assertThat(others).isEmpty();
        }
        try (Connection c = master().getConnection(); var rs = c.createStatement().executeQuery(
                "select count(*) from pg_class where relnamespace = 'public'::regnamespace and relkind in ('r', 'v', 'S')")) {
            rs.next();
            assertThat(rs.getInt(1)).as("tables, views and sequences checked").isGreaterThan(40);
        }
    }

    @Test
    void theApplicationReadsAndWritesAnOrdinaryTable() throws SQLException {
        try (Connection c = app(); Statement sql = c.createStatement()) {
            sql.execute("insert into customer (id, code, name, type) values (gen_random_uuid(), 'ROLES-1', 'Roles', 'OEM')");
            assertThat(sql.executeUpdate("update customer set name = 'Roles renamed' where code = 'ROLES-1'")).isEqualTo(1);
            try (var rs = sql.executeQuery("select name from customer where code = 'ROLES-1'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("Roles renamed");
            }
            assertThat(sql.executeUpdate("delete from customer where code = 'ROLES-1'")).isEqualTo(1);
            try (var rs = sql.executeQuery("select nextval('case_no_seq')")) {
                assertThat(rs.next()).isTrue();
            }
        }
    }

    @Test
    void theApplicationOnlyAppendsToTheAuditLog() throws SQLException {
        try (Connection c = app(); Statement sql = c.createStatement()) {
            sql.execute("insert into audit_log (actor, action, entity_type, entity_id) values ('test', 'CREATE', 'roles', '1')");
            try (var rs = sql.executeQuery("select count(*) from audit_log where entity_type = 'roles'")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
            refused(c, "update audit_log set actor = 'someone else' where entity_type = 'roles'");
            refused(c, "delete from audit_log where entity_type = 'roles'");
            refused(c, "truncate audit_log");
        }
    }

    @Test
    void theApplicationRedactsAuditEntriesOnlyOfAnonymisedRecordsAndOnlyThroughTheOwnersFunction() throws SQLException {
        try (Connection c = app(); Statement sql = c.createStatement()) {
            sql.execute("insert into customer (id, code, name, type) values ('00000000-0000-4000-8000-0000000000c1', "
                    + "'ROLES-PURGE', 'Roles', 'OEM')");
            sql.execute("insert into unit (id, serial_no, product_model, product_line, customer_id, anonymised_at) values "
                    + "(gen_random_uuid(), 'ROLES-GONE', 'M', 'SYSTEM', '00000000-0000-4000-8000-0000000000c1', now()), "
                    + "(gen_random_uuid(), 'ROLES-KEPT', 'M', 'SYSTEM', '00000000-0000-4000-8000-0000000000c1', null)");
            sql.execute("insert into audit_log (actor, action, entity_type, entity_id, after_state) values "
                    + "('test', 'CREATE', 'unit', 'ROLES-GONE', '{\"endCustomer\": \"PII-gone\"}'), "
                    + "('test', 'CREATE', 'unit', 'ROLES-KEPT', '{\"endCustomer\": \"PII-kept\"}')");
            // Not by hand: the application role still only appends.
            refused(c, "update audit_log set after_state = null where entity_id = 'ROLES-GONE'");
            // Through the function, run with the owner's rights: the anonymised unit's entry only, even when asked for both.
            try (var rs = sql.executeQuery("select aftersales_redact_audit('{}', array['ROLES-GONE', 'ROLES-KEPT'])")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
            try (var rs = sql.executeQuery("select entity_id || ' ' || after_state::text from audit_log "
                    + "where entity_id like 'ROLES-%' order by entity_id")) {
                List<String> entries = new ArrayList<>();
                while (rs.next()) {
                    entries.add(rs.getString(1));
                }
                assertThat(entries).containsExactly("ROLES-GONE {\"redacted\": \"retention\"}",
                        "ROLES-KEPT {\"endCustomer\": \"PII-kept\"}");
            }
        }
        try (Connection c = master().getConnection(); var rs = c.createStatement().executeQuery(
                "select prosecdef, pg_get_userbyid(proowner) from pg_proc where proname = 'aftersales_redact_audit'")) {
            rs.next();
            assertThat(rs.getBoolean(1)).isTrue();
            assertThat(rs.getString(2)).isEqualTo(DatabaseRoles.OWNER);
        }
    }

    @Test
    void theApplicationCannotChangeTheSchemaNorTheMigrationHistory() throws SQLException {
        try (Connection c = app()) {
            refused(c, "create table intruder (id int)");
            refused(c, "alter table customer add column intruder text");
            refused(c, "drop table customer");
            refused(c, "create function intruder() returns int language sql as 'select 1'");
            refused(c, "delete from flyway_schema_history");
            refused(c, "insert into flyway_schema_history (installed_rank, description, type, script, installed_by, "
                    + "execution_time, success) values (999, 'x', 'SQL', 'x', 'x', 0, true)");
            try (var rs = c.createStatement().executeQuery("select max(version) from flyway_schema_history")) {
                assertThat(rs.next()).isTrue();
            }
        }
    }

    @Test
    void aRerunChangesNothingAndKeepsTheGrants() throws SQLException {
        assertThat(appPrivilegesAfterFirstRun).contains("customer:DELETE", "audit_log:INSERT", "audit_log:SELECT",
                        "flyway_schema_history:SELECT")
                .doesNotContain("audit_log:UPDATE", "audit_log:DELETE", "flyway_schema_history:INSERT");
        List<String> now = appPrivileges();
        now.removeIf(privilege -> privilege.startsWith("later_thing:"));
        assertThat(now).isEqualTo(appPrivilegesAfterFirstRun);
    }

    @Test
    void aTableOfALaterMigrationBelongsToTheOwnerAndReachesTheApplication() throws SQLException {
        try (Connection c = app(); Statement sql = c.createStatement()) {
            sql.execute("insert into later_thing (name) values ('new')");
            assertThat(sql.executeUpdate("update later_thing set name = 'newer'")).isEqualTo(1);
            assertThat(sql.executeUpdate("delete from later_thing")).isEqualTo(1);
            refused(c, "alter table later_thing add column intruder text");
        }
        try (Connection c = master().getConnection(); var rs = c.createStatement().executeQuery(
                "select pg_get_userbyid(relowner) from pg_class where relname = 'later_thing'")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo(DatabaseRoles.OWNER);
        }
    }

    @Test
    void everyRunSetsTheApplicationPasswordSoRotationWorks() {
        // The third run had the rotated password: the first one no longer logs in.
        assertThatThrownBy(() -> DriverManager.getConnection(server + DATABASE, DatabaseRoles.APP, FIRST_PASSWORD).close())
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("28P01"));
    }

    @Test
    void theApplicationRoleCarriesTheRequestStatementTimeout() throws SQLException {
        // What the migration function's runs gave it.
        try (Connection c = app(); var rs = c.createStatement().executeQuery("show statement_timeout")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("10s");
        }
        try (Connection c = master().getConnection()) {
            DatabaseRoles.statementTimeout(c, "300ms");
        }
        try (Connection c = app(); Statement sql = c.createStatement()) {
            assertThatThrownBy(() -> sql.execute("select pg_sleep(2)"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("57014"));
        } finally {
            try (Connection c = master().getConnection()) {
                DatabaseRoles.statementTimeout(c, "10s");
            }
        }
        try (Connection c = app(); var rs = c.createStatement().executeQuery("show statement_timeout")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("10s");
        }
        try (Connection c = master().getConnection()) {
            assertThatThrownBy(() -> DatabaseRoles.statementTimeout(c, "1s'; drop table x; --"))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void theApplicationRoleGetsRdsIamOnlyWhenTheProxyLogsInWithIam() throws SQLException {
        try (Connection postgres = DriverManager.getConnection(server + "postgres", "postgres", "postgres");
             Statement sql = postgres.createStatement()) {
            // RDS has this role and lets the master user grant it.
            sql.execute("do $$ begin if not exists (select 1 from pg_roles where rolname = 'rds_iam') then "
                    + "create role rds_iam; end if; end $$");
            sql.execute("grant rds_iam to " + MASTER + " with admin option");
        }
        try {
            try (Connection c = master().getConnection()) {
                DatabaseRoles.prepare(c, ROTATED_PASSWORD, true);
                assertThat(member(c)).isTrue();
                DatabaseRoles.prepare(c, ROTATED_PASSWORD, false);
                assertThat(member(c)).isFalse();
            }
        } finally {
            try (Connection postgres = DriverManager.getConnection(server + "postgres", "postgres", "postgres")) {
                postgres.createStatement().execute("drop role rds_iam");
            }
        }
    }

    private static boolean member(Connection c) throws SQLException {
        try (var rs = c.createStatement().executeQuery("""
                select exists (select 1 from pg_auth_members m where m.roleid = 'rds_iam'::regrole
                               and m.member = 'aftersales_app'::regrole)""")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }
}
