package com.aftersales.returns;

import com.aftersales.cases.CaseTestData;
import com.aftersales.recall.RecallTest;
import com.aftersales.support.Api;
import com.aftersales.support.CaseBodies;
import com.aftersales.support.Fixtures;
import com.aftersales.support.RecallBodies;
import com.aftersales.support.Sql;
import com.aftersales.support.TestClock;
import com.aftersales.support.UnitBodies;
import com.aftersales.support.WarrantyBodies;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.aftersales.support.Api.as;
import static com.aftersales.support.Api.asCustomer;
import static com.aftersales.support.ReturnBodies.disposition;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/**
 * Disposition REPLACE (issue 20): the replacement inherits the replaced unit's free-warranty end (a replacement of a
 * replacement the original's); the replaced unit becomes REPLACED and leaves the live fleet, recall selection and
 * warranty alerts from the replacement date, stays in its history, and takes no case for a later failure.
 */
@QuarkusTest
class ReplacementTest {

    /** The world's unit was delivered 2025-01-10 under a 24-month term: its free warranty ends 2027-01-09. */
    static final String ORIGINAL_END = "2027-01-09";

    /** Disposes the world's judged unit on return {@code id} (version 3) for replacement by {@code replacement}. */
    static void replace(String id, String serial, String replacement) {
        as("QUALITY_ENGINEER").header("If-Match", "\"3\"").body(disposition(serial, "REPLACE", replacement))
                .post("/api/v1/returns/" + id + "/disposition").then().statusCode(200)
                .body("units[0].replacementSerial", equalTo(replacement));
    }

    /** A claim on the unit failed on {@code failureDate}, a return authorised on it, tested and judged defective. */
    static String judgedReturn(String customer, String serial, LocalDate failureDate) {
        String caseId = Fixtures.openCase(CaseBodies.open(customer).unit(serial, 30000).failureDate(failureDate));
        return ReturnTest.judgedOn(new CaseTestData.World(customer, serial), caseId, "DEFECT_CONFIRMED", "MANUFACTURING_PROCESS");
    }

    @Test
    void theReplacementInheritsTheFreeWarrantyEndAndAReplacementOfItTheOriginals() {
        CaseTestData.World w = CaseTestData.world("COMMERCIAL_VEHICLE");
        String id = ReturnTest.judged(w, "DEFECT_CONFIRMED", "MANUFACTURING_PROCESS");
        String first = Api.unique("RP");
        replace(id, w.serial(), first);
        String today = TestClock.today().toString();

        // Delivered today, but covered only to the original's end (a fresh term would run to today + 24 months).
        as("SALES").queryParam("date", today).get("/api/v1/units/" + first + "/entitlement").then().statusCode(200)
                .body("regime", equalTo("FREE_WARRANTY")).body("warrantyEnd", equalTo(ORIGINAL_END))
                .body("validUntil", equalTo(ORIGINAL_END)).body("reasons[0].code", equalTo("replacement_inherited"))
                .body("reasons[0].text", equalTo("更换件，继承原件" + w.serial() + "的包修期至" + ORIGINAL_END));
        as("SALES").header("Accept-Language", "en").queryParam("date", today).get("/api/v1/units/" + first + "/entitlement")
                .then().statusCode(200)
                .body("reasons[0].text", equalTo("replacement of " + w.serial() + ": free warranty until " + ORIGINAL_END + " inherited"));
        asCustomer(UUID.fromString(w.customerId())).queryParam("date", "2027-01-10").get("/api/v1/units/" + first + "/entitlement")
                .then().statusCode(200).body("regime", equalTo("CHARGEABLE"))
                .body("reasons.code", hasItem("warranty_ended"));

        // The replacement fails too and is replaced in turn: the second replacement inherits the original's end.
        String second = Api.unique("RP");
        replace(judgedReturn(w.customerId(), first, TestClock.today()), first, second);
        as("SALES").queryParam("date", today).get("/api/v1/units/" + second + "/entitlement").then().statusCode(200)
                .body("regime", equalTo("FREE_WARRANTY")).body("warrantyEnd", equalTo(ORIGINAL_END))
                .body("reasons[0].text", equalTo("更换件，继承原件" + w.serial() + "的包修期至" + ORIGINAL_END));

        // Each unit shows what happened to it; its history shows the replacement both ways.
        as("SALES").get("/api/v1/units/" + w.serial()).then().statusCode(200)
                .body("status", equalTo("REPLACED")).body("replacedBy.serialNo", equalTo(first))
                .body("replacedBy.on", equalTo(today)).body("replacedBy.returnId", equalTo(id));
        as("SALES").get("/api/v1/units/" + first).then().statusCode(200)
                .body("status", equalTo("REPLACED")).body("replaces", equalTo(w.serial()))
                .body("replacedBy.serialNo", equalTo(second));
        as("SALES").get("/api/v1/units/" + second).then().statusCode(200)
                .body("status", equalTo("ACTIVE")).body("replaces", equalTo(first)).body("$", not(org.hamcrest.Matchers.hasKey("replacedBy")));
        as("QUALITY_ENGINEER").get("/api/v1/units/" + w.serial() + "/history").then().statusCode(200)
                .body("items.find { it.kind == 'REPLACED_BY' }.summary", equalTo("→ " + first))
                .body("items.kind", hasItem("CASE"));
        asCustomer(UUID.fromString(w.customerId())).get("/api/v1/units/" + first + "/history").then().statusCode(200)
                .body("items.find { it.kind == 'REPLACES' }.summary", equalTo("← " + w.serial()))
                .body("items.find { it.kind == 'REPLACED_BY' }.summary", equalTo("→ " + second));
        // The original's own entitlement (and the one frozen on its case) is as before.
        as("SALES").queryParam("date", today).get("/api/v1/units/" + w.serial() + "/entitlement").then().statusCode(200)
                .body("warrantyEnd", equalTo(ORIGINAL_END)).body("reasons.code", not(hasItem("replacement_inherited")));
    }

