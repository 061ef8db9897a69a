package com.aftersales.packaged;

import io.restassured.RestAssured;
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
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link EndToEndFlows} rerun against the JVM build of target/function.zip, run the way AWS Lambda's Java runtime runs
 * it: the zip unpacked as the task root (the working directory), loaded by AWS's Lambda Runtime Interface Client (the
 * runtime of AWS's Java base images, copied to target/lambda-java-runtime by the build), which calls the handler the
 * Terraform module configures and polls a Lambda runtime API for events. That API is the mock event server of
 * {@link PackagedArtifactResources}, which also turns the tests' HTTP requests into API Gateway v2 events. The
 * function gets its configuration from environment variables, as in AWS.
 */
@EnabledIfSystemProperty(named = "aftersales.package", matches = "jvm")
class PackagedJvmFunctionIT extends EndToEndFlows implements PackagedFunctionProofs {

    /** infra/modules/api-function: the handler of the JVM runtime. */
    static final String HANDLER = "io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest";

    private static final Path TARGET = Path.of("target").toAbsolutePath();

    private static PackagedArtifactResources resources;
    private static Process function;
    private static Path taskRoot;

    @BeforeAll
    static void startTheFunction() throws Exception {
        resources = new PackagedArtifactResources();
        Map<String, String> config = resources.start();
        taskRoot = unzip(TARGET.resolve("function.zip"), Files.createTempDirectory("aftersales-task"));
        Path runtime = TARGET.resolve("lambda-java-runtime");
        String classpath;
        try (Stream<Path> jars = Files.list(runtime)) {
            classpath = jars.map(Path::toString).sorted().collect(Collectors.joining(":"));
        }
        ProcessBuilder process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classpath, "com.amazonaws.services.lambda.runtime.api.client.AWSLambda", HANDLER)
                .directory(taskRoot.toFile()) // the runtime loads the function from its working directory, /var/task in AWS
                .redirectErrorStream(true)
                .redirectOutput(TARGET.resolve("function-jvm.log").toFile());
        Map<String, String> env = process.environment();
        env.put("LAMBDA_TASK_ROOT", taskRoot.toString());
        env.put("_HANDLER", HANDLER);
        env.put("AWS_LAMBDA_RUNTIME_API", "localhost:" + PackagedArtifactResources.port + "/_lambda_");
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
        // JVM options reach Lambda's Java runtime through JAVA_TOOL_OPTIONS: here the trust store with the test CA.
        env.put("JAVA_TOOL_OPTIONS", PackagedArtifactResources.javaToolOptions());
        config.forEach((key, value) -> {
            if (!key.startsWith("quarkus-internal.") // the native poll loop's test switch; not used here
                    && !PackagedArtifactResources.jvmOptions().containsKey(key)) {
                env.put(key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_"), value);
            }
        });
        long start = System.nanoTime();
        function = process.start();
        awaitReady(Duration.ofSeconds(90));
        System.out.printf("[measure] packaged JVM function: first answer %d ms after the JVM started (cold start with "
                + "migrations)%n", (System.nanoTime() - start) / 1_000_000);
    }

    @Test
    void theFunctionSignsAnIamTokenForItsDatabaseConnections() throws IOException {
        assertThat(Files.readString(TARGET.resolve("function-jvm.log")))
                .contains("Database connections authenticate with IAM tokens as postgres at localhost:");
    }

        @AfterAll
    static void stopTheFunction() throws InterruptedException, IOException {
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
        if (taskRoot != null) {
            try (Stream<Path> files = Files.walk(taskRoot)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
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

    private static Path unzip(Path zip, Path into) {
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
