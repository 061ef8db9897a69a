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
}
