package com.aftersales.recall;

import com.aftersales.support.Api;
import com.aftersales.support.Fixtures;
import com.aftersales.support.Jobs;
import com.aftersales.support.RecallBodies;
import com.aftersales.support.Sql;
import com.aftersales.support.UnitBodies;
import com.aftersales.support.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static com.aftersales.support.Api.as;
import static com.aftersales.support.Api.asCustomer;
import static com.aftersales.support.RecallBodies.criteria;
import static com.aftersales.support.RecallBodies.filing;
import static com.aftersales.support.RecallBodies.remedy;
import static com.aftersales.support.TestClock.today;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;

@QuarkusTest
public class RecallTest {

    record Fleet(String model, String a, String b, List<String> aSerials, List<String> bSerials, String other) {
    }

    /** Customer A: 3 units of the model (batches B1, B1, B2); customer B: 2 units (B1); one unit of another model at A. */
    static Fleet fleet() {
        String model = Api.unique("RM");
        String a = Api.newCustomer(Api.unique("ra"));
        String b = Api.newCustomer(Api.unique("rb"));
        String prefix = Api.unique("RC");
        List<String> aSerials = List.of(prefix + "-001", prefix + "-002", prefix + "-003");
        List<String> bSerials = List.of(prefix + "-004", prefix + "-005");
        String[] batches = {"B1", "B1", "B2"};
        String[] produced = {"2025-01-05", "2025-02-10", "2025-03-15"};
        for (int i = 0; i < 3; i++) {
            unit(aSerials.get(i), model, a, batches[i], produced[i]);
        }
        for (String s : bSerials) {
            unit(s, model, b, "B1", "2025-02-20");
        }
        String other = prefix + "-900";
        unit(other, model + "X", a, "B1", "2025-02-10");
        return new Fleet(model, a, b, aSerials, bSerials, other);
    }

    static void unit(String serial, String model, String customer, String batch, String produced) {
        Fixtures.unit(UnitBodies.unit(customer).serialNo(serial).productModel(model).productLine("PASSENGER_CAR").batchNo(batch)
                .productionDate(LocalDate.parse(produced)).deliveryDate(LocalDate.of(2025, 4, 1)));
    }

    public static String campaign(RecallBodies.Criteria criteria, String filing) {
        return as("QUALITY_ENGINEER").body(RecallBodies.campaign(criteria).filingReference(filing).json())
                .post("/api/v1/recalls").then().statusCode(201).extract().path("id");
    }

    static long preview(String id) {
        return ((Number) as("QUALITY_ENGINEER").get("/api/v1/recalls/" + id + "/preview").then().statusCode(200)
                .extract().path("units")).longValue();
    }

    @Test
    void criteriaCombine() {
        Fleet f = fleet();
        assertThat(preview(campaign(criteria().productModel(f.model()), null))).isEqualTo(5);
        assertThat(preview(campaign(criteria().productModel(f.model()).customerId(f.a()), null))).isEqualTo(3);
        assertThat(preview(campaign(criteria().productModel(f.model()).batch("B1"), null))).isEqualTo(4);
        assertThat(preview(campaign(criteria().productModel(f.model())
                .producedBetween(LocalDate.of(2025, 2, 1), LocalDate.of(2025, 2, 28)), null))).isEqualTo(3);
        assertThat(preview(campaign(criteria().serialRange(f.aSerials().get(1), f.bSerials().get(0)), null))).isEqualTo(3);
        assertThat(preview(campaign(criteria().serialRange(f.aSerials().get(0), f.aSerials().get(0))
                .serial(f.other().toLowerCase()), null))).isEqualTo(2);
        as("QUALITY_ENGINEER").body(RecallBodies.campaign(criteria()).code("X1").describedAs("t", "d", "r", "m").json())
                .post("/api/v1/recalls").then().statusCode(422).body("errors[0].field", equalTo("criteria"));
        as("QUALITY_ENGINEER").body(RecallBodies.campaign(criteria().producedBetween(LocalDate.of(2025, 3, 1), LocalDate.of(2025, 1, 1)))
                        .code("X2").describedAs("t", "d", "r", "m").json())
                .post("/api/v1/recalls").then().statusCode(422).body("errors[0].field", equalTo("criteria.productionTo"));
        as("SALES").body(RecallBodies.campaign(criteria().batch("B1")).code("X3").describedAs("t", "d", "r", "m").json())
                .post("/api/v1/recalls").then().statusCode(403);
    }

