package com.aftersales.shared.observe;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.AgroalDataSourceMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;

/**
 * The connection pool (Agroal) as the EMF lines carry it, without a dimension (one series per function namespace):
 * PoolActive (connections lent out), PoolAvailable (idle in the pool), PoolAwaiting (threads waiting for one),
 * PoolMaxUsed (the most lent out at once since start). Read from Agroal's own counters
 * ({@code quarkus.datasource.metrics.enabled=true}, which also gives Prometheus its agroal_* gauges). In Lambda an
 * environment serves one request at a time, so PoolAwaiting above 0 or PoolMaxUsed at the pool's size
 * (AFTERSALES_DB_POOL_MAX) means a request held more than one connection.
 */
@ApplicationScoped
public class PoolMetrics {

    @Inject
    AgroalDataSource dataSource;

    public List<Emf.Metric> metrics() {
        AgroalDataSourceMetrics m = dataSource.getMetrics();
        return List.of(Emf.Metric.count("PoolActive", m.activeCount()), Emf.Metric.count("PoolAvailable", m.availableCount()),
                Emf.Metric.count("PoolAwaiting", m.awaitingCount()), Emf.Metric.count("PoolMaxUsed", m.maxUsedCount()));
    }
}
