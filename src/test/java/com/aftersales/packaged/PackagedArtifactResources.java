package com.aftersales.packaged;

import io.quarkus.amazon.lambda.runtime.MockHttpEventServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What the packaged function needs when it runs with its prod configuration outside AWS, each as AWS presents it:
 * a real PostgreSQL reached with TLS verify-full and IAM tokens ({@link TlsPostgres}), an identity provider's issuer and
 * key set over HTTPS ({@link HttpsJwks}; a throw-away key pair, this JVM signs the test tokens with the private half),
 * an S3-compatible server for the attachments' presigned URLs ({@link LocalS3}), the CA of the servers' certificates
 * in the function's trust store ({@link TestCertificates}), and Flyway at start (QUARKUS_FLYWAY_MIGRATE_AT_START: in
 * AWS only the migration function's handler migrates, PackagedMigrateFunctionIT). {@link PackagedFunctionProofs} checks what the function did with them.
 */
public class PackagedArtifactResources implements QuarkusTestResourceLifecycleManager {

    static final String ISSUER = "https://cognito-idp.cn-north-1.amazonaws.com/it-pool";

    /** The port of the mock event server: the function's API for the tests. */
    static volatile int port;

    /** The bucket of the attachments in the local S3 server. */
    static final String BUCKET = "aftersales-it";

    /** The key id of the identity provider's key in the key set and in the tokens' headers. */
    static final String KEY_ID = "aftersales-it-1";

    /** The function's region and the AWS credentials of its execution role (examples: nothing leaves this machine). */
    static final String REGION = "cn-north-1";
    static final String ACCESS_KEY_ID = "AKIDEXAMPLE";
    static final String SECRET_ACCESS_KEY = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    static final String SESSION_TOKEN = "session-token-of-the-execution-role";

    /** The servers started for the function under test, for the tests that check what it did with them. */
    static volatile TestCertificates certificates;
    static volatile TlsPostgres pg;
    static volatile HttpsJwks jwks;
    static volatile LocalS3 s3;
    private static volatile Path trustStore;

    /**
     * The database as this test JVM reaches it: verify-full with the test CA given by file, since this JVM's default
     * trust store (which the function's URL relies on, as in AWS) does not hold it.
     */
    static String testJdbcUrl() {
        return "jdbc:postgresql://localhost:" + pg.port() + "/postgres?sslmode=verify-full&sslrootcert=" + certificates.caPem();
    }

    private final MockHttpEventServer lambda;

    public PackagedArtifactResources() {
        this(new MockHttpEventServer());
    }

    /** With this runtime API in front of the function (e.g. one that several function processes poll). */
    PackagedArtifactResources(MockHttpEventServer runtimeApi) {
        this.lambda = runtimeApi;
    }

    @Override
    public Map<String, String> start() {
        try {
            // The Lambda runtime API the packaged function polls, and the HTTP front that turns requests into events
            // (API Gateway v2 payloads), on the port REST Assured uses.
            try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
                port = free.getLocalPort();
            }
            lambda.start(port);
            // TLS as in AWS: PostgreSQL (verify-full) and the identity provider's keys (HTTPS) present certificates of
            // a CA that only the function process is told to trust; attachments go to an S3-compatible server.
            long start = System.nanoTime();
            certificates = TestCertificates.newAuthority();
            trustStore = certificates.trustStore();
            pg = TlsPostgres.start(certificates);
            long pgStarted = System.nanoTime();
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            jwks = HttpsJwks.start(certificates, (RSAPublicKey) pair.getPublic(), KEY_ID);
            long s3Start = System.nanoTime();
            s3 = LocalS3.start(BUCKET, ACCESS_KEY_ID, SECRET_ACCESS_KEY);
            System.out.printf("[measure] packaged-function resources: CA and PostgreSQL with TLS %d ms, S3Proxy %d ms, all %d ms%n",
                    (pgStarted - start) / 1_000_000, (System.nanoTime() - s3Start) / 1_000_000, (System.nanoTime() - start) / 1_000_000);
            // The tests sign their tokens with the private half, under the key id of the key set (as Cognito does).
            RsaJsonWebKey signing = new RsaJsonWebKey((RSAPublicKey) pair.getPublic());
            signing.setPrivateKey(pair.getPrivate());
            signing.setKeyId(KEY_ID);
            System.setProperty("smallrye.jwt.sign.key", signing.toJson(JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE));
            System.setProperty("smallrye.jwt.new-token.issuer", ISSUER);
            Map<String, String> config = new LinkedHashMap<>();
            config.put("quarkus.datasource.jdbc.url", pg.jdbcUrl());
            config.put("quarkus.datasource.username", "postgres");
            config.put("quarkus.datasource.password", "postgres");
            // As in AWS: every connection authenticates with an IAM token signed with the function's credentials
            // (RdsIamCredentials). The embedded PostgreSQL cannot check such tokens and trusts local users.
            config.put("quarkus.datasource.credentials-provider", "rds-iam");
            config.put("AFTERSALES_JWT_ISSUER", ISSUER);
            config.put("AFTERSALES_JWT_JWKS_URL", jwks.url());
            // The app client the tests' access tokens are issued to (support.Api.jwt).
            config.put("AFTERSALES_SECURITY_CLIENT_IDS", com.aftersales.support.Api.CLIENT_ID);
            // By its property name, so the Quarkus launchers (-D: native binary, server jar) get it too; in AWS only the
            // migration function migrates.
            config.put("quarkus.flyway.migrate-at-start", "true");
            config.put("AFTERSALES_ATTACHMENTS_BUCKET", BUCKET);
            config.put("aftersales.attachments.s3-endpoint", s3.endpoint()); // AFTERSALES_ATTACHMENTS_S3_ENDPOINT in the JVM IT
            config.put("quarkus-internal.aws-lambda.test-api", "localhost:" + port + MockHttpEventServer.BASE_PATH);
            config.putAll(jvmOptions());
            return config;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * JVM system properties of the function process: the trust store with the test CA (JVM and native runners take
     * it as {@code -Djavax.net.ssl.trustStore}; in Lambda's Java runtime it would be JAVA_TOOL_OPTIONS), and the
     * AWS region and credentials for the processes that do not get AWS's environment variables. The
     * {@code @QuarkusIntegrationTest} launchers pass every entry of the map as {@code -D}; {@link PackagedJvmFunctionIT}
     * passes these in JAVA_TOOL_OPTIONS.
     */
    static Map<String, String> jvmOptions() {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("javax.net.ssl.trustStore", trustStore.toString());
        options.put("javax.net.ssl.trustStorePassword", TestCertificates.STORE_PASSWORD);
        options.put("javax.net.ssl.trustStoreType", "PKCS12");
        options.put("aws.region", REGION);
        options.put("aws.accessKeyId", ACCESS_KEY_ID);
        options.put("aws.secretAccessKey", SECRET_ACCESS_KEY);
        options.put("aws.sessionToken", SESSION_TOKEN);
        return options;
    }

    /** {@link #jvmOptions()} as a JAVA_TOOL_OPTIONS value. */
    static String javaToolOptions() {
        return jvmOptions().entrySet().stream().map(option -> "-D" + option.getKey() + "=" + option.getValue())
                .collect(Collectors.joining(" "));
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
            if (jwks != null) {
                jwks.close();
            }
            if (s3 != null) {
                s3.close();
            }
            if (certificates != null) {
                certificates.delete();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