    @Test
    void activationFreezesThePreviewAndGroupsNoticesPerCustomer() {
        Fleet f = fleet();
        String id = campaign(criteria().productModel(f.model()), null);
        String base = "/api/v1/recalls/" + id;
        long previewed = preview(id);
        as("QUALITY_ENGINEER").header("If-Match", "\"0\"").post(base + "/activation").then().statusCode(409);
        as("QUALITY_ENGINEER").header("If-Match", "\"0\"").body(filing()).post(base + "/filing").then().statusCode(403);
        as("GENERAL_MANAGER").header("If-Match", "\"0\"").body(filing()).post(base + "/filing").then().statusCode(422)
                .body("errors[0].field", equalTo("filingReference"));
        as("GENERAL_MANAGER").header("If-Match", "\"0\"").body(filing("SAMR-2026-0042")).post(base + "/filing")
                .then().statusCode(200).body("status", equalTo("FILED"));
        as("QUALITY_ENGINEER").header("If-Match", "\"1\"").post(base + "/activation").then().statusCode(200)
                .body("status", equalTo("ACTIVE")).body("affectedCount", equalTo((int) previewed))
                .body("holdUntil", equalTo(today().plusYears(10).toString()));
        List<Object[]> notices = sql("select customer_id, (payload ->> 'units')::int from notice where dedupe_key like 'recall:" + id + ":%' order by 2");
        assertThat(notices).hasSize(2);
        assertThat(notices.stream().map(n -> ((Number) n[1]).intValue()).toList()).containsExactly(2, 3);
        // The customer sees the campaign and only its own units.
        asCustomer(UUID.fromString(f.b())).get(base + "/units").then().statusCode(200)
                .body("items.size()", equalTo(2)).body("items.customerId", everyItem(equalTo(f.b())));
        String c = Api.newCustomer(Api.unique("rz"));
        asCustomer(UUID.fromString(c)).get(base).then().statusCode(404);
        as("QUALITY_ENGINEER").get("/api/v1/units/" + f.aSerials().get(0) + "/history").then().body("items.kind", hasItem("RECALL"));
        as("REPAIR").get("/api/v1/units/" + f.aSerials().get(0)).then().statusCode(200)
                .body("openRecalls[0].campaignId", equalTo(id)).body("openRecalls[0].remedyStatus", equalTo("NOTIFIED"));
        as("REPAIR").get("/api/v1/units/" + f.other()).then().body("openRecalls.size()", equalTo(0));
        // Legal hold: an active campaign cannot be deleted; a draft can.
        as("QUALITY_ENGINEER").header("If-Match", "\"2\"").delete(base).then().statusCode(409)
                .body("holdUntil", equalTo(today().plusYears(10).toString()));
        String draft = campaign(criteria().batch("B9"), null);
        as("QUALITY_ENGINEER").header("If-Match", "\"0\"").delete("/api/v1/recalls/" + draft).then().statusCode(204);
    }

    /** The campaign's ETag, as read now. */
    static String campaignTag(String base) {
        return as("QUALITY_ENGINEER").get(base).then().statusCode(200).extract().header("ETag");
    }

    /** Records a unit's remedy under the ETag just read from the unit. */
    static io.restassured.response.Response recordRemedy(String role, String base, String serial, String body) {
        String etag = as(role).get(base + "/units/" + serial).then().statusCode(200).extract().header("ETag");
        return as(role).header("If-Match", etag).body(body).put(base + "/units/" + serial);
    }

