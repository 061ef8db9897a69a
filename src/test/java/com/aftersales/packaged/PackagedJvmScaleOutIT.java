package com.aftersales.packaged;

import com.aftersales.cases.CaseTestData;
import com.aftersales.support.Api;
import com.aftersales.support.Outage;
import com.aftersales.support.Overlap;
import com.aftersales.support.CaseBodies;
import com.aftersales.support.EmbeddedPostgresServer;
import com.aftersales.support.Fixtures;
import com.aftersales.support.SparePartBodies;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static com.aftersales.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The races of the concurrency suite where requests really overlap, as in AWS when Lambda scales the API function out:
 * {@value #DEFAULT_INSTANCES} processes of the JVM build of target/function.zip (each run by AWS's runtime interface
 * client, as in {@link PackagedJvmFunctionIT}) poll one runtime API ({@link ScaleOutRuntimeApi}), which hands each
 * pending request to whichever process polls next, against one PostgreSQL. In {@code @QuarkusTest} the mock event
 * server hands the one function one invocation after another, so the same tests there run serially.
 *
 * <p>Each test proves from the runtime API's records that its requests overlapped: at least two processes answered
 * them and at least two were in flight at the same moment. With one process
 * ({@code -Daftersales.scale-out.instances=1}) that proof fails, as it must.
 */
@EnabledIfSystemProperty(named = "aftersales.package", matches = "jvm")
class PackagedJvmScaleOutIT {

    static final int DEFAULT_INSTANCES = 4;

    private static final int INSTANCES = Integer.getInteger("aftersales.scale-out.instances", DEFAULT_INSTANCES);
    private static final Path TARGET = Path.of("target").toAbsolutePath();

    private static ScaleOutRuntimeApi api;
    private static PackagedArtifactResources resources;
    private static Map<String, String> config;
    private static Path taskRoot;
    private static final List<Process> functions = new ArrayList<>();

    @BeforeAll
    static void startTheFunctions() throws Exception {
        api = new ScaleOutRuntimeApi();
        resources = new PackagedArtifactResources(api);
        config = resources.start();
        taskRoot = PackagedJvmFunctionIT.unzip(TARGET.resolve("function.zip"), Files.createTempDirectory("aftersales-task"));
        long start = System.nanoTime();
        // The first process migrates the schema (in AWS the migration function does, before the API function runs);
        // then the others start together, as Lambda starts instances for a burst.
        functions.add(launch(1, Map.of()));
        awaitPolling(1);
        for (int i = 2; i <= INSTANCES; i++) {
            functions.add(launch(i, Map.of("QUARKUS_FLYWAY_MIGRATE_AT_START", "false")));
        }
        awaitPolling(INSTANCES);
        System.out.printf("[measure] scale-out: %d JVM function processes polling one runtime API %d ms after their start%n",
                INSTANCES, (System.nanoTime() - start) / 1_000_000);
    }

    /**
     * Process {@code instance}, with the JIT setting of Lambda's Java 17 and 21 runtimes (they stop tiered compilation
     * at level 1, C1 only, by default; AWS Lambda developer guide, "Customize Java runtime startup behavior"): it
     * also makes four JVMs starting on two cores start sooner.
     */
    private static Process launch(int instance, Map<String, String> extraEnv) throws IOException {
        Map<String, String> env = new java.util.HashMap<>(extraEnv);
        env.put("JDK_JAVA_OPTIONS", "-XX:+TieredCompilation -XX:TieredStopAtLevel=1");
        return PackagedJvmFunctionIT.launch(taskRoot, config, api.runtimeApi(instance), env,
                TARGET.resolve("function-jvm-scale-out-" + instance + ".log"));
    }

