package com.aftersales.support;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

import java.util.List;

/** Direct SQL for test fixtures and checks, each call in its own transaction. */
public final class Sql {

    private Sql() {
    }

    private static Query query(String sql, Object... params) {
        Query q = CDI.current().select(EntityManager.class).get().createNativeQuery(sql);
        for (int i = 0; i < params.length; i++) {
            q.setParameter(i + 1, params[i]);
        }
        return q;
    }

    /** The single number a query returns. */
    public static int count(String sql, Object... params) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) query(sql, params).getSingleResult()).intValue());
    }

    /** The single value a query returns, as text. */
    public static String text(String sql, Object... params) {
        return QuarkusTransaction.requiringNew().call(() -> String.valueOf(query(sql, params).getSingleResult()));
    }

    /** Runs an insert, update or delete; returns the rows it touched. */
    public static int exec(String sql, Object... params) {
        return QuarkusTransaction.requiringNew().call(() -> query(sql, params).executeUpdate());
    }

    @SuppressWarnings("unchecked")
    public static List<Object[]> rows(String sql, Object... params) {
        return QuarkusTransaction.requiringNew().call(() -> query(sql, params).getResultList());
    }

    /** One table's row count and a digest of all its rows. */
    public record TableState(long rows, String digest) {
    }

    /**
     * Every table of the schema with its row count and a digest of its rows: equal fingerprints mean nothing was
     * inserted, changed or deleted anywhere in between. Left out: {@link #COUNTERS}.
     */
    /**
     * Counters, not records: the per-caller report quota (shared.ratelimit) counts every call to an expensive report
     * before it runs, gives the count back when the call is refused as the client's error, and drops ended windows of
     * every caller as it goes, so a refused request leaves the caller's count as it was but the table's rows may differ.
     */
    static final java.util.Set<String> COUNTERS = java.util.Set.of("report_quota");

    public static java.util.Map<String, TableState> fingerprint() {
        java.util.Map<String, TableState> tables = new java.util.TreeMap<>();
        // Plain JDBC: the statement's nested quoting is PostgreSQL's, not Hibernate's to parse.
        try (var connection = CDI.current().select(javax.sql.DataSource.class).get().getConnection();
             var rows = connection.createStatement().executeQuery("""
                     select table_name, cast((xpath('/row/n/text()', x))[1] as text), cast((xpath('/row/h/text()', x))[1] as text)
                     from (select table_name, query_to_xml(format(
                         'select count(*) as n, md5(coalesce(string_agg(md5(cast(t as text)), '''' order by md5(cast(t as text))), '''')) as h from %I t',
                         table_name), false, true, '') as x
                           from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE') t
                     """)) {
            while (rows.next()) {
                if (!COUNTERS.contains(rows.getString(1))) {
                    tables.put(rows.getString(1), new TableState(Long.parseLong(rows.getString(2)), rows.getString(3)));
                }
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return tables;
    }
}
