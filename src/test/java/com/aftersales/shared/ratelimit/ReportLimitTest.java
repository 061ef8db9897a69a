package com.aftersales.shared.ratelimit;

import com.aftersales.support.Api;
import com.aftersales.support.Sql;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static com.aftersales.support.Api.as;
import static com.aftersales.support.Api.asCustomer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * The per-caller limit on expensive reports (issue 22), through HTTP with a limit of 3 per day: the fourth report of a
 * caller is 429 problem+json report_limit with Retry-After, whatever its format (JSON, CSV, workbook) or report; the
 * dashboard (pre-computed aggregates) stays open; other callers have their own count; the count is in the database, so
 * what another function instance counted holds here too.
 */
@QuarkusTest
@TestProfile(ReportLimitTest.SmallLimit.class)
class ReportLimitTest {

    public static class SmallLimit implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("aftersales.report-limit.per-caller", "3", "aftersales.report-limit.window", "P1D");
        }
    }

    static RequestSpecification kpis(RequestSpecification as) {
        return as.queryParam("from", "2025-01-01").queryParam("to", "2025-03-31");
    }

    @Test
    void theFourthReportOfACallerIs429WithRetryAfterAndDashboardsStayOpen() {
        UUID customer = UUID.fromString(Api.newCustomer(Api.unique("RL")));
        for (int i = 0; i < 3; i++) {
            kpis(asCustomer(customer)).get("/api/v1/kpis").then().statusCode(200);
        }
        String retryAfter = kpis(asCustomer(customer)).get("/api/v1/kpis").then().statusCode(429)
                .contentType("application/problem+json").body("type", equalTo("urn:problem:aftersales:report_limit"))
                .body("title", equalTo("报表请求过多")).extract().header("Retry-After");
        assertThat(Long.parseLong(retryAfter)).isBetween(1L, 86_400L);
        kpis(asCustomer(customer)).accept("text/csv").header("Accept-Language", "en").queryParam("kpi", "cases")
                .get("/api/v1/kpis").then().statusCode(429).body("title", equalTo("Too many reports"))
                .header("Retry-After", org.hamcrest.Matchers.notNullValue());
        asCustomer(customer).queryParam("from", "2025-01-01").queryParam("to", "2025-03-31").get("/api/v1/returns/ntf-rate")
                .then().statusCode(429);
        // Dashboards read the monthly aggregates: not limited.
        for (int i = 0; i < 5; i++) {
            asCustomer(customer).queryParam("from", "2025-01").queryParam("to", "2025-03").get("/api/v1/kpis/dashboard")
                    .then().statusCode(200);
        }
        // Another caller has a count of its own.
        UUID other = UUID.fromString(Api.newCustomer(Api.unique("RL")));
        kpis(asCustomer(other)).get("/api/v1/kpis").then().statusCode(200);
    }

    @Test
    void aRefusedRequestRunsNoReportAndCountsNothing() {
        UUID customer = UUID.fromString(Api.newCustomer(Api.unique("RL")));
        for (int i = 0; i < 5; i++) {
            asCustomer(customer).queryParam("from", "2025-03-31").queryParam("to", "2025-01-01").get("/api/v1/kpis")
                    .then().statusCode(400);
        }
        assertThat(Sql.count("select count(*) from report_quota where caller = ?1", "customer-" + customer)).isZero();
        for (int i = 0; i < 3; i++) {
            kpis(asCustomer(customer)).get("/api/v1/kpis").then().statusCode(200);
        }
        asCustomer(customer).queryParam("from", "2025-03-31").queryParam("to", "2025-01-01").get("/api/v1/kpis")
                .then().statusCode(429);
    }

    @Test
    void theCountIsSharedThroughTheDatabase() {
        String subject = "report-limit-" + UUID.randomUUID();
        // Another instance of the function has counted three reports of this caller in the current window.
        kpis(Api.asPerson(subject, "QUALITY_ENGINEER")).get("/api/v1/kpis").then().statusCode(200);
        assertThat(Sql.exec("update report_quota set used = 3 where caller = ?1", subject)).isEqualTo(1);
        kpis(Api.asPerson(subject, "QUALITY_ENGINEER")).get("/api/v1/kpis").then().statusCode(429);
        assertThat(Sql.count("select used from report_quota where caller = ?1", subject)).isEqualTo(4);
        // A recall progress report (JSON or workbook) counts as well.
        kpis(Api.asPerson(subject, "QUALITY_ENGINEER")).get("/api/v1/recalls/" + UUID.randomUUID() + "/progress-report")
                .then().statusCode(429);
        as("QUALITY_ENGINEER").queryParam("from", "2025-01").queryParam("to", "2025-03").get("/api/v1/kpis/dashboard")
                .then().statusCode(200);
    }
}
