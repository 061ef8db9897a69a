package com.aftersales.packaged;

import com.aftersales.support.LocalSecretsManager;
import com.aftersales.support.ShippedMigrations;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.amazon.lambda.runtime.MockEventServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The migration function as Terraform configures it: target/function.zip (the JVM build on AWS's Lambda Runtime
 * Interface Client, or the native bootstrap with -Dnative) with
 * {@code QUARKUS_LAMBDA_HANDLER=migrate} and no datasource settings at all, only the two secret ARNs and the
 * instance's JDBC URL; the secrets come from a local server speaking Secrets Manager's protocol. It must start on an
 * empty database without touching it, migrate when invoked ({@code {}}, as the deploy workflow invokes it), set up the
 * roles, answer what it applied, and fail the invocation when it cannot.
 */
@EnabledIfSystemProperty(named = "aftersales.package", matches = "jvm|native")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PackagedMigrateFunctionIT {

    private static final Path TARGET = Path.of("target").toAbsolutePath();
    private static final Path LOG = TARGET.resolve("function-migrate-" + System.getProperty("aftersales.package") + ".log");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String APP_PASSWORD = "app-password-from-terraform";

    private static EmbeddedPostgres pg;
    private static LocalSecretsManager secrets;
    private static MockEventServer lambda;
    private static Process function;
    private static Path taskRoot;
    private static String appSecret;
    private static boolean tablesBeforeTheFirstInvocation;

    @BeforeAll
    static void startTheMigrationFunction() throws Exception {
        pg = EmbeddedPostgres.builder().setServerConfig("timezone", "UTC").setServerConfig("fsync", "off").start();
        secrets = new LocalSecretsManager();
        String masterSecret = secrets.put("rds-master", "{\"username\":\"postgres\",\"password\":\"postgres\"}");
        appSecret = secrets.put("aftersales-app", "{\"username\":\"aftersales_app\",\"password\":\"" + APP_PASSWORD + "\"}");
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        lambda = new MockEventServer();
        lambda.start(port);

        taskRoot = PackagedJvmFunctionIT.unzip(TARGET.resolve("function.zip"), Files.createTempDirectory("aftersales-migrate-task"));
        ProcessBuilder process = new ProcessBuilder(command()).directory(taskRoot.toFile())
                .redirectErrorStream(true).redirectOutput(LOG.toFile());
        Map<String, String> env = process.environment();
        // Only what Lambda and Terraform give the function: nothing of this JVM's own configuration.
        env.keySet().removeIf(name -> name.startsWith("QUARKUS_") || name.startsWith("AFTERSALES_") || name.startsWith("AWS_"));
        env.put("LAMBDA_TASK_ROOT", taskRoot.toString());
        env.put("_HANDLER", PackagedJvmFunctionIT.HANDLER);
        env.put("AWS_LAMBDA_RUNTIME_API", "localhost:" + port + MockEventServer.BASE_PATH);
        env.put("AWS_LAMBDA_FUNCTION_NAME", "aftersales-it-migrate");
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "512");
        env.put("AWS_REGION", "cn-north-1");
        env.put("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE");
        env.put("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
        env.put("AWS_SESSION_TOKEN", "session-token-of-the-execution-role");
        env.put("DISABLE_SIGNAL_HANDLERS", "true");
        env.put("AWS_ENDPOINT_URL_SECRETS_MANAGER", secrets.endpoint()); // test only: the local Secrets Manager
        env.put("QUARKUS_LAMBDA_HANDLER", "migrate");
        env.put("AFTERSALES_DB_MASTER_SECRET_ARN", masterSecret);
        env.put("AFTERSALES_DB_APP_SECRET_ARN", appSecret);
        env.put("AFTERSALES_DB_INSTANCE_JDBC_URL", "jdbc:postgresql://localhost:" + pg.getPort() + "/postgres");
        function = process.start();
        awaitStarted(Duration.ofSeconds(90));
        tablesBeforeTheFirstInvocation = count("select count(*) from pg_tables where schemaname = 'public'") > 0;
    }

    @AfterAll
    static void stop() throws Exception {
        if (function != null) {
            function.destroy();
            function.waitFor();
        }
        if (lambda != null) {
            lambda.close();
        }
        if (secrets != null) {
            secrets.close();
        }
        if (pg != null) {
            pg.close();
        }
        PackagedJvmFunctionIT.deleteTaskRoot(taskRoot);
    }

    @Test
    @Order(1)
    void theFunctionStartsWithoutTouchingTheDatabaseAndMigratesWhenInvoked() throws Exception {
        assertThat(tablesBeforeTheFirstInvocation).as("tables created before the first invocation").isFalse();
        HttpResponse<String> answer = invoke("{}");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode result = JSON.readTree(answer.body());
        assertThat(result.path("applied").asInt()).isEqualTo(ShippedMigrations.count());
        assertThat(result.path("version").asText()).isEqualTo(ShippedMigrations.latest());
        assertThat(count("select count(*) from pg_tables where schemaname = 'public' and tableowner <> 'aftersales_owner'"))
                .isZero();
        assertThat(Files.readString(LOG)).contains("Schema migrated: " + ShippedMigrations.count() + " migration(s) applied, now at version "
                + ShippedMigrations.latest());
    }

    @Test
    @Order(2)
    void theApplicationRoleCanUseTheSchemaButNotChangeTheAuditLog() throws SQLException {
        try (Connection app = DriverManager.getConnection(url(), "aftersales_app", APP_PASSWORD)) {
            app.createStatement().execute("insert into customer (id, code, name, type) values (gen_random_uuid(), 'IT-1', 'IT', 'OEM')");
            app.createStatement().execute("insert into audit_log (actor, action, entity_type, entity_id) values ('it', 'CREATE', 'it', '1')");
            assertThatThrownBy(() -> app.createStatement().execute("update audit_log set actor = 'x'"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42501"));
            assertThatThrownBy(() -> app.createStatement().execute("create table intruder (id int)"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42501"));
        }
    }

    @Test
    @Order(3)
    void aSecondInvocationAppliesNothing() throws Exception {
        HttpResponse<String> answer = invoke("{}");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode result = JSON.readTree(answer.body());
        assertThat(result.path("applied").asInt()).isZero();
        assertThat(result.path("version").asText()).isEqualTo(ShippedMigrations.latest());
    }

    /** Last: after reporting the error, the runtime client stops (the mock runtime API answers 204 where AWS answers 202). */
    @Test
    @Order(4)
    void aFailedRunFailsTheInvocation() throws Exception {
        secrets.put("aftersales-app", "{\"username\":\"postgres\",\"password\":\"not-the-app\"}");
        try {
            HttpResponse<String> answer = invoke("{}");
            assertThat(answer.statusCode()).isEqualTo(500); // the runtime API got an invocation error
            assertThat(JSON.readTree(answer.body()).path("errorMessage").asText()).contains("not aftersales_app");
        } finally {
            secrets.put("aftersales-app", "{\"username\":\"aftersales_app\",\"password\":\"" + APP_PASSWORD + "\"}");
        }
    }

    /**
     * The native package's bootstrap (provided.al2023 runs it; its own poll loop), or the JVM package on AWS's runtime
     * interface client (the java21 runtime).
     */
    private static List<String> command() throws IOException {
        Path bootstrap = taskRoot.resolve("bootstrap");
        if (Files.exists(bootstrap)) {
            bootstrap.toFile().setExecutable(true);
            return List.of(bootstrap.toString());
        }
        try (Stream<Path> jars = Files.list(TARGET.resolve("lambda-java-runtime"))) {
            String classpath = jars.map(Path::toString).sorted().collect(Collectors.joining(":"));
            return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", classpath,
                    "com.amazonaws.services.lambda.runtime.api.client.AWSLambda", PackagedJvmFunctionIT.HANDLER);
        }
    }

    private static HttpResponse<String> invoke(String event) throws IOException, InterruptedException {
        assertThat(function.isAlive()).as("the function runs; see " + LOG).isTrue();
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + lambda.getPort() + MockEventServer.POST_EVENT))
                // The runtime client needs the event's content type (it crashes without one, as no AWS event lacks it).
                .header("Content-Type", "application/json").timeout(Duration.ofMinutes(2)).POST(HttpRequest.BodyPublishers.ofString(event)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String url() {
        return "jdbc:postgresql://localhost:" + pg.getPort() + "/postgres";
    }

    private static int count(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url(), "postgres", "postgres"); var rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** Quarkus has started (its banner line) and the runtime client polls for the first event. */
    private static void awaitStarted(Duration limit) throws InterruptedException, IOException {
        Instant deadline = Instant.now().plus(limit);
        while (Instant.now().isBefore(deadline)) {
            if (!function.isAlive()) {
                throw new AssertionError("the function exited with " + function.exitValue() + ":\n" + Files.readString(LOG));
            }
            if (Files.exists(LOG) && Files.readString(LOG).contains("started in")) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the function did not start within " + limit + "; see " + LOG);
    }
}
