package com.aftersales.shared;

import com.aftersales.support.ServerRequests;
import org.junit.jupiter.api.Tag;
import com.aftersales.support.Outage;
import com.aftersales.support.EmbeddedPostgresServer;
import com.aftersales.support.Sql;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The database goes away under load and comes back: while it is down every request is a 503 problem with Retry-After
 * (readiness DOWN), afterwards the service serves again without a restart, every acknowledged write is there with its
 * audit entry, and the client's retry of every refused one under its Idempotency-Key (as Retry-After asks) ends with
 * each registration stored exactly once. A write whose commit reached the database as it stopped is answered 503 but
 * stored (an in-doubt commit: no server can tell the client otherwise); its retry replays the stored answer rather than
 * registering it twice, which is what the key is for.
 */
@QuarkusTest
class DatabaseOutageTest {

    private static final int CLIENTS = 8;

    @Test
    @Tag("concurrency")
    void anOutageIsA503WithRetryAfterAndLosesNothing() throws Exception {
        EmbeddedPostgresServer db = EmbeddedPostgresServer.of(Path.of(Sql.text("select current_setting('data_directory')")));
        long mark = ServerRequests.mark();
        long stoppedAt;
        long downAt;
        long restartedAt;
        long recoveredAt;
        Collection<Outage.Attempt> attempts;
        try (Outage.Writers writers = Outage.startWriters(CLIENTS)) {
            attempts = writers.attempts();
            // Load first, until writes are being acknowledged (a cold service in a single-class run takes a while).
            Outage.awaitAcknowledged(attempts, 0);
            stoppedAt = System.nanoTime();
            db.stop();
            downAt = System.nanoTime();
            Thread.sleep(1000);
            Response ready = RestAssured.given().get("/q/health/ready");
            assertThat(ready.statusCode()).as("readiness while the database is down").isEqualTo(503);
            Thread.sleep(2000);
            restartedAt = System.nanoTime();
            db.start();
            recoveredAt = Outage.awaitServedAgain();
            assertThat(recoveredAt).as("served again within 60 s of the restart, without restarting the service").isPositive();
            Outage.awaitAcknowledged(attempts, recoveredAt);
        }

        ServerRequests.proveOverlap(CLIENTS + " clients registering through the outage", mark, "/api/v1/customers");
        Map<Integer, Integer> byStatus = new TreeMap<>();
        attempts.forEach(a -> byStatus.merge(a.status(), 1, Integer::sum));
        System.out.printf("[measure] database outage: %d registrations %s; database down %d ms after the stop began, last write "
                        + "acknowledged %d ms after that; served again %d ms after the restart%n", attempts.size(), byStatus,
                (downAt - stoppedAt) / 1_000_000, Outage.lastAcknowledgedBefore(attempts, restartedAt, downAt), (recoveredAt - restartedAt) / 1_000_000);
        assertThat(byStatus.keySet()).as("statuses %s", byStatus).containsOnly(201, 503);
        assertThat(attempts).filteredOn(a -> a.status() == 503)
                .allSatisfy(a -> {
                    assertThat(a.contentType()).startsWith("application/problem+json");
                    assertThat(a.retryAfter()).isNotBlank();
                })
                .isNotEmpty();
        long stopped = stoppedAt;
        long restarted = restartedAt;
        assertThat(attempts).filteredOn(a -> a.status() == 201 && a.at() < stopped).isNotEmpty();
        long recovered = recoveredAt;
        assertThat(attempts).filteredOn(a -> a.status() == 201 && a.at() > recovered).as("writes after recovery").isNotEmpty();
        // A write committed just before the server went down may be answered a moment later; none after that. (Measured
        // from when the server process had exited, not from when it was told to stop: on a loaded machine, with requests
        // overlapping, its shutdown took more than the 0.5 s allowed here, and writes committed meanwhile were counted.)
        long down = downAt;
        assertThat(attempts).filteredOn(a -> a.status() == 201 && a.at() > down + 500_000_000L && a.at() < restarted)
                .as("nothing acknowledged while the database was down").isEmpty();

        String[] all = attempts.stream().map(Outage.Attempt::code).toArray(String[]::new);
        String[] acknowledged = attempts.stream().filter(a -> a.status() == 201).map(Outage.Attempt::code).toArray(String[]::new);
        assertThat(Sql.count("select count(*) from customer where code = any(cast(?1 as text[]))", (Object) acknowledged))
                .as("every acknowledged registration is stored").isEqualTo(acknowledged.length);
        assertThat(Sql.count("""
                select count(*) from customer c where c.code = any(cast(?1 as text[]))
                  and not exists (select 1 from audit_log a where a.entity_type = 'customer' and a.entity_id = cast(c.id as text))""",
                (Object) all)).as("customers without their audit entry").isZero();
        // The clients retry what was refused, under the same keys: each ends 201, a replay where the refused write had
        // committed after all, a first registration where it had not; nothing is registered twice.
        Map<String, Integer> retried = new TreeMap<>();
        attempts.stream().filter(a -> a.status() == 503).forEach(a -> {
            Response r = a.retry();
            retried.merge(r.statusCode() + ("true".equals(r.header("Idempotent-Replayed")) ? " replayed" : ""), 1, Integer::sum);
        });
        System.out.printf("[measure] database outage: retries of the refused registrations %s%n", retried);
        assertThat(retried.keySet()).as("retries %s", retried).allMatch(s -> s.startsWith("201"));
        assertThat(Sql.count("select count(*) from customer where code = any(cast(?1 as text[]))", (Object) all))
                .as("every registration stored once after the retries").isEqualTo(all.length);
        assertThat(Sql.count("""
                select count(*) from customer c where c.code = any(cast(?1 as text[]))
                  and not exists (select 1 from audit_log a where a.entity_type = 'customer' and a.entity_id = cast(c.id as text))""",
                (Object) all)).as("customers without their audit entry after the retries").isZero();
    }

}
