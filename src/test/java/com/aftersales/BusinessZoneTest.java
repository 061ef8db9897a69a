package com.aftersales;

import com.aftersales.support.Api;
import com.aftersales.support.CaseBodies;
import com.aftersales.support.ProblemBodies;
import com.aftersales.support.ReturnBodies;
import com.aftersales.support.Sql;
import com.aftersales.support.TestClock;
import com.aftersales.support.UnitBodies;
import com.aftersales.support.WarrantyBodies;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.aftersales.support.Api.as;
import static com.aftersales.support.Api.asCustomer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/**
 * AFTERSALES_ZONE=Europe/Berlin moves every "today": at 2026-03-31 20:00 UTC it is still 31 March (22:00) in Berlin but
 * already 1 April (04:00) in Shanghai, so each answer below would be a day (or a month) off in China Standard Time.
 */
@QuarkusTest
@TestProfile(BusinessZoneTest.Berlin.class)
class BusinessZoneTest {

    public static class Berlin implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // One in-process schedule to look at (it fires on 1 January only).
            return Map.of("aftersales.zone", "Europe/Berlin", "%test.aftersales.jobs.retention.cron", "0 0 3 1 1 ?");
        }
    }

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    /** 2026-03-31 22:00 in Berlin, 2026-04-01 04:00 in Shanghai. */
    static final Instant EVENING = Instant.parse("2026-03-31T20:00:00Z");

    @Inject
    Scheduler scheduler;

    @Test
    void theInProcessScheduleRunsOnBerlinTime() {
        ZonedDateTime next = scheduler.getScheduledJob("retention").getNextFireTime().atZone(BERLIN);
        assertThat(List.of(next.getMonthValue(), next.getDayOfMonth(), next.getHour(), next.getMinute())).containsExactly(1, 1, 3, 0);
    }

    @Test
    void todayEntitlementJobsKpisAndFollowUpsAreBerlinDays() {
        String customer = Api.newCustomer(Api.unique("zone"));
        as("SALES").body(WarrantyBodies.term("COMMERCIAL_VEHICLE").json())
                .post("/api/v1/customers/" + customer + "/warranty-terms").then().statusCode(201);
        as("ADMIN").header("If-None-Match", "*").body(CaseBodies.sla("CRITICAL", customer, 1, 240))
                .put("/api/v1/case-settings/slas").then().statusCode(200);
        // Free warranty for 24 months from delivery on 2024-04-01: until 2026-03-31.
        String serial = Api.unique("ZN");
        as("SALES").body(UnitBodies.unit(customer).serialNo(serial).productionDate(LocalDate.of(2024, 3, 20))
                        .deliveryDate(LocalDate.of(2024, 4, 1)).json())
                .post("/api/v1/units").then().statusCode(201);

        // Opened at 20:00 Berlin time; its first response was due at 21:00.
        TestClock.moveTo(EVENING.minusSeconds(2 * 3600));
        String caseId = as("SALES").body(CaseBodies.open(customer).unit(serial, 1000).failureDate(LocalDate.of(2026, 3, 30))
                        .description("车辆行驶中电机有异响").reporter("王师傅", null).severity("CRITICAL").json())
                .post("/api/v1/cases").then().statusCode(201).extract().path("id");
        TestClock.moveTo(EVENING);

        // Entitlement: today is the last day of the free warranty.
        as("SALES").get("/api/v1/units/" + serial + "/entitlement").then().statusCode(200)
                .body("regime", equalTo("FREE_WARRANTY")).body("validUntil", equalTo("2026-03-31"));

        // The SLA alert gives the due time in Berlin time.
        as("ADMIN").post("/api/v1/admin/jobs/sla-breach/runs").then().statusCode(200).body("outcome", equalTo("OK"));
        assertThat(Sql.text("select payload ->> 'dueAt' from notice where kind = 'SLA_BREACH' and payload ->> 'caseId' = ?1 "
                + "and payload ->> 'breach' = 'first-response'", caseId)).isEqualTo("2026-03-31 21:00");

        // The NTF rate by month: judged in March.
        String ret = as("AFTER_SALES_MANAGER").body(ReturnBodies.authorise(caseId, "退回检测", serial))
                .post("/api/v1/returns").then().statusCode(201).extract().path("id");
        as("WAREHOUSE").header("If-Match", "\"0\"").post("/api/v1/returns/" + ret + "/receipt").then().statusCode(200);
        as("QUALITY_ENGINEER").header("If-Match", "\"1\"").body(ReturnBodies.test(serial, "台架测试", false).json())
                .post("/api/v1/returns/" + ret + "/tests").then().statusCode(200);
        as("QUALITY_ENGINEER").header("If-Match", "\"2\"").body(ReturnBodies.verdict().unit(ReturnBodies.judgement(serial, "NTF")).json())
                .post("/api/v1/returns/" + ret + "/verdict").then().statusCode(200);
        // The case closes only with its return order closed (issue 19): the NTF unit goes back to the customer.
        as("QUALITY_ENGINEER").header("If-Match", "\"3\"").body(ReturnBodies.disposition(serial, "RETURN_TO_CUSTOMER"))
                .post("/api/v1/returns/" + ret + "/disposition").then().statusCode(200);
        as("AFTER_SALES_MANAGER").header("If-Match", "\"4\"").post("/api/v1/returns/" + ret + "/closure").then().statusCode(200);
        asCustomer(UUID.fromString(customer)).queryParam("groupBy", "MONTH").queryParam("from", "2026-03-01")
                .queryParam("to", "2026-03-31").get("/api/v1/returns/ntf-rate").then().statusCode(200)
                .body("group", equalTo(List.of("2026-03"))).body("[0].judged", equalTo(1));

        // KPIs: the case was opened on 31 March, in March.
        asCustomer(UUID.fromString(customer)).queryParam("from", "2026-03-31").queryParam("to", "2026-03-31")
                .queryParam("groupBy", "month").queryParam("kpi", "cases").get("/api/v1/kpis").then().statusCode(200)
                .body("tables[0].rows", equalTo(List.of(Map.of("group", "2026-03", "type", "CLAIM", "severity", "CRITICAL",
                        "cases", 1))));

        // Closed this evening: the follow-up is due 7 days after 31 March.
        for (String status : List.of("ACKNOWLEDGED", "INVESTIGATING", "RESOLVING", "RESOLVED", "CLOSED")) {
            int v = as("AFTER_SALES_MANAGER").get("/api/v1/cases/" + caseId).then().extract().path("version");
            as("AFTER_SALES_MANAGER").header("If-Match", "\"" + v + "\"").body(CaseBodies.transition(status))
                    .post("/api/v1/cases/" + caseId + "/transitions").then().statusCode(200);
        }
        as("ADMIN").post("/api/v1/admin/jobs/follow-up/runs").then().statusCode(200).body("outcome", equalTo("OK"));
        as("SALES").queryParam("caseId", caseId).get("/api/v1/follow-ups").then().statusCode(200)
                .body("dueDate", equalTo(List.of("2026-04-07")));
    }

    @Test
    void aDigestSinceADateStartsAtMidnightInBerlin() {
        // Changed at 23:30 on 30 March in Berlin (already 31 March in Shanghai), and this evening.
        TestClock.moveTo(Instant.parse("2026-03-30T21:30:00Z"));
        String before = problem();
        TestClock.moveTo(EVENING);
        String today = problem();
        as("QUALITY_ENGINEER").queryParam("since", "2026-03-31").queryParam("department", "ENGINEERING")
                .get("/api/v1/problems/digest").then().statusCode(200)
                .body("failureMode", hasItem(today)).body("failureMode", not(hasItem(before)));
    }

    static String problem() {
        String failure = Api.unique("磁钢脱落");
        as("ENGINEER").body(ProblemBodies.problem(failure, "胶粘剂固化不足", "延长固化时间", "HIGH").json()).post("/api/v1/problems").then().statusCode(201);
        return failure;
    }

    /** A unit never delivered is kept counting from the day it was recorded: the Berlin day, not the database's (UTC). */
    @Test
    void retentionOfAnUndeliveredUnitCountsFromTheBerlinDayItWasRecorded() {
        String customer = Api.newCustomer(Api.unique("zone"));
        // 2026-12-31 23:30 UTC is already 2027-01-01 00:30 in Berlin (and a delivery on that day is not in the future).
        TestClock.moveTo(Instant.parse("2026-12-31T23:30:00Z"));
        String delivered = Api.unique("ZD");
        as("SALES").body(UnitBodies.unit(customer).serialNo(delivered).delivered(LocalDate.of(2027, 1, 1)).json())
                .post("/api/v1/units").then().statusCode(201);
        String recorded = Api.unique("ZR");
        as("SALES").body(UnitBodies.unit(customer).serialNo(recorded).json()).post("/api/v1/units").then().statusCode(201);
        String keptIfDeliveredOnNewYear = as("QUALITY_ENGINEER").get("/api/v1/retention/units/" + delivered)
                .then().statusCode(200).extract().path("keptUntil");
        as("QUALITY_ENGINEER").get("/api/v1/retention/units/" + recorded)
                .then().statusCode(200).body("keptUntil", equalTo(keptIfDeliveredOnNewYear));
    }
}