    @Test
    void aTermThatGivesReplacementsTheirOwnWarrantyCoversTheReplacementFromItsDelivery() {
        String customer = Api.newCustomer(Api.unique("ro"));
        as("SALES").body(WarrantyBodies.term("COMMERCIAL_VEHICLE").mileageKm(100000).replacementWarranty("OWN").json())
                .post("/api/v1/customers/" + customer + "/warranty-terms").then().statusCode(201)
                .body("replacementWarranty", equalTo("OWN"));
        CaseTestData.World w = new CaseTestData.World(customer, CaseTestData.unit(customer, "COMMERCIAL_VEHICLE", null));
        String replacement = Api.unique("RP");
        replace(ReturnTest.judged(w, "DEFECT_CONFIRMED", "MANUFACTURING_PROCESS"), w.serial(), replacement);
        String own = TestClock.today().plusMonths(24).minusDays(1).toString();
        as("SALES").queryParam("date", TestClock.today().toString()).get("/api/v1/units/" + replacement + "/entitlement")
                .then().statusCode(200).body("regime", equalTo("FREE_WARRANTY")).body("warrantyEnd", equalTo(own))
                .body("reasons[0].code", equalTo("replacement_own_warranty"))
                .body("reasons[0].text", equalTo("更换件（原件" + w.serial() + "）：按包修条款自交付起享有独立包修期"));
        // The warranty-expiry job reads the same rule: an inherited end (2027-01-09, inside the 60-day window) would be
        // alerted; the replacement's own end is two years away.
        as("ADMIN").post("/api/v1/admin/jobs/warranty-expiry/runs").then().statusCode(200).body("outcome", equalTo("OK"));
        assertThat(Sql.count("select count(*) from notice where kind = 'WARRANTY_EXPIRY' and payload ->> 'serialNo' = any(?1)",
                (Object) new String[]{replacement, w.serial()})).isZero();
        // The original's own warranty is unchanged; a term says INHERIT unless told otherwise.
        as("SALES").queryParam("date", TestClock.today().toString()).get("/api/v1/units/" + w.serial() + "/entitlement")
                .then().statusCode(200).body("warrantyEnd", equalTo(ORIGINAL_END));
        as("SALES").body(WarrantyBodies.term("SYSTEM").json()).post("/api/v1/customers/" + customer + "/warranty-terms")
                .then().statusCode(201).body("replacementWarranty", equalTo("INHERIT"));
        as("SALES").body(WarrantyBodies.term("MICRO_CAR").replacementWarranty("FRESH").json())
                .post("/api/v1/customers/" + customer + "/warranty-terms").then().statusCode(400)
                .body("errors[0].field", equalTo("replacementWarranty"));
    }

