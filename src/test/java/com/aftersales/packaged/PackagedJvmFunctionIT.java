package com.aftersales.packaged;

import com.aftersales.support.Api;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * {@link EndToEndFlows} rerun against the JVM build of target/function.zip, run the way AWS Lambda's Java runtime runs
 * it: the zip unpacked as the task root (the working directory), loaded by AWS's Lambda Runtime Interface Client (the
 * runtime of AWS's Java base images, copied to target/lambda-java-runtime by the build), which calls the handler the
 * Terraform module configures and polls a Lambda runtime API for events. That API is the mock event server of
 * {@link PackagedArtifactResources}, which also turns the tests' HTTP requests into API Gateway v2 events. The
 * function gets its configuration from environment variables, as in AWS. The jobs function (the same zip with
 * QUARKUS_LAMBDA_HANDLER=jobs) runs beside it on a runtime API of its own.
 */
@EnabledIfSystemProperty(named = "aftersales.package", matches = "jvm")
class PackagedJvmFunctionIT extends EndToEndFlows implements PackagedFunctionProofs {

    /** infra/modules/api-function: the handler of the JVM runtime. */
    static final String HANDLER = "io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest";

    private static final Path TARGET = Path.of("target").toAbsolutePath();

    private static PackagedArtifactResources resources;
    private static Map<String, String> config;
    private static Process function;
    private static LambdaRuntimeApi jobsApi;
    private static Process jobsFunction;
    private static Path taskRoot;