    @Test
    void twoPeopleRecordingOneUnitsRemedyCannotOverwriteEachOther() {
        Fleet f = fleet();
        String id = campaign(criteria().productModel(f.model()), "SAMR-2026-0044");
        String base = "/api/v1/recalls/" + id;
        as("GENERAL_MANAGER").header("If-Match", "\"0\"").body(filing()).post(base + "/filing").then().statusCode(200);
        as("QUALITY_ENGINEER").header("If-Match", "\"1\"").post(base + "/activation").then().statusCode(200);
        String serial = f.aSerials().get(0);
        String unit = base + "/units/" + serial;
        // Every unit of the campaign is read with its version: in the list, and one by one with an ETag.
        as("SALES").get(base + "/units").then().statusCode(200)
                .body("items.find { it.serialNo == '" + serial + "' }.version", equalTo(0));
        String seen = as("SALES").get(unit).then().statusCode(200).body("remedyStatus", equalTo("NOTIFIED"))
                .body("version", equalTo(0)).extract().header("ETag");
        assertThat(seen).isEqualTo("\"0\"");
        // Without If-Match: 428 in the caller's language, and nothing changes.
        as("SALES").header("Accept-Language", "en").body(remedy("SCHEDULED").date(today().plusDays(3)).json()).put(unit)
                .then().statusCode(428).contentType(startsWith("application/problem+json"))
                .body("type", equalTo("urn:problem:aftersales:precondition_required"))
                .body("title", equalTo("If-Match required"));
        as("SALES").header("Accept-Language", "zh-CN").body(remedy("SCHEDULED").date(today().plusDays(3)).json()).put(unit)
                .then().statusCode(428).body("title", equalTo("缺少 If-Match 请求头"));
        as("SALES").get(unit).then().body("remedyStatus", equalTo("NOTIFIED")).header("ETag", equalTo(seen));
        // Two people read version 0; the first records a schedule, the second (same ETag) gets 412 and overwrites nothing.
        String first = as("SALES").header("If-Match", seen).body(remedy("SCHEDULED").date(today().plusDays(3)).where("郑州服务站").json())
                .put(unit).then().statusCode(200).body("remedyStatus", equalTo("SCHEDULED")).body("version", equalTo(1))
                .extract().header("ETag");
        assertThat(first).isEqualTo("\"1\"");
        as("QUALITY_ENGINEER").header("If-Match", seen).body(remedy("UNREACHABLE").reason("无人应答").json()).put(unit).then().statusCode(412)
                .body("type", equalTo("urn:problem:aftersales:precondition_failed")).header("ETag", equalTo(first));
        as("QUALITY_ENGINEER").get(unit).then().body("remedyStatus", equalTo("SCHEDULED")).body("remedyWhere", equalTo("郑州服务站"));
        // The bulk import changes the unit too: the ETag read before it is stale afterwards.
        String csv = "serialNo,status,date\n" + serial + ",REMEDIED," + today() + "\n";
        // The import names the campaign's version: without If-Match 428 and no unit changes; a stale one 412.
        String campaignBefore = campaignTag(base);
        as("QUALITY_ENGINEER").contentType("text/csv").body(csv.getBytes(StandardCharsets.UTF_8)).post(base + "/remedies")
                .then().statusCode(428);
        as("QUALITY_ENGINEER").header("If-Match", "\"99\"").contentType("text/csv").body(csv.getBytes(StandardCharsets.UTF_8))
                .post(base + "/remedies").then().statusCode(412);
        as("SALES").get(unit).then().body("remedyStatus", equalTo("SCHEDULED")).header("ETag", equalTo(first));
        as("QUALITY_ENGINEER").header("If-Match", campaignTag(base)).contentType("text/csv").body(csv.getBytes(StandardCharsets.UTF_8)).post(base + "/remedies")
                .then().statusCode(200);
        as("SALES").header("If-Match", first).body(remedy("UNREACHABLE").reason("无人应答").json()).put(unit).then().statusCode(412);
        as("SALES").get(unit).then().body("remedyStatus", equalTo("REMEDIED")).header("ETag", equalTo("\"2\""));
        assertThat(campaignTag(base)).isNotEqualTo(campaignBefore);
        as("SALES").get(base + "/units/NO-SUCH-UNIT").then().statusCode(404);
    }

