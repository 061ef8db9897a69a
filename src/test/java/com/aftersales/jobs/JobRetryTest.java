package com.aftersales.jobs;

import com.aftersales.support.Api;
import com.aftersales.support.Fixtures;
import com.aftersales.support.SparePartBodies;
import com.aftersales.support.Sql;
import com.aftersales.support.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.enterprise.inject.spi.CDI;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static com.aftersales.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A job run whose database connection is cut (what a restart, a failover or an RDS Proxy reset does to it) tries
 * again within the same run, and gives up, recorded as FAILED, after the configured attempts. The cut is real: the
 * job's own backend is terminated with pg_terminate_backend while it waits for a lock this test holds.
 */
@QuarkusTest
class JobRetryTest {

    @Test
    void aRunWhoseConnectionIsCutTriesAgainAndDoesItsWorkOnce() throws Exception {
        String location = partBelowSafetyStock();
        Response run = runWhileCuttingConnections(1);
        assertThat(run.statusCode()).isEqualTo(200);
        assertThat(run.jsonPath().getString("outcome")).isEqualTo("OK");
        assertThat(run.jsonPath().getInt("attempts")).isEqualTo(2);
        assertThat(alerts(location)).isEqualTo(2);
        assertThat(Sql.count("select attempts from job_run where id = ?1", run.jsonPath().getLong("id"))).isEqualTo(2);
    }

    @Test
    void aRunGivesUpAfterTheConfiguredAttemptsAndIsRecordedAsFailed() throws Exception {
        String location = partBelowSafetyStock();
        // aftersales.jobs.retry-delays=1s,4s: three attempts in all.
        Response run = runWhileCuttingConnections(3);
        assertThat(run.statusCode()).isEqualTo(200);
        assertThat(run.jsonPath().getString("outcome")).isEqualTo("FAILED");
        assertThat(run.jsonPath().getInt("attempts")).isEqualTo(3);
        assertThat(run.jsonPath().getString("error")).isNotBlank();
        assertThat(alerts(location)).isZero();
        // The next run (the database is fine again) does the work.
        as("ADMIN").post("/api/v1/admin/jobs/safety-stock/runs").then().statusCode(200);
        assertThat(alerts(location)).isEqualTo(2);
    }

    @Test
    void aRunCutOffWithoutAResultIsRecordedAsFailedByTheNextRun() {
        // What a function timeout leaves behind: a run that started and never finished.
        int lost = runningSince("safety-stock", Duration.ofHours(2));
        int recent = runningSince("safety-stock", Duration.ofMinutes(5));
        int otherJob = runningSince("follow-up", Duration.ofHours(2));
        as("ADMIN").post("/api/v1/admin/jobs/safety-stock/runs").then().statusCode(200);
        var runs = as("ADMIN").queryParam("job", "safety-stock").get("/api/v1/admin/jobs/runs").then().statusCode(200)
                .extract().jsonPath();
        assertThat(runs.getString("find { it.id == " + lost + " }.outcome")).isEqualTo("FAILED");
        assertThat(runs.getString("find { it.id == " + lost + " }.error")).startsWith("abandoned: no result 60 minutes after its start");
        assertThat(runs.getString("find { it.id == " + lost + " }.finishedAt")).isNotNull();
        // Five minutes may be a run still going; another job's runs are that job's business.
        assertThat(runs.getString("find { it.id == " + recent + " }.outcome")).isEqualTo("RUNNING");
        assertThat(Sql.text("select outcome from job_run where id = ?1", otherJob)).isEqualTo("RUNNING");
        Sql.exec("update job_run set outcome = 'FAILED', finished_at = ?3 where id in (?1, ?2)", recent, otherJob, TestClock.now());
    }

    /** Safety-stock notices about a location. */
    private static int alerts(String location) {
        return Sql.count("select count(*) from notice where kind = 'SAFETY_STOCK' and payload ->> 'location' = ?1", location);
    }

    /** A run of {@code job} still RUNNING, started {@code ago} ago by the service's clock: its id. */
    private static int runningSince(String job, Duration ago) {
        return Sql.count("insert into job_run (job, trigger, actor, started_at, outcome) values "
                + "(?1, 'EVENTBRIDGE', 'eventbridge-scheduler', ?2, 'RUNNING') returning id", job, TestClock.now().minus(ago));
    }

    /** A new location where one part is below its safety stock: one safety-stock run alerts two roles about it. */
    private static String partBelowSafetyStock() {
        String part = Fixtures.part(SparePartBodies.part("熔断器", "12.00"));
        String location = Api.unique("RETRY").toUpperCase();
        Fixtures.move(part, SparePartBodies.movement("RECEIPT", location, 1));
        Fixtures.stockLevels(part, location, 5, 6);
        return location;
    }

    /**
     * Runs safety-stock while holding a lock on stock_alert, which its first statement needs, and terminates the job's
     * backend each time it waits for that lock, {@code cuts} times; then lets it through.
     */
    private static Response runWhileCuttingConnections(int cuts) throws Exception {
        DataSource database = CDI.current().select(DataSource.class).get();
        try (Connection holder = database.getConnection(); Connection killer = database.getConnection()) {
            holder.setAutoCommit(false);
            try (Statement s = holder.createStatement()) {
                s.execute("lock table stock_alert in access exclusive mode");
            }
            CompletableFuture<Response> run = CompletableFuture.supplyAsync(
                    () -> as("ADMIN").post("/api/v1/admin/jobs/safety-stock/runs").andReturn());
            Set<Integer> terminated = new HashSet<>();
            while (terminated.size() < cuts) {
                int pid = waitingForTheLock(killer, terminated);
                try (var s = killer.prepareStatement("select pg_terminate_backend(?)")) {
                    s.setInt(1, pid);
                    s.execute();
                }
                terminated.add(pid);
            }
            holder.rollback();
            return run.get(60, TimeUnit.SECONDS);
        }
    }

    /** The backend, not one already cut, waiting for a lock on stock_alert. */
    private static int waitingForTheLock(Connection connection, Set<Integer> excluded) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            try (var s = connection.createStatement();
                 var r = s.executeQuery("select pid from pg_stat_activity where wait_event_type = 'Lock' "
                         + "and query like '%stock_alert%' and pid <> pg_backend_pid()")) {
                while (r.next()) {
                    if (!excluded.contains(r.getInt(1))) {
                        return r.getInt(1);
                    }
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no job backend waited for the lock on stock_alert");
    }
}
