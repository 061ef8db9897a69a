package com.aftersales.shared.lambda;

import com.aftersales.AftersalesConfig;
import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ImageMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * Lambda SnapStart's runtime hooks (CRaC, registered with the global context at start; the JVM build only).
 * <ul>
 *   <li>Before the snapshot: runs every {@link Primer} (database-free hot paths: the entitlement policy, JSON mapping)
 *   {@code aftersales.snapstart.warm-iterations} times, so the snapshot holds their classes loaded and their code
 *   compiled; then closes every pooled connection. A socket does not survive a snapshot, and one snapshot is restored
 *   into many environments at once: they must not share a connection, nor the 15-minute IAM token it was opened with.</li>
 *   <li>After a restore: opens one connection (with a fresh IAM token through the credentials provider) and runs
 *   {@code select 1}, so the first request finds a connection ready.</li>
 * </ul>
 * Outside Lambda's SnapStart the hooks never fire (the JDK has no checkpoint); tests call them directly.
 */
@ApplicationScoped
public class SnapStartPriming implements Resource {

    private static final Logger LOG = Logger.getLogger(SnapStartPriming.class);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);

    @Inject
    AgroalDataSource dataSource;

    @Inject
    @Any
    Instance<Primer> primers;

    @Inject
    AftersalesConfig config;

    /**
     * Registers this bean (the instance, which the application context holds strongly; CRaC contexts may hold their
     * resources weakly). A native image has no checkpoint.
     */
    void register(@Observes StartupEvent start) {
        if (config.snapstart().priming() && !ImageMode.current().isNativeImage()) {
            Core.getGlobalContext().register(this);
        }
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        long t0 = System.nanoTime();
        int runs = 0;
        for (Primer primer : primers) {
            for (int i = 0, n = config.snapstart().warmIterations(); i < n; i++) {
                primer.prime();
                runs++;
            }
        }
        closePool();
        LOG.infof("SnapStart: %d primer runs, connection pool closed, in %d ms", runs, (System.nanoTime() - t0) / 1_000_000);
    }

    /**
     * Agroal closes the connections on its housekeeping thread, after {@code flush} returns: waits (at most
     * {@link #CLOSE_WAIT}) until its metrics, on in every profile ({@code quarkus.datasource.metrics.enabled}), count
     * none left, and fails the checkpoint otherwise rather than snapshot an open socket.
     */
    private void closePool() {
        if (!dataSource.getConfiguration().metricsEnabled()) {
            throw new IllegalStateException("SnapStart priming needs quarkus.datasource.metrics.enabled=true to see the pool empty");
        }
        dataSource.flush(AgroalDataSource.FlushMode.ALL);
        long deadline = System.nanoTime() + CLOSE_WAIT.toNanos();
        while (open() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while closing the connection pool", e);
            }
        }
        if (open() > 0) {
            throw new IllegalStateException(open() + " pooled connections still open " + CLOSE_WAIT + " after the flush");
        }
    }

    private long open() {
        return dataSource.getMetrics().activeCount() + dataSource.getMetrics().availableCount();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) throws SQLException {
        long t0 = System.nanoTime();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("select 1");
        }
        LOG.infof("SnapStart: restored, connection pool warm in %d ms", (System.nanoTime() - t0) / 1_000_000);
    }
}