    @Test
    void remediesAndTheReportOnAKnownDataSet() throws Exception {
        Fleet f = fleet();
        String id = campaign(criteria().productModel(f.model()), "SAMR-2026-0043");
        String base = "/api/v1/recalls/" + id;
        as("GENERAL_MANAGER").header("If-Match", "\"0\"").body(filing()).post(base + "/filing").then().statusCode(200);
        as("QUALITY_ENGINEER").header("If-Match", "\"1\"").post(base + "/activation").then().statusCode(200);
        recordRemedy("SALES", base, f.aSerials().get(0).toLowerCase(), remedy("REMEDIED").date(today()).where("郑州服务站").json())
                .then().statusCode(200).body("remedyStatus", equalTo("REMEDIED"));
        recordRemedy("SALES", base, f.aSerials().get(1), remedy("EXEMPT").json()).then().statusCode(422)
                .body("errors[0].field", equalTo("reason"));
        as("SALES").header("If-Match", "\"0\"").body(remedy("REMEDIED").date(today()).json()).put(base + "/units/" + f.other())
                .then().statusCode(404);

        String bad = "钢印号,状态,日期\n" + f.aSerials().get(1) + ",REMEDIED," + today() + "\n" + f.other() + ",REMEDIED," + today()
                + "\n" + f.bSerials().get(0) + ",FIXED," + today() + "\n";
        as("QUALITY_ENGINEER").header("If-Match", campaignTag(base)).contentType("text/csv").body(bad.getBytes(StandardCharsets.UTF_8)).post(base + "/remedies")
                .then().statusCode(422).body("errors.line", equalTo(List.of(3, 4)));
        as("QUALITY_ENGINEER").get(base + "/units?status=REMEDIED").then().body("items.size()", equalTo(1));
        String good = "serialNo,status,date,reason\n" + f.aSerials().get(1) + ",REMEDIED," + today() + ",\n"
                + f.bSerials().get(0) + ",EXEMPT,,车辆已报废\n" + f.bSerials().get(1) + ",UNREACHABLE,,三次电话无人接听\n";
        as("QUALITY_ENGINEER").header("If-Match", campaignTag(base)).contentType("text/csv").body(good.getBytes(StandardCharsets.UTF_8)).post(base + "/remedies")
                .then().statusCode(200).body("updated", equalTo(3));

        // 5 affected, 2 remedied, 1 exempt → 2 / 4 = 50 %.
        as("QUALITY_ENGINEER").queryParam("openAfterDays", 0).get(base + "/completion-rate").then().statusCode(200)
                .body("overall.affected", equalTo(5)).body("overall.remedied", equalTo(2)).body("overall.exempt", equalTo(1))
                .body("overall.open", equalTo(2)).body("overall.completionRate", equalTo(0.5f))
                .body("byModel[0].group", equalTo(f.model())).body("byCustomer.size()", equalTo(2))
                .body("openLongerThanThat", equalTo(2)).body("sampleOpenSerials.size()", equalTo(2));
        as("QUALITY_ENGINEER").queryParam("openAfterDays", 30).get(base + "/completion-rate").then()
                .body("openLongerThanThat", equalTo(0));
        asCustomer(UUID.fromString(f.a())).get(base + "/completion-rate").then().statusCode(200)
                .body("overall.affected", equalTo(3)).body("overall.remedied", equalTo(2));
        as("QUALITY_ENGINEER").get(base + "/progress-report").then().statusCode(200)
                .body("affected", equalTo(5)).body("notified", equalTo(5)).body("remediedInPeriod", equalTo(2))
                .body("remediedToDate", equalTo(2)).body("exempt", equalTo(1)).body("open", equalTo(2))
                .body("completionRate", equalTo(0.5f)).body("filingReference", equalTo("SAMR-2026-0043"));
        byte[] xlsx = as("QUALITY_ENGINEER").accept(RecallProgress.XLSX).get(base + "/progress-report")
                .then().statusCode(200).extract().asByteArray();
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
            List<Row> rows = wb.getFirstSheet().read();
            assertThat(rows).anySatisfy(r -> {
                assertThat(r.getCellText(0)).isEqualTo("完成率");
                assertThat(r.getCellText(1)).isEqualTo("50.00%");
            });
            assertThat(rows).anySatisfy(r -> {
                assertThat(r.getCellText(0)).isEqualTo("召回数量（台）");
                assertThat(r.getCellText(1)).isEqualTo("5");
            });
        }
        as("CUSTOMER").get(base + "/progress-report").then().statusCode(403);
    }

    @Test
    void completionNeedsEveryUnitRemediedOrClosedOutWithAReason() {
        Fleet f = fleet();
        String id = campaign(criteria().productModel(f.model()), "SAMR-2026-0044");
        String base = "/api/v1/recalls/" + id;
        as("GENERAL_MANAGER").header("If-Match", "\"0\"").body(filing()).post(base + "/filing").then().statusCode(200);
        as("QUALITY_ENGINEER").header("If-Match", "\"1\"").post(base + "/activation").then().statusCode(200);
        recordRemedy("SALES", base, f.aSerials().get(0), remedy("REMEDIED").date(today()).where("郑州服务站").json())
                .then().statusCode(200);
        recordRemedy("SALES", base, f.aSerials().get(1), remedy("EXEMPT").reason("车辆已报废").json())
                .then().statusCode(200);
        // Unreachable or exempt without saying why: refused (422 on reason, in the caller's language), nothing changes.
        String unitB0 = base + "/units/" + f.bSerials().get(0);
        String b0Tag = as("SALES").get(unitB0).then().statusCode(200).extract().header("ETag");
        as("SALES").header("If-Match", b0Tag).header("Accept-Language", "en").body(remedy("UNREACHABLE").json()).put(unitB0)
                .then().statusCode(422).contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("reason")))
                .body("errors[0].message", containsString("unreachable needs the reason"));
        as("SALES").header("If-Match", b0Tag).header("Accept-Language", "zh-CN").body(remedy("UNREACHABLE").reason("  ").json())
                .put(unitB0).then().statusCode(422).body("errors.field", equalTo(List.of("reason")))
                .body("errors[0].message", containsString("无法联系"));
        as("SALES").header("If-Match", b0Tag).body(remedy("EXEMPT").json()).put(unitB0)
                .then().statusCode(422).body("errors.field", equalTo(List.of("reason")));
        as("SALES").get(unitB0).then().body("remedyStatus", equalTo("NOTIFIED")).header("ETag", equalTo(b0Tag));
        // The bulk import holds the same rule, row by row.
        String noReason = "serialNo,status,date,reason\n" + f.bSerials().get(0) + ",UNREACHABLE,,\n";
        as("QUALITY_ENGINEER").header("If-Match", campaignTag(base)).contentType("text/csv")
                .body(noReason.getBytes(StandardCharsets.UTF_8)).post(base + "/remedies").then().statusCode(422)
                .body("errors[0].field", equalTo("reason")).body("errors[0].line", equalTo(2));
        as("SALES").get(unitB0).then().body("remedyStatus", equalTo("NOTIFIED")).header("ETag", equalTo(b0Tag));

        // Three units are open (only NOTIFIED): refused, nothing changes.
        as("QUALITY_ENGINEER").header("If-Match", "\"2\"").post(base + "/completion").then().statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:problem:aftersales:recall_units_open")).body("openUnits", equalTo(3))
                .body("errors.field", equalTo(List.of("units." + f.aSerials().get(2), "units." + f.bSerials().get(0),
                        "units." + f.bSerials().get(1))))
                .body("errors[0].message", containsString(f.aSerials().get(2)))
                .body("errors[0].message", containsString("的状态为已通知"));
        as("QUALITY_ENGINEER").header("If-Match", "\"2\"").header("Accept-Language", "en").post(base + "/completion")
                .then().statusCode(409).body("detail", containsString("3 unit(s)"))
                .body("errors[0].message", containsString(" is notified: "));
        as("QUALITY_ENGINEER").get(base).then().header("ETag", "\"2\"").body("status", equalTo("ACTIVE"))
                .body("completedAt", equalTo(null));
        as("ADMIN").queryParam("entity", "recall").queryParam("id", id).get("/api/v1/audit")
                .then().body("items[0].action", equalTo("ACTIVATE"));

        // Each closed out: remedied, unreachable with the reason, exempt (exported) with the reason.
        recordRemedy("SALES", base, f.aSerials().get(2), remedy("REMEDIED").date(today()).json()).then().statusCode(200);
        recordRemedy("SALES", base, f.bSerials().get(0), remedy("UNREACHABLE").reason("电话、信函三次均无人应答").json())
                .then().statusCode(200).body("exemptReason", equalTo("电话、信函三次均无人应答"));
        recordRemedy("SALES", base, f.bSerials().get(1), remedy("EXEMPT").reason("车辆已出口").json()).then().statusCode(200);
        as("QUALITY_ENGINEER").header("If-Match", "\"2\"").post(base + "/completion").then().statusCode(200)
                .body("status", equalTo("COMPLETED"));
        // Completed: no more remedies.
        recordRemedy("SALES", base, f.aSerials().get(2), remedy("NOTIFIED").json()).then().statusCode(409);
    }

    @Test
    @Tag("concurrency")
    void recallRemindersGoOncePerCustomerAndPeriodUnderConcurrentRuns() throws Exception {
        Fleet f = fleet();
        String id = campaign(criteria().productModel(f.model()), null);
        String base = "/api/v1/recalls/" + id;
        // Activated 29 days ago; the reminder job runs as the days pass (in the past it finds no more than today: every
        // other campaign was activated later).
        Instant started = Instant.now();
        TestClock.moveTo(started.minus(Duration.ofDays(29)));
        as("GENERAL_MANAGER").header("If-Match", "\"0\"").body(filing("SAMR-2026-0077")).post(base + "/filing")
                .then().statusCode(200);
        as("QUALITY_ENGINEER").header("If-Match", "\"1\"").post(base + "/activation").then().statusCode(200);
        String reminders = "select count(*) from notice where dedupe_key like 'recall:" + id + ":reminder:%'";
        Jobs.fireConcurrently("recall-reminder", 10);
        assertThat(Sql.count(reminders)).as("not due within the first 14 days").isZero();
        // 15 days after activation: the first reminder is due, once to each of the two customers.
        TestClock.moveTo(started.minus(Duration.ofDays(14)));
        Jobs.fireConcurrently("recall-reminder", 10);
        assertThat(sql("select customer_id, (payload ->> 'units')::int from notice where dedupe_key like 'recall:" + id
                + ":reminder:%' order by 2").stream().map(r -> r[0] + "=" + r[1]).toList())
                .containsExactly(f.b() + "=2", f.a() + "=3");
        // A customer whose units are all remedied gets no further reminders; the other gets the next period's (today).
        TestClock.reset();
        for (String serial : f.bSerials()) {
            recordRemedy("QUALITY_ENGINEER", base, serial, remedy("REMEDIED").date(today()).where("服务站").json())
                    .then().statusCode(200);
        }
        Jobs.fireConcurrently("recall-reminder", 10);
        assertThat(Sql.count(reminders)).isEqualTo(3);
        assertThat(Sql.count(reminders + " and customer_id = cast('" + f.a() + "' as uuid)")).isEqualTo(2);
    }

    static List<Object[]> sql(String query) {
        return Sql.rows(query);
    }
}
