package com.aftersales.shared.persistence;

import com.aftersales.support.Api;
import com.aftersales.support.Sql;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.enterprise.inject.spi.CDI;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static com.aftersales.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * A request whose statement runs past aftersales.db.statement-timeout.request (10 s) is cancelled by PostgreSQL and
 * answered 503 problem+json statement_timeout with Retry-After, not 500, and changes nothing (issue 22). The slow
 * statement: a read that waits for a table lock another session holds (a lock wait counts towards statement_timeout).
 */
@QuarkusTest
class StatementTimeoutTest {

    @Test
    void aStatementPastTheTimeoutIsA503WithRetryAfterAndChangesNothing() throws Exception {
        String customer = Api.newCustomer(Api.unique("STO"));
        DataSource ds = CDI.current().select(DataSource.class).get();
        ScheduledExecutorService release = Executors.newSingleThreadScheduledExecutor();
        var before = Sql.fingerprint();
        Response answer;
        long tookMs;
        try (Connection locker = ds.getConnection()) {
            locker.setAutoCommit(false);
            locker.createStatement().execute("lock table customer in access exclusive mode");
            // Without a statement timeout the request would wait for the lock: the test lets go after 25 s at the latest.
            release.schedule(() -> {
                locker.rollback();
                return null;
            }, 25, TimeUnit.SECONDS);
            long start = System.nanoTime();
            answer = as("SALES").header("Accept-Language", "en").get("/api/v1/customers/" + customer);
            tookMs = (System.nanoTime() - start) / 1_000_000;
            locker.rollback();
        } finally {
            release.shutdownNow();
        }
        answer.then().statusCode(503).contentType("application/problem+json")
                .header("Retry-After", "30").body("type", equalTo("urn:problem:aftersales:statement_timeout"))
                .body("title", equalTo("Request took too long"));
        assertThat(tookMs).isBetween(9_000L, 20_000L);
        assertThat(Sql.fingerprint()).isEqualTo(before);
        // The lock gone, the same request answers at once; in Chinese by default.
        as("SALES").get("/api/v1/customers/" + customer).then().statusCode(200);
    }
}
