package com.aftersales.shared.persistence;

import jakarta.persistence.EntityManager;

/**
 * Settings for a transaction whose statements read whole tables (a job run, a KPI report), local to that transaction.
 * <ul>
 *   <li>{@code work_mem}: more sort and hash memory than the database's default for interactive requests (4 MB on
 *   RDS), so large aggregates and hash joins stay in memory.</li>
 *   <li>{@code plan_cache_mode = force_custom_plan}: the JDBC driver prepares a statement on the server after its
 *   fifth use on a connection, and PostgreSQL then switches to a generic plan, chosen without the parameter values.
 *   For these statements the values decide the plan (a one-year and a three-year period want different joins): a KPI
 *   report over three years that followed the same report over one year took 600 instead of 330 ms. Planning each
 *   execution costs about a millisecond.</li>
 *   <li>{@code statement_timeout}: the job's or report's own, instead of the request's default (issue 22), set in the
 *   same statement, so it costs no extra round trip.</li>
 * </ul>
 */
public final class BulkReads {

    private BulkReads() {
    }

    /** Applies the settings to the current transaction; must be called inside one. */
    public static void configure(EntityManager em, String workMem, String statementTimeout) {
        em.createNativeQuery("select set_config('work_mem', ?1, true), set_config('plan_cache_mode', 'force_custom_plan', true), "
                        + "set_config('statement_timeout', ?2, true)")
                .setParameter(1, workMem).setParameter(2, statementTimeout).getSingleResult();
    }
}