    @Test
    void theReplacedUnitLeavesRecallSelectionWarrantyAlertsAndTheFleetFromTheReplacementDate() throws Exception {
        String customer = Api.newCustomer(Api.unique("rx"));
        Fixtures.term(customer, WarrantyBodies.term("COMMERCIAL_VEHICLE").effectiveFrom(LocalDate.of(2015, 1, 1)));
        String model = Api.unique("RM");
        // Both units' free warranty ends in 40 days: inside the 60-day alert window.
        LocalDate delivered = TestClock.today().plusDays(41).minusMonths(24);
        String replaced = Fixtures.unit(UnitBodies.unit(customer).productModel(model).delivered(delivered));
        String kept = Fixtures.unit(UnitBodies.unit(customer).productModel(model).delivered(delivered));
        String campaign = RecallTest.campaign(RecallBodies.criteria().productModel(model).serial(replaced), null);
        String yesterday = TestClock.today().minusDays(1).toString();
        String today = TestClock.today().toString();
        assertThat(preview(campaign)).isEqualTo(1);
        assertThat(fieldUnits(customer, yesterday)).isEqualTo(2);
        assertThat(fieldUnits(customer, today)).isEqualTo(2);

        String replacement = Api.unique("RP");
        replace(judgedReturn(customer, replaced, TestClock.today()), replaced, replacement);

        // Three units on record, two in the field today (the replacement in, the replaced unit out); yesterday as it was.
        as("SALES").queryParam("customerId", customer).get("/api/v1/units").then().statusCode(200)
                .body("items.size()", equalTo(3));
        assertThat(fieldUnits(customer, today)).isEqualTo(2);
        assertThat(fieldUnits(customer, yesterday)).isEqualTo(2);
        // The campaign naming the replaced unit no longer selects it; one selecting the model takes the replacement.
        assertThat(preview(campaign)).isZero();
        assertThat(preview(RecallTest.campaign(RecallBodies.criteria().productModel(model), null))).isEqualTo(2);

        // Warranty alerts: the kept unit and the replacement (its inherited end is the same), never the replaced unit.
        as("ADMIN").post("/api/v1/admin/jobs/warranty-expiry/runs").then().statusCode(200).body("outcome", equalTo("OK"));
        List<Object[]> alerts = Sql.rows("select payload ->> 'serialNo', payload ->> 'endDate' from notice "
                + "where kind = 'WARRANTY_EXPIRY' and recipient_role = 'SALES' and payload ->> 'serialNo' = any(?1) order by 1",
                (Object) new String[]{replaced, kept, replacement});
        String end = delivered.plusMonths(24).minusDays(1).toString();
        assertThat(alerts.stream().map(a -> a[0] + "/" + a[1]).toList())
                .containsExactlyInAnyOrder(kept + "/" + end, replacement + "/" + end);
    }

