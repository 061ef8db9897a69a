package com.aftersales.jobs;

import com.aftersales.shared.lambda.LambdaFunction;
import com.aftersales.support.Fixtures;
import com.aftersales.support.SparePartBodies;
import com.aftersales.support.Sql;
import com.aftersales.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;

/**
 * The jobs function (what EventBridge Scheduler invokes with {@code {"job":"<name>"}}): a run that ends OK is the
 * invocation's result; a FAILED run or an unknown job fails the invocation. The packaged function is invoked through the
 * Lambda runtime API in PackagedJvmFunctionIT.
 */
@QuarkusTest
class JobsFunctionTest {

    @Inject
    @Named("jobs")
    LambdaFunction jobs;

    @Inject
    DataSource database;

    @Test
    void aRunThatEndsOkIsTheResultAndIsRecordedAsTheScheduler() {
        JobRunner.Run run = (JobRunner.Run) jobs.handle(Map.of("job", "sla-breach"));
        assertThat(run.outcome()).isEqualTo("OK");
        assertThat(run.job()).isEqualTo("sla-breach");
        assertThat(Sql.text("select trigger || ' ' || actor || ' ' || outcome from job_run where id = ?1", run.id()))
                .isEqualTo("EVENTBRIDGE eventbridge-scheduler OK");
    }

    @Test
    void anUnknownOrMissingJobFailsTheInvocationAndRunsNothing() {
        int runs = Sql.count("select count(*) from job_run");
        assertThatThrownBy(() -> jobs.handle(Map.of("job", "no-such-job"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no job is named no-such-job").hasMessageContaining("sla-breach");
        assertThatThrownBy(() -> jobs.handle(Map.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("{\"job\":\"<name>\"}");
        assertThatThrownBy(() -> jobs.handle(Map.of("job", 7))).isInstanceOf(IllegalArgumentException.class);
        assertThat(Sql.count("select count(*) from job_run")).isEqualTo(runs);
    }

    @Test
    void aFailedRunFailsTheInvocationAndARetryDoesTheWorkOnce() throws Exception {
        String part = Fixtures.part(SparePartBodies.part("熔断器", "12.00"));
        String location = Api.unique("FN").toUpperCase();
        Fixtures.move(part, SparePartBodies.movement("RECEIPT", location, 1));
        Fixtures.stockLevels(part, location, 5, 6);
        String alerts = "select count(*) from notice where kind = 'SAFETY_STOCK' and payload ->> 'location' = ?1";

        // The run's statement is cancelled while it waits for a lock this test holds: not a transient failure, so the
        // run ends FAILED at once.
        CompletableFuture<Object> invocation;
        try (Connection holder = database.getConnection(); Connection canceller = database.getConnection()) {
            holder.setAutoCommit(false);
            try (Statement s = holder.createStatement()) {
                s.execute("lock table stock_alert in access exclusive mode");
            }
            invocation = CompletableFuture.supplyAsync(() -> jobs.handle(Map.of("job", "safety-stock")));
            try (var s = canceller.prepareStatement("select pg_cancel_backend(?)")) {
                s.setInt(1, waitingForTheLock(canceller));
                s.execute();
            }
            holder.rollback();
        }
        assertThatThrownBy(() -> invocation.get(60, TimeUnit.SECONDS)).cause()
                .isInstanceOf(JobsFunction.JobFailedException.class).hasMessageStartingWith("Job safety-stock failed (run ");
        assertThat(Sql.count(alerts, location)).isZero();
        assertThat(Sql.text("select outcome from job_run where job = 'safety-stock' and actor = 'eventbridge-scheduler' "
                + "order by id desc limit 1")).isEqualTo("FAILED");

        // The scheduler's retry: the work is done, once.
        assertThat(((JobRunner.Run) jobs.handle(Map.of("job", "safety-stock"))).outcome()).isEqualTo("OK");
        assertThat(Sql.count(alerts, location)).isEqualTo(2);
        jobs.handle(Map.of("job", "safety-stock"));
        assertThat(Sql.count(alerts, location)).isEqualTo(2);
    }

    @Test
    void theHttpApiFunctionRefusesAJobsInputAsAnInvocationError() {
        int runs = Sql.count("select count(*) from job_run");
        // Posted raw to the mock Lambda event server: an invocation error comes back as its 500.
        RestAssured.given().contentType("application/json").body("{\"job\":\"sla-breach\"}").post("/_lambda_")
                .then().statusCode(500).body("errorMessage", containsString("this is the HTTP API function"));
        assertThat(Sql.count("select count(*) from job_run")).isEqualTo(runs);
    }

    private static int waitingForTheLock(Connection connection) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            try (var s = connection.createStatement();
                 var r = s.executeQuery("select pid from pg_stat_activity where wait_event_type = 'Lock' "
                         + "and query like '%stock_alert%' and pid <> pg_backend_pid()")) {
                if (r.next()) {
                    return r.getInt(1);
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no job backend waited for the lock on stock_alert");
    }
}
