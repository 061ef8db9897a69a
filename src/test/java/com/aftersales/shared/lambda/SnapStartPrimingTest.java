package com.aftersales.shared.lambda;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SnapStart's hooks as Lambda calls them around a snapshot: before it, no connection may be left open (neither in the
 * pool nor in PostgreSQL); after a restore, the pool holds a working connection again.
 */
@QuarkusTest
class SnapStartPrimingTest {

    @Inject
    SnapStartPriming priming;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void closesThePoolBeforeTheSnapshotAndWarmsItAfterTheRestore() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("select 1");
        }
        assertThat(pooled()).as("connections in the pool before").isPositive();
        assertThat(backendsBesidesProbe()).as("PostgreSQL sessions before").isPositive();

        priming.beforeCheckpoint(null);

        assertThat(pooled()).as("connections in the pool after beforeCheckpoint").isZero();
        assertThat(backendsAfterExits(0)).as("PostgreSQL sessions after beforeCheckpoint").isZero();

        priming.afterRestore(null);

        assertThat(dataSource.getMetrics().availableCount()).as("idle connections after afterRestore").isEqualTo(1);
        assertThat(backendsBesidesProbe()).as("PostgreSQL sessions after afterRestore").isEqualTo(1);
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("select count(*) from unit")) {
            assertThat(r.next()).isTrue();
        }
    }

    /**
     * The sessions PostgreSQL still lists, once they reach the expected count or after 3 s: a backend leaves
     * pg_stat_activity a moment after its client closed the socket, not at once.
     */
    private int backendsAfterExits(int expected) throws Exception {
        long deadline = System.nanoTime() + 3_000_000_000L;
        int n = backendsBesidesProbe();
        while (n != expected && System.nanoTime() < deadline) {
            Thread.sleep(20);
            n = backendsBesidesProbe();
        }
        return n;
    }

    private long pooled() {
        return dataSource.getMetrics().availableCount() + dataSource.getMetrics().activeCount();
    }

    /** Client sessions on the test database other than this probe's own (a connection outside the pool). */
    private int backendsBesidesProbe() throws SQLException {
        Config config = ConfigProvider.getConfig();
        try (Connection probe = DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getOptionalValue("quarkus.datasource.password", String.class).orElse(""));
             Statement s = probe.createStatement();
             ResultSet r = s.executeQuery("select count(*) from pg_stat_activity where backend_type = 'client backend'"
                     + " and datname = current_database() and pid <> pg_backend_pid()")) {
            r.next();
            return r.getInt(1);
        }
    }
}