    /**
     * A unit replaced while an active campaign still waits for its remedy is closed out of that campaign (EXEMPT, the
     * replacement as the reason): the reminder job no longer chases it and the campaign can complete; a unit already
     * remedied keeps its remedy.
     */
    @Test
    void aUnitReplacedDuringAnActiveRecallIsExemptFromItAndNoLongerReminded() {
        String customer = Api.newCustomer(Api.unique("rr"));
        Fixtures.term(customer, WarrantyBodies.term("COMMERCIAL_VEHICLE").effectiveFrom(LocalDate.of(2015, 1, 1)));
        String model = Api.unique("RR");
        String replaced = Fixtures.unit(UnitBodies.unit(customer).productModel(model).delivered(LocalDate.of(2025, 3, 1)));
        String kept = Fixtures.unit(UnitBodies.unit(customer).productModel(model).delivered(LocalDate.of(2025, 3, 1)));
        String base = "/api/v1/recalls/" + RecallTest.campaign(RecallBodies.criteria().productModel(model), null);
        as("GENERAL_MANAGER").header("If-Match", "\"0\"").body(RecallBodies.filing("SAMR-RR-1")).post(base + "/filing")
                .then().statusCode(200);
        as("QUALITY_ENGINEER").header("If-Match", "\"1\"").post(base + "/activation").then().statusCode(200)
                .body("affectedCount", equalTo(2));

        String replacement = Api.unique("RP");
        replace(judgedReturn(customer, replaced, TestClock.today()), replaced, replacement);

        as("QUALITY_ENGINEER").get(base + "/units/" + replaced).then().statusCode(200)
                .body("remedyStatus", equalTo("EXEMPT")).body("remedyDate", equalTo(TestClock.today().toString()))
                .body("exemptReason", equalTo("已更换为 " + replacement + "，原件已收回"));
        as("QUALITY_ENGINEER").get(base + "/units/" + kept).then().body("remedyStatus", equalTo("NOTIFIED"));
        as("REPAIR").get("/api/v1/units/" + replaced).then().body("openRecalls.size()", equalTo(0));
        // The reminder job, weeks later, reminds about the kept unit only.
        TestClock.advance(Duration.ofDays(40));
        try {
            as("ADMIN").post("/api/v1/admin/jobs/recall-reminder/runs").then().statusCode(200).body("outcome", equalTo("OK"));
        } finally {
            TestClock.reset();
        }
        assertThat(Sql.count("select count(*) from notice where kind = 'RECALL_REMINDER' and payload::text like ?1",
                "%" + replaced + "%")).isZero();
        assertThat(Sql.count("select count(*) from notice where kind = 'RECALL_REMINDER' and payload::text like ?1",
                "%" + kept + "%")).isPositive();
    }

    @Test
    void aReplacedUnitTakesNoCaseForAFailureAfterItsReplacementDate() {
        CaseTestData.World w = CaseTestData.world("COMMERCIAL_VEHICLE");
        TestClock.advance(Duration.ofDays(-10));
        LocalDate replacedOn = TestClock.today();
        String replacement = Api.unique("RP");
        replace(ReturnTest.judged(w, "DEFECT_CONFIRMED", "MANUFACTURING_PROCESS"), w.serial(), replacement);
        TestClock.reset();

        String after = CaseBodies.open(w.customerId()).unit(w.serial(), 30000).failureDate(replacedOn.plusDays(1)).json();
        as("SALES").body(after).post("/api/v1/cases").then().statusCode(422)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("units[0].serialNo"))
                .body("errors[0].message", equalTo("产品 " + w.serial() + " 已于 " + replacedOn + " 被更换，此后的故障应登记在更换件 "
                        + replacement + " 上"));
        as("SALES").header("Accept-Language", "en").body(after).post("/api/v1/cases").then().statusCode(422)
                .body("errors[0].message", equalTo("unit " + w.serial() + " was replaced on " + replacedOn
                        + ": a failure after that date belongs to its replacement " + replacement));
        // A failure on the replacement day or before it is still the replaced unit's; a later one is the replacement's.
        as("SALES").body(CaseBodies.open(w.customerId()).unit(w.serial(), 30000).failureDate(replacedOn).json())
                .post("/api/v1/cases").then().statusCode(201);
        as("SALES").body(CaseBodies.open(w.customerId()).unit(replacement, 30000).failureDate(replacedOn.plusDays(1)).json())
                .post("/api/v1/cases").then().statusCode(201);