    @BeforeAll
    static void startTheFunction() throws Exception {
        resources = new PackagedArtifactResources();
        config = resources.start();
        taskRoot = unzip(TARGET.resolve("function.zip"), Files.createTempDirectory("aftersales-task"));
        long start = System.nanoTime();
        function = launch(PackagedArtifactResources.port, Map.of(), "function-jvm.log");
        awaitReady(Duration.ofSeconds(90));
        long wallMs = (System.nanoTime() - start) / 1_000_000;
        // The CPU time too: on a shared machine the wall time stretches with the load, the CPU time far less.
        System.out.printf("[measure] packaged JVM function: first answer %d ms after the JVM started (cold start with "
                + "migrations; CPU %s ms)%n", wallMs, function.toHandle().info().totalCpuDuration()
                .map(d -> String.valueOf(d.toMillis())).orElse("?"));
        // The jobs function: the same package with QUARKUS_LAMBDA_HANDLER=jobs, polling a runtime API of its own, where
        // the tests post the schedules' input as EventBridge Scheduler does.
        jobsApi = new LambdaRuntimeApi();
        int jobsPort;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            jobsPort = free.getLocalPort();
        }
        jobsApi.start(jobsPort);
        jobsFunction = launch(jobsApi.getPort(), Map.of("QUARKUS_LAMBDA_HANDLER", "jobs"), "function-jvm-jobs.log");
    }

    /** The function zip run by AWS's runtime interface client, polling the runtime API on {@code port}. */
    private static Process launch(int port, Map<String, String> extraEnv, String log) throws IOException {
        return launch(taskRoot, config, "localhost:" + port + "/_lambda_", extraEnv, TARGET.resolve(log));
    }

    /**
     * The function unpacked in {@code taskRoot}, run by AWS's runtime interface client with the configuration of
     * {@link PackagedArtifactResources} as environment variables, polling the runtime API at {@code runtimeApi}
     * (AWS_LAMBDA_RUNTIME_API: host, port and base path); its output goes to {@code log}.
     */
    static Process launch(Path taskRoot, Map<String, String> config, String runtimeApi, Map<String, String> extraEnv,
                          Path log) throws IOException {
        Path runtime = TARGET.resolve("lambda-java-runtime");
        String classpath;
        try (Stream<Path> jars = Files.list(runtime)) {
            classpath = jars.map(Path::toString).sorted().collect(Collectors.joining(":"));
        }
        ProcessBuilder process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classpath, "com.amazonaws.services.lambda.runtime.api.client.AWSLambda", HANDLER)
                .directory(taskRoot.toFile()) // the runtime loads the function from its working directory, /var/task in AWS
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = process.environment();
        env.put("LAMBDA_TASK_ROOT", taskRoot.toString());
        env.put("_HANDLER", HANDLER);
        env.put("AWS_LAMBDA_RUNTIME_API", runtimeApi);
        env.put("AWS_LAMBDA_FUNCTION_NAME", "aftersales-it");
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "512");
        env.put("AWS_REGION", PackagedArtifactResources.REGION);
        env.put("DISABLE_SIGNAL_HANDLERS", "true");
        // As in AWS: IAM authentication to the database (the embedded PostgreSQL trusts local connections, so the token
        // is not checked here, but the packaged function must sign one for every connection it opens).
        env.put("QUARKUS_DATASOURCE_CREDENTIALS_PROVIDER", "rds-iam");
        env.put("AWS_ACCESS_KEY_ID", PackagedArtifactResources.ACCESS_KEY_ID);
        env.put("AWS_SECRET_ACCESS_KEY", PackagedArtifactResources.SECRET_ACCESS_KEY);
        env.put("AWS_SESSION_TOKEN", PackagedArtifactResources.SESSION_TOKEN);
        // JVM options reach Lambda's Java runtime through JAVA_TOOL_OPTIONS: the C1-only flags Terraform sets
        // (infra/modules/api-function, jvm_options), and here the trust store with the test CA.
        env.put("JAVA_TOOL_OPTIONS", JVM_OPTIONS + " " + PackagedArtifactResources.javaToolOptions() + " -D" + JNI_PROPERTY
                + "=" + jniLibrary(runtime));
        config.forEach((key, value) -> {
            if (!key.startsWith("quarkus-internal.") // the native poll loop's test switch; not used here
                    && !PackagedArtifactResources.jvmOptions().containsKey(key)) {
                env.put(key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_"), value);
            }
        });
        env.putAll(extraEnv);
        return process.start();
    }

    /** infra/modules/api-function's default jvm_options (the JVM build's JAVA_TOOL_OPTIONS in Lambda). */
    static final String JVM_OPTIONS = "-XX:+TieredCompilation -XX:TieredStopAtLevel=1";

    /** The runtime interface client's switch for the path of its native library (read by its JniHelper). */
    static final String JNI_PROPERTY = "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";

    /**
     * The runtime interface client's native library (glibc build for this machine's architecture), unpacked once from
     * its jar into target. Without the {@link #JNI_PROPERTY} switch each client unpacks it to the fixed path
     * /tmp/.libaws-lambda-jni.so (in Lambda every instance has a /tmp of its own), so processes starting at the same
     * time on one machine overwrite the file another one is loading and crash ("file too short", SIGABRT).
     */
    private static synchronized Path jniLibrary(Path runtime) throws IOException {
        Path library = TARGET.resolve("lambda-java-runtime-jni").resolve("libaws-lambda-jni.so");
        if (!Files.exists(library)) {
            String arch = System.getProperty("os.arch").equals("aarch64") ? "aarch_64" : "x86_64";
            Path client;
            try (Stream<Path> jars = Files.list(runtime)) {
                client = jars.filter(jar -> jar.getFileName().toString().startsWith("aws-lambda-java-runtime-interface-client"))
                        .findFirst().orElseThrow(() -> new IOException("no runtime interface client in " + runtime));
            }
            try (java.util.zip.ZipFile jar = new java.util.zip.ZipFile(client.toFile())) {
                ZipEntry entry = jar.getEntry("jni/libaws-lambda-jni.linux-" + arch + ".so");
                if (entry == null) {
                    throw new IOException("no native library for linux-" + arch + " in " + client);
                }
                Files.createDirectories(library.getParent());
                Path partial = Files.createTempFile(library.getParent(), "libaws-lambda-jni", ".part");
                try (var in = jar.getInputStream(entry)) {
                    Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
                }
                Files.move(partial, library, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return library;
    }

    @Test
    void theFunctionSignsAnIamTokenForItsDatabaseConnections() throws IOException {
        assertThat(Files.readString(TARGET.resolve("function-jvm.log")))
                .contains("Database connections authenticate with IAM tokens as postgres at localhost:");
    }

    @Test
    void theJobsFunctionAnswersARunThatEndsOkAndFailsTheInvocationOtherwise() throws Exception {
        // The first invocation also starts the function (a cold start).
        Invocation ok = invokeTheJobsFunction("{\"job\":\"sla-breach\"}");
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
        assertThat(ok.json().getString("outcome")).isEqualTo("OK");
        assertThat(ok.json().getString("trigger")).isEqualTo("EVENTBRIDGE");
        assertThat(ok.json().getString("actor")).isEqualTo("eventbridge-scheduler");
        Api.as("ADMIN").queryParam("job", "sla-breach").get("/api/v1/admin/jobs/runs").then().statusCode(200)
                .body("find { it.id == " + ok.json().getLong("id") + " }.trigger", equalTo("EVENTBRIDGE"));

        // Lambda's invocation error (the runtime API answers the invoker 500): the scheduler retries, then dead-letters.
        Invocation unknown = invokeTheJobsFunction("{\"job\":\"no-such-job\"}");
        assertThat(unknown.status()).isEqualTo(500);
        assertThat(unknown.json().getString("errorType")).isEqualTo("java.lang.IllegalArgumentException");
        assertThat(unknown.json().getString("errorMessage")).contains("no job is named no-such-job");
        Invocation http = invokeTheJobsFunction(
                "{\"version\":\"2.0\",\"rawPath\":\"/q/health/ready\",\"requestContext\":{\"http\":{\"method\":\"GET\"}}}");
        assertThat(http.status()).isEqualTo(500);
        assertThat(http.json().getString("errorMessage")).contains("this is the jobs function");

        // A run that ends FAILED: its statement is cancelled while it waits for a lock held here (no transient failure,
        // so no retry within the run).
        Invocation failed;
        try (Connection holder = DriverManager.getConnection(PackagedArtifactResources.testJdbcUrl(),
                config.get("quarkus.datasource.username"), config.get("quarkus.datasource.password"));
             Connection canceller = DriverManager.getConnection(PackagedArtifactResources.testJdbcUrl(),
                     config.get("quarkus.datasource.username"), config.get("quarkus.datasource.password"))) {
            holder.setAutoCommit(false);
            try (Statement lock = holder.createStatement()) {
                lock.execute("lock table stock_alert in access exclusive mode");
            }
            CompletableFuture<Invocation> invocation = CompletableFuture.supplyAsync(
                    () -> invokeTheJobsFunction("{\"job\":\"safety-stock\"}"));
            cancelTheStatementWaitingFor("stock_alert", canceller);
            holder.rollback();
            failed = invocation.get(120, TimeUnit.SECONDS);
        }
        assertThat(failed.status()).as(failed.body()).isEqualTo(500);
        assertThat(failed.json().getString("errorType")).isEqualTo("com.aftersales.jobs.JobsFunction$JobFailedException");
        assertThat(failed.json().getString("errorMessage")).startsWith("Job safety-stock failed (run ");
        Api.as("ADMIN").queryParam("job", "safety-stock").get("/api/v1/admin/jobs/runs").then().statusCode(200)
                .body("[0].outcome", equalTo("FAILED")).body("[0].trigger", equalTo("EVENTBRIDGE"));
        // The function is still there for the scheduler's retry, which does the work.
        assertThat(invokeTheJobsFunction("{\"job\":\"safety-stock\"}").json().getString("outcome")).isEqualTo("OK");
    }

    /** What an invocation answered: the function's result (200) or Lambda's error object (500). */
    record Invocation(int status, String body) {
        JsonPath json() {
            return new JsonPath(body);
        }
    }

    /** Invokes the jobs function with this input, as EventBridge Scheduler does, and waits for its answer. */
    private static Invocation invokeTheJobsFunction(String input) {
        try {
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://localhost:" + jobsApi.getPort() + "/_lambda_"))
                    .header("Content-Type", "application/json").timeout(Duration.ofSeconds(120))
                    .POST(HttpRequest.BodyPublishers.ofString(input)).build(), HttpResponse.BodyHandlers.ofString());
            return new Invocation(answer.statusCode(), answer.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void cancelTheStatementWaitingFor(String table, Connection connection) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            try (var s = connection.createStatement();
                 var r = s.executeQuery("select pg_cancel_backend(pid) from pg_stat_activity where wait_event_type = 'Lock' "
                         + "and query like '%" + table + "%' and pid <> pg_backend_pid()")) {
                if (r.next()) {
                    return;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no statement waited for the lock on " + table);
    }

    @AfterAll
    static void stopTheFunction() throws InterruptedException, IOException {
        if (jobsFunction != null) {
            jobsFunction.destroy();
            jobsFunction.waitFor();
        }
        if (jobsApi != null) {
            jobsApi.close();
        }
        if (function != null) {
            // The resident-memory peak of the function while it served the flows (Linux).
            Path status = Path.of("/proc", String.valueOf(function.pid()), "status");
            if (Files.isReadable(status)) {
                Files.readAllLines(status).stream().filter(line -> line.startsWith("VmHWM:"))
                        .forEach(line -> System.out.printf("[measure] packaged JVM function: peak RSS %s%n",
                                line.substring("VmHWM:".length()).trim()));
            }
            function.destroy();
            function.waitFor();
        }
        if (resources != null) {
            resources.stop();
        }
        deleteTaskRoot(taskRoot);
    }

    @BeforeEach
    void throughTheMockEventServer() {
        RestAssured.port = PackagedArtifactResources.port;
    }

    /** The first answered readiness check: start-up, migrations and the first event done. */
    private static void awaitReady(Duration limit) throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://localhost:" + PackagedArtifactResources.port + "/q/health/ready"))
                .timeout(Duration.ofSeconds(5)).build();
        Instant deadline = Instant.now().plus(limit);
        while (Instant.now().isBefore(deadline)) {
            if (!function.isAlive()) {
                throw new AssertionError("the function exited with " + function.exitValue() + "; see target/function-jvm.log");
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // no answer yet: the function has not taken the event (still starting, or failed to start)
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the function was not ready within " + limit + "; see target/function-jvm.log");
    }

    /** Removes an unpacked task root, if there is one (also for the other packaged-function ITs). */
    static void deleteTaskRoot(Path taskRoot) throws IOException {
        if (taskRoot != null) {
            try (Stream<Path> files = Files.walk(taskRoot)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    /** Unpacks function.zip as Lambda does into its task root (also for PackagedMigrateFunctionIT). */
    static Path unzip(Path zip, Path into) {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                Path to = into.resolve(entry.getName()).normalize();
                if (!to.startsWith(into)) {
                    throw new IOException("entry outside the task root: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(to);
                } else {
                    Files.createDirectories(to.getParent());
                    // Quarkus' zip holds a few classes twice (original and transformed); the later one wins, as with unzip.
                    Files.copy(in, to, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return into;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