    /** Waits until {@code count} processes have polled the runtime API: they are started and take requests. */
    private static void awaitPolling(int count) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(180));
        while (api.polled().size() < count) {
            for (Process f : functions) {
                if (!f.isAlive()) {
                    throw new AssertionError("a function process exited with " + f.exitValue()
                            + "; see target/function-jvm-scale-out-*.log");
                }
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("only " + api.polled() + " of " + count + " processes polled within 180 s");
            }
            Thread.sleep(100);
        }
    }

    @AfterAll
    static void stopTheFunctions() throws Exception {
        for (Process f : functions) {
            f.destroy();
        }
        for (Process f : functions) {
            f.waitFor();
        }
        if (resources != null) {
            resources.stop();
        }
        PackagedJvmFunctionIT.deleteTaskRoot(taskRoot);
    }

    @BeforeEach
    void throughTheRuntimeApi() {
        RestAssured.port = PackagedArtifactResources.port;
    }

    @Test
    void twentyClientsRetryingWithOneKeyCreateOneCaseAndOneReceipt() throws Exception {
        // A case: exactly one is created; every client gets that case (201, the stored answer) or 409 (still running).
        CaseTestData.World world = CaseTestData.world("COMMERCIAL_VEHICLE");
        String body = CaseTestData.caseJson(world, 1000);
        String key = UUID.randomUUID().toString();
        long mark = api.mark();
        List<Response> answers = atOnce(20, i -> as("SALES").header("Idempotency-Key", key).body(body).post("/api/v1/cases"));
        proveOverlap("idempotent case creation", mark, "/api/v1/cases");
        Set<String> created = new TreeSet<>();
        for (Response r : answers) {
            if (r.statusCode() == 201) {
                created.add(r.path("id"));
            } else {
                assertThat(r.statusCode()).as(r.asString()).isEqualTo(409);
                assertThat(r.<String>path("type")).isEqualTo("urn:problem:aftersales:idempotency_in_progress");
            }
        }
        assertThat(created).hasSize(1);
        assertThat(count("select count(*) from service_case where customer_id = ?", UUID.fromString(world.customerId())))
                .isEqualTo(1);

        // A stock receipt of 5, sent by 20 clients with one key: the stock grows by 5, one movement is booked.
        String part = Fixtures.part(SparePartBodies.part("电机轴承 6205", "85.50").productModel("TM220").wearPart(false));
        String receipt = SparePartBodies.movement("RECEIPT", "ZZ-RETRY", 5).json();
        String receiptKey = UUID.randomUUID().toString();
        mark = api.mark();
        List<Response> receipts = atOnce(20, i -> as("WAREHOUSE").header("Idempotency-Key", receiptKey).body(receipt)
                .post("/api/v1/spare-parts/" + part + "/movements"));
        proveOverlap("idempotent stock receipt", mark, "/api/v1/spare-parts/" + part);
        Set<String> bodies = new TreeSet<>();
        for (Response r : receipts) {
            if (r.statusCode() == 409) {
                assertThat(r.<String>path("type")).isEqualTo("urn:problem:aftersales:idempotency_in_progress");
            } else {
                assertThat(r.statusCode()).as(r.asString()).isEqualTo(200);
                bodies.add(r.asString());
            }
        }
        assertThat(bodies).hasSize(1);
        assertThat(count("select quantity from stock where part_id = ? and location = 'ZZ-RETRY'", UUID.fromString(part)))
                .isEqualTo(5);
        assertThat(count("select count(*) from stock_movement where part_id = ?", UUID.fromString(part))).isEqualTo(1);
    }

    @Test
    void fiftyEditsWithOneETagHaveOneWinnerAndNothingIsLost() throws Exception {
        String caseId = CaseTestData.openCase(CaseTestData.world("COMMERCIAL_VEHICLE"));
        String path = "/api/v1/cases/" + caseId;
        int v0 = version(as("SALES").get(path));
        long mark = api.mark();
        List<Response> first = atOnce(50, i -> editActionPlan(path, v0, "方案 " + i));
        proveOverlap("If-Match edits", mark, path + "/action-plan");
        String winner = null;
        for (int i = 0; i < first.size(); i++) {
            Response r = first.get(i);
            if (r.statusCode() == 200) {
                assertThat(winner).as("a second winner: 方案 %d", i).isNull();
                winner = "方案 " + i;
                assertThat(version(r)).isEqualTo(v0 + 1);
            } else {
                assertThat(r.statusCode()).as(r.asString()).isEqualTo(412);
                assertThat(r.contentType()).startsWith("application/problem+json");
            }
        }
        assertThat(winner).as("one of the 50 edits wins").isNotNull();
        // No update lost unseen: the case holds the winner's plan at the next version, and its timeline that one plan
        // only (a loser that had written anyway would show up there or have overwritten it).
        Response now = as("SALES").get(path);
        assertThat(version(now)).isEqualTo(v0 + 1);
        assertThat(now.<String>path("actionPlan")).isEqualTo(winner);
        assertThat(strings("select text from case_event where case_id = ? and kind = 'ACTION_PLAN' order by id",
                UUID.fromString(caseId))).containsExactly(winner);
    }

    @Test
    void concurrentIssuesOfOnePartAtOneLocationNeverOversell() throws Exception {
        String part = Fixtures.part(SparePartBodies.part("电机轴承 6205", "85.50").productModel("TM220").wearPart(true));
        UUID partId = UUID.fromString(part);
        String caseId = CaseTestData.openCase(CaseTestData.world("COMMERCIAL_VEHICLE"));
        as("WAREHOUSE").body(SparePartBodies.movement("RECEIPT", "ZZ-RACE", 30).json())
                .post("/api/v1/spare-parts/" + part + "/movements").then().statusCode(200);
        // Meanwhile the stock is watched from outside: it must never be seen below zero.
        AtomicBoolean watching = new AtomicBoolean(true);
        AtomicInteger lowest = new AtomicInteger(Integer.MAX_VALUE);
        Thread watcher = new Thread(() -> {
            try (Connection c = connect(); PreparedStatement s = c.prepareStatement(
                    "select quantity from stock where part_id = ? and location = 'ZZ-RACE'")) {
                s.setObject(1, partId);
                while (watching.get()) {
                    try (ResultSet r = s.executeQuery()) {
                        r.next();
                        lowest.accumulateAndGet(r.getInt(1), Math::min);
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        watcher.start();
        long mark = api.mark();
        // 40 issues of 1 to 3 pieces (80 asked for, 30 in stock).
        List<Response> answers;
        try {
            answers = atOnce(40, i -> as("WAREHOUSE").body(SparePartBodies.movement("ISSUE", "ZZ-RACE", 1 + i % 3).caseId(caseId).json())
                    .post("/api/v1/spare-parts/" + part + "/movements"));
        } finally {
            watching.set(false);
            watcher.join();
        }
        proveOverlap("stock issues", mark, "/api/v1/spare-parts/" + part);
        int issued = 0;
        int refusals = 0;
        for (int i = 0; i < answers.size(); i++) {
            Response r = answers.get(i);
            int asked = 1 + i % 3;
            if (r.statusCode() == 200) {
                issued += asked;
                assertThat(r.<Integer>path("quantity")).isGreaterThanOrEqualTo(0);
            } else {
                assertThat(r.statusCode()).as(r.asString()).isEqualTo(409);
                assertThat(r.<String>path("type")).isEqualTo("urn:problem:aftersales:stock_insufficient");
                assertThat(r.<Integer>path("available")).isBetween(0, asked - 1);
                refusals++;
            }
        }
        long left = count("select quantity from stock where part_id = ? and location = 'ZZ-RACE'", partId);
        System.out.printf("[measure] scale-out stock issues: 40 issues, %d pieces issued, %d refused, %d left, lowest seen %d%n",
                issued, refusals, left, lowest.get());
        assertThat(left).isGreaterThanOrEqualTo(0).isEqualTo(30 - issued);
        assertThat(lowest.get()).isGreaterThanOrEqualTo(0);
        assertThat(refusals).as("80 pieces asked for, 30 in stock").isPositive();
        assertThat(count("select -sum(quantity) from stock_movement where part_id = ? and kind = 'ISSUE'", partId))
                .isEqualTo(issued);
    }

    @Test
    void concurrentCostVerifiersCannotRacePastTheGeneralManagerThreshold() throws Exception {
        // Eight travel lines of 3,000 CNY on one case, verified at once by eight after-sales managers: the case row is
        // locked, so exactly three pass (9,000 ≤ 10,000) and the other five wait for the general manager.
        String caseId = CaseTestData.openCase(CaseTestData.world("COMMERCIAL_VEHICLE"));
        String costs = "/api/v1/cases/" + caseId + "/costs";
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            lines.add(as("SALES").body(CaseBodies.cost("TRAVEL", "3000").json()).post(costs).then().statusCode(201)
                    .extract().path("id"));
        }
        long mark = api.mark();
        List<Response> answers = atOnce(8, i -> Api.asPerson("asm-" + i, "AFTER_SALES_MANAGER").header("If-Match", "\"0\"")
                .body(CaseBodies.decision("VERIFY")).post(costs + "/" + lines.get(i) + "/verification"));
        proveOverlap("cost verifications of one case", mark, costs);
        answers.forEach(r -> assertThat(r.statusCode()).as(r.asString()).isEqualTo(200));
        UUID id = UUID.fromString(caseId);
        assertThat(count("select count(*) from case_cost where case_id = ? and status = 'VERIFIED'", id)).isEqualTo(3);
        assertThat(count("select count(*) from case_cost where case_id = ? and status = 'AWAITING_GM'", id)).isEqualTo(5);
    }

    @Test
    void jobsFiredTenTimesAtOnceNotifyOncePerDueItem() throws Exception {
        // A case whose two SLA due times passed: placed 400 hours back with SQL (the function processes' clocks cannot
        // be moved from here).
        String caseId = CaseTestData.openCase(CaseTestData.world("COMMERCIAL_VEHICLE"));
        assertThat(update("update service_case set created_at = created_at - interval '400 hours', "
                + "first_response_due = first_response_due - interval '400 hours', "
                + "resolution_due = resolution_due - interval '400 hours' where id = ?", UUID.fromString(caseId))).isEqualTo(1);
        // A location whose stock of a part is below its safety stock.
        String part = Fixtures.part(SparePartBodies.part("熔断器", "12.00"));
        String location = "JOB-" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        as("WAREHOUSE").body(SparePartBodies.movement("RECEIPT", location, 2).json())
                .post("/api/v1/spare-parts/" + part + "/movements").then().statusCode(200);
        Fixtures.stockLevels(part, location, 5, 6);

        // Each job fired 10 times at once (a retried and an overlapping schedule), both jobs together.
        long mark = api.mark();
        List<Response> runs = atOnce(20, i -> as("ADMIN").post("/api/v1/admin/jobs/" + (i % 2 == 0 ? "sla-breach" : "safety-stock") + "/runs"));
        proveOverlap("job runs", mark, "/api/v1/admin/jobs/");
        for (Response r : runs) {
            assertThat(r.statusCode()).as(r.asString()).isEqualTo(200);
            assertThat(r.<String>path("outcome")).as(r.asString()).isEqualTo("OK");
        }
        assertThat(strings("select payload ->> 'breach' from notice where kind = 'SLA_BREACH' and payload ->> 'caseId' = ? "
                + "order by 1", caseId)).containsExactly("first-response", "resolution");
        List<String> alerts = strings("select recipient_role from notice where kind = 'SAFETY_STOCK' and payload ->> 'location' = ? "
                + "order by 1", location);
        assertThat(alerts).as("one alert per recipient role, as after one run (JobsTest)").hasSize(2).doesNotHaveDuplicates();
    }

    @Test
    void anOutageUnderEightWritingClientsIsA503AndLosesNothing() throws Exception {
        EmbeddedPostgresServer db;
        try (Connection c = connect(); ResultSet r = c.createStatement().executeQuery("select current_setting('data_directory')")) {
            r.next();
            db = EmbeddedPostgresServer.of(Path.of(r.getString(1)));
        }
        long mark = api.mark();
        long stoppedAt;
        long downAt;
        long restartedAt;
        long recoveredAt = 0;
        Collection<Outage.Attempt> attempts;
        try (Outage.Writers writers = Outage.startWriters(8)) {
            attempts = writers.attempts();
            Outage.awaitAcknowledged(attempts, 0);
            stoppedAt = System.nanoTime();
            db.stop();
            downAt = System.nanoTime();
            Thread.sleep(2000);
            restartedAt = System.nanoTime();
            db.start();
            recoveredAt = Outage.awaitServedAgain();
            assertThat(recoveredAt).as("served again within 60 s of the restart, without restarting the functions").isPositive();
            Outage.awaitAcknowledged(attempts, recoveredAt);
        }
        proveOverlap("registrations during the outage", mark, "/api/v1/customers");
        Map<Integer, Integer> byStatus = new TreeMap<>();
        attempts.forEach(a -> byStatus.merge(a.status(), 1, Integer::sum));
        System.out.printf("[measure] scale-out database outage: %d registrations %s; database down %d ms after the stop began, "
                        + "last write acknowledged %d ms after that; served again %d ms after the restart%n", attempts.size(), byStatus,
                (downAt - stoppedAt) / 1_000_000, Outage.lastAcknowledgedBefore(attempts, restartedAt, downAt), (recoveredAt - restartedAt) / 1_000_000);
        assertThat(byStatus.keySet()).as("statuses %s", byStatus).containsOnly(201, 503);
        assertThat(attempts).filteredOn(a -> a.status() == 503).isNotEmpty().allSatisfy(a -> {
            assertThat(a.contentType()).startsWith("application/problem+json");
            assertThat(a.retryAfter()).isNotBlank();
        });
        long stopped = stoppedAt;
        long restarted = restartedAt;
        long recovered = recoveredAt;
        assertThat(attempts).filteredOn(a -> a.status() == 201 && a.at() < stopped).isNotEmpty();
        assertThat(attempts).filteredOn(a -> a.status() == 201 && a.at() > recovered).as("writes after recovery").isNotEmpty();
        // A write committed just before the server went down may be answered a moment later; none after that. (Measured
        // from when the server process had exited, not from when it was told to stop: on a loaded machine, with requests
        // overlapping, its shutdown took more than the 0.5 s allowed here, and writes committed meanwhile were counted.)
        long down = downAt;
        assertThat(attempts).filteredOn(a -> a.status() == 201 && a.at() > down + 500_000_000L && a.at() < restarted)
                .as("nothing acknowledged while the database was down").isEmpty();
        String[] all = attempts.stream().map(Outage.Attempt::code).toArray(String[]::new);
        String[] acknowledged = attempts.stream().filter(a -> a.status() == 201).map(Outage.Attempt::code).toArray(String[]::new);
        assertThat(count("select count(*) from customer where code = any(?)", acknowledged))
                .as("every acknowledged registration is stored").isEqualTo(acknowledged.length);
        // A refused write whose commit reached the database as it stopped is stored all the same (in doubt); the client's
        // retry under the same Idempotency-Key settles each: a replay or a first registration, never a second one.
        attempts.stream().filter(a -> a.status() == 503).forEach(a -> assertThat(a.retry().statusCode())
                .as("retry of %s", a.code()).isEqualTo(201));
        assertThat(count("select count(*) from customer where code = any(?)", all))
                .as("every registration stored once after the retries").isEqualTo(all.length);
        assertThat(count("""
                select count(*) from customer c where c.code = any(?)
                  and not exists (select 1 from audit_log a where a.entity_type = 'customer' and a.entity_id = cast(c.id as text))""",
                all)).as("customers without their audit entry").isZero();
    }


    private static Response editActionPlan(String path, int version, String plan) {
        return as("AFTER_SALES_MANAGER").header("If-Match", "\"" + version + "\"").body(CaseBodies.actionPlan(plan))
                .put(path + "/action-plan");
    }

    private static int version(Response r) {
        return Integer.parseInt(r.header("ETag").replace("W/", "").replace("\"", ""));
    }

    /** A client's call; {@code i} is its number. */
    interface Client<T> {
        T call(int i) throws Exception;
    }

    /** {@code clients} threads released together, each making its call; their results in client order. */
    private static <T> List<T> atOnce(int clients, Client<T> client) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> calls = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                int n = i;
                calls.add(pool.submit((Callable<T>) () -> {
                    start.await();
                    return client.call(n);
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : calls) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * The proof that the requests since {@code mark} to paths under {@code path} overlapped: the runtime API handed
     * them to at least two processes and had at least two of them in flight at once. Fails otherwise.
     */
    private static void proveOverlap(String what, long mark, String path) {
        Overlap overlap = api.since(mark, i -> i.path().startsWith(path));
        System.out.printf("[measure] scale-out %s: %s%n", what, overlap);
        assertThat(overlap.servers()).as("processes that answered the %s (%s)", what, overlap).hasSizeGreaterThanOrEqualTo(2);
        assertThat(overlap.maxInFlight()).as("%s in flight at once (%s)", what, overlap).isGreaterThanOrEqualTo(2);
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(PackagedArtifactResources.testJdbcUrl(),
                config.get("quarkus.datasource.username"), config.get("quarkus.datasource.password"));
    }

    private static long count(String sql, Object parameter) throws SQLException {
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, parameter instanceof String[] texts ? c.createArrayOf("text", texts) : parameter);
            try (ResultSet r = s.executeQuery()) {
                assertThat(r.next()).as(sql).isTrue();
                return r.getLong(1);
            }
        }
    }

    private static int update(String sql, Object parameter) throws SQLException {
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, parameter);
            return s.executeUpdate();
        }
    }

    private static List<String> strings(String sql, Object parameter) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, parameter);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    values.add(r.getString(1));
                }
            }
        }
        return values;
    }
}