        // The historical ledger import holds the same line: a row failed after the replacement is refused at its row.
        String code = as("SALES").get("/api/v1/customers/" + w.customerId()).then().statusCode(200).extract().path("code");
        String no = Api.unique("KS-R");
        byte[] ledger = com.aftersales.support.Sheet.of("单号", "类型", "严重度", "客户代码", "钢印号", "问题描述", "故障日期",
                        "受理时间", "首次响应时间", "结案时间")
                .row(no + "-1", "索赔", "中", code, w.serial(), "更换后的故障", replacedOn.plusDays(1), replacedOn.plusDays(2),
                        null, replacedOn.plusDays(5))
                .xlsx();
        as("QUALITY_ENGINEER").header("Accept-Language", "en").contentType("application/octet-stream").body(ledger)
                .post("/api/v1/ledger/import").then().statusCode(422)
                .body("errors[0].line", equalTo(2)).body("errors[0].field", equalTo("serialNos"))
                .body("errors[0].message", equalTo("unit " + w.serial() + " was replaced on " + replacedOn
                        + ": a failure after that date belongs to its replacement " + replacement));
        assertThat(Sql.count("select count(*) from service_case where case_no like ?1", no + "-%")).isZero();
    }

    @Test
    void aRefusedOrRetriedDisposalChangesNothing() {
        CaseTestData.World w = CaseTestData.world("COMMERCIAL_VEHICLE");
        String caseId = CaseTestData.openCase(w);
        String id = ReturnTest.judgedOn(w, caseId, "DEFECT_CONFIRMED", "MANUFACTURING_PROCESS");
        String taken = CaseTestData.unit(w.customerId(), "COMMERCIAL_VEHICLE", null);

        // The replacement's serial is taken: 409, the return stays judged and the unit in the field.
        Map<String, Sql.TableState> before = Sql.fingerprint();
        as("QUALITY_ENGINEER").header("If-Match", "\"3\"").body(disposition(w.serial(), "REPLACE", taken))
                .post("/api/v1/returns/" + id + "/disposition").then().statusCode(409)
                .body("type", equalTo("urn:problem:aftersales:unit_exists"));
        assertThat(Sql.fingerprint()).isEqualTo(before);
        as("SALES").get("/api/v1/units/" + w.serial()).then().body("status", equalTo("ACTIVE"));

        String replacement = Api.unique("RP");
        replace(id, w.serial(), replacement);
        // A retry with the old ETag is stale, one with the new ETag finds the return disposed: nothing changes.
        before = Sql.fingerprint();
        String again = disposition(w.serial(), "REPLACE", Api.unique("RP"));
        as("QUALITY_ENGINEER").header("If-Match", "\"3\"").body(again).post("/api/v1/returns/" + id + "/disposition")
                .then().statusCode(412);
        as("QUALITY_ENGINEER").header("If-Match", "\"4\"").body(again).post("/api/v1/returns/" + id + "/disposition")
                .then().statusCode(409);
        assertThat(Sql.fingerprint()).isEqualTo(before);

        // The same unit returned again on the case cannot be replaced twice.
        String secondReturn = ReturnTest.judgedOn(w, caseId, "DEFECT_CONFIRMED", "MANUFACTURING_PROCESS");
        before = Sql.fingerprint();
        as("QUALITY_ENGINEER").header("If-Match", "\"3\"").body(again).post("/api/v1/returns/" + secondReturn + "/disposition")
                .then().statusCode(409).body("type", equalTo("urn:problem:aftersales:unit_already_replaced"))
                .body("detail", equalTo("产品 " + w.serial() + " 已被 " + replacement + " 更换。"));
        assertThat(Sql.fingerprint()).isEqualTo(before);
        as("SALES").get("/api/v1/units/" + w.serial()).then().body("replacedBy.serialNo", equalTo(replacement));
    }

    /** How many units a draft campaign's criteria select now. */
    static long preview(String campaign) {
        return ((Number) as("QUALITY_ENGINEER").get("/api/v1/recalls/" + campaign + "/preview").then().statusCode(200)
                .extract().path("units")).longValue();
    }

    /** Units in the field of the customer on {@code day}, as its own KPI report counts them (PPM's denominator). */
    static int fieldUnits(String customer, String day) {
        JsonPath report = asCustomer(UUID.fromString(customer)).queryParam("from", day).queryParam("to", day)
                .get("/api/v1/kpis").then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> ppm = report.getList("tables.find { it.key == 'ppm' }.rows");
        assertThat(ppm).hasSize(1);
        return ((Number) ppm.get(0).get("fieldUnits")).intValue();
    }
}
