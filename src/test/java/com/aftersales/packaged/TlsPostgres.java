package com.aftersales.packaged;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The embedded PostgreSQL as RDS Proxy presents itself to the function: TLS on, a server certificate for
 * {@code localhost} signed by the test CA, and no way in without TLS (pg_hba has only {@code hostssl} entries for TCP;
 * a plain connection is rejected). The function gets the JDBC URL in the form Terraform's database module writes
 * ({@code sslmode=verify-full&sslfactory=org.postgresql.ssl.DefaultJavaSSLFactory}, infra/modules/database): pgjdbc
 * then checks the server's certificate against the process' default trust store (javax.net.ssl.trustStore, which
 * the test points at the CA) and its name against the URL's host.
 */
final class TlsPostgres implements AutoCloseable {

    /** The query of the JDBC URL the function gets: that of infra/modules/database's output jdbc_url. */
    static final String PRODUCTION_TLS = "sslmode=verify-full&sslfactory=org.postgresql.ssl.DefaultJavaSSLFactory";

    private final EmbeddedPostgres pg;

    private TlsPostgres(EmbeddedPostgres pg) {
        this.pg = pg;
    }

    static TlsPostgres start(TestCertificates certificates) {
        try {
            Path[] server = certificates.pemFiles(certificates.issue("localhost", List.of("localhost")), "postgres");
            Path hba = Files.createTempFile("aftersales-it-hba", ".conf");
            // Unix socket for the server's own tools; over TCP only TLS. The embedded server trusts its local users
            // (it cannot check IAM tokens anyway), so what is proven here is the transport, not the password.
            Files.writeString(hba, """
                    local     all all              trust
                    hostssl   all all 127.0.0.1/32 trust
                    hostssl   all all ::1/128      trust
                    hostnossl all all 0.0.0.0/0    reject
                    hostnossl all all ::/0         reject
                    """);
            hba.toFile().deleteOnExit();
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setServerConfig("timezone", "UTC").setServerConfig("fsync", "off")
                    .setServerConfig("ssl", "on")
                    .setServerConfig("ssl_cert_file", server[0].toString())
                    .setServerConfig("ssl_key_file", server[1].toString())
                    .setServerConfig("hba_file", hba.toString())
                    .start();
            return new TlsPostgres(pg);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return pg.getPort();
    }

    /** The JDBC URL the function gets: host {@code localhost} (the certificate's name), verify-full as in AWS. */
    String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port() + "/postgres?" + PRODUCTION_TLS;
    }

    @Override
    public void close() throws IOException {
        pg.close();
    }
}
