package com.aftersales.packaged;

import io.quarkus.amazon.lambda.runtime.MockHttpEventServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;

/**
 * What the packaged function needs when it runs with its prod configuration outside AWS: a real PostgreSQL (embedded,
 * started here), an identity provider's issuer and public key (a throw-away pair; this JVM signs the test tokens with
 * the private half), and Flyway at start (QUARKUS_FLYWAY_MIGRATE_AT_START: in AWS only the migration function's handler
 * migrates, PackagedMigrateFunctionIT).
 */
public class PackagedArtifactResources implements QuarkusTestResourceLifecycleManager {

    static final String ISSUER = "https://cognito-idp.cn-north-1.amazonaws.com/it-pool";

    /** The port of the mock event server: the function's API for the tests. */
    static volatile int port;

    private EmbeddedPostgres pg;
    private MockHttpEventServer lambda;

    @Override
    public Map<String, String> start() {
        try {
            // The Lambda runtime API the packaged function polls, and the HTTP front that turns requests into events
            // (API Gateway v2 payloads), on the port REST Assured uses.
            try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
                port = free.getLocalPort();
            }
            lambda = new MockHttpEventServer();
            lambda.start(port);
            pg = EmbeddedPostgres.builder().setServerConfig("timezone", "UTC").setServerConfig("fsync", "off").start();
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Path publicKey = Files.createTempFile("aftersales-it", ".pem");
            Files.writeString(publicKey, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
            publicKey.toFile().deleteOnExit();
            System.setProperty("smallrye.jwt.sign.key", pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            System.setProperty("smallrye.jwt.new-token.issuer", ISSUER);
            return Map.of(
                    "quarkus.datasource.jdbc.url", pg.getJdbcUrl("postgres", "postgres"),
                    "quarkus.datasource.username", "postgres",
                    "quarkus.datasource.password", "postgres",
                    "AFTERSALES_JWT_ISSUER", ISSUER,
                    "AFTERSALES_JWT_JWKS_URL", publicKey.toUri().toString(),
                    "QUARKUS_FLYWAY_MIGRATE_AT_START", "true",
                    "AFTERSALES_ATTACHMENTS_BUCKET", "aftersales-it",
                    "AFTERSALES_JOBS_TRIGGER_TOKEN", EndToEndFlows.JOB_TOKEN,
                    "quarkus-internal.aws-lambda.test-api", "localhost:" + port + MockHttpEventServer.BASE_PATH);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
        try {
            if (lambda != null) {
                lambda.close();
            }
            if (pg != null) {
                pg.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----";
    }
}
