package com.aftersales.kpi;

import com.aftersales.eightd.EightDTest;
import com.aftersales.eightd.EightDTestData;
import com.aftersales.support.Api;
import com.aftersales.support.CaseBodies;
import com.aftersales.support.EightDBodies;
import com.aftersales.support.Fixtures;
import com.aftersales.support.FollowUpBodies;
import com.aftersales.support.RecallBodies;
import com.aftersales.support.ReturnBodies;
import com.aftersales.support.SparePartBodies;
import com.aftersales.support.Sql;
import com.aftersales.support.TestClock;
import com.aftersales.support.UnitBodies;
import com.aftersales.support.WarrantyBodies;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.aftersales.support.Api.as;
import static com.aftersales.support.Api.asCustomer;
import static com.aftersales.support.TestClock.today;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * Every KPI against a small data set computed by hand. One customer with four units (three TM220 delivered in January
 * and March 2025, one TM350 in February 2025) and three cases:
 * <ul>
 *   <li>c1 CLAIM/HIGH on u1, failed 2025-06-01 (month 4 in service), answered after 4 h (late: due after 3 h);
 *   returned and judged NTF; labour 80.00 verified; 8D report (D3 done 12 h after c1 was opened, closed 10 days after
 *   opening, before D8 was due); closed 3 days ago, followed up 2 days later (4 of 5, satisfied).</li>
 *   <li>c2 COMPLAINT/MEDIUM on u3, failed 2025-04-10 (month 1), answered after 2 h (on time); returned, defect of a
 *   purchased part with supplier share 0.5; parts 100.00 and travel 50.00 verified; linked to the 8D as a recurrence;
 *   closed 10 days ago, followed up 8 days later (2 of 5, not satisfied).</li>
 *   <li>c3 GRIEVANCE/LOW on u4 (not a failure), never answered.</li>
 * </ul>
 * A recall covers u1 (remedied), u2 (notified) and u4 (exempt).
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KpiTest {

    String customer;
    String code;
    String from = "2025-01-01";
    String to;

    static String unit(String customer, String model, String delivered) {
        return Fixtures.unit(UnitBodies.unit(customer).productModel(model).delivered(LocalDate.parse(delivered)));
    }

    String openCase(String type, String severity, String serial, String failed) {
        return Fixtures.openCase(CaseBodies.open(customer).type(type).unit(serial, 20000).failureDate(LocalDate.parse(failed))
                .description("车辆行驶中电机有异响").severity(severity));
    }

    void transitions(String caseId, String... statuses) {
        for (String status : statuses) {
            int v = as("AFTER_SALES_MANAGER").get("/api/v1/cases/" + caseId).then().extract().path("version");
            as("AFTER_SALES_MANAGER").header("If-Match", "\"" + v + "\"").body(CaseBodies.transition(status))
                    .post("/api/v1/cases/" + caseId + "/transitions").then().statusCode(200);
        }
    }

    static void sla(String customer, String severity, int firstResponseHours) {
        as("ADMIN").header("If-None-Match", "*").body(CaseBodies.sla(severity, customer, firstResponseHours, 240))
                .put("/api/v1/case-settings/slas").then().statusCode(200);
    }

    void followUp(String caseId, int satisfaction, boolean satisfied) {
        String id = as("SALES").queryParam("caseId", caseId).get("/api/v1/follow-ups").then().statusCode(200)
                .extract().path("find { it.round == 1 }.id");
        as("SALES").header("If-Match", "\"0\"").body(FollowUpBodies.contacted(satisfaction, satisfied).json())
                .put("/api/v1/follow-ups/" + id).then().statusCode(200);
    }

    /**
     * Once per class, in the first test's set-up (RestAssured knows the port only then). Made through the API, the
     * clock moved to when each step happened.
     */
    @BeforeEach
    void dataSet() {
        if (customer != null) {
            return;
        }
        Instant start = Instant.now();
        to = today().toString();
        code = Api.unique("KPI");
        customer = Api.newCustomer(code);
        as("SALES").body(WarrantyBodies.term("COMMERCIAL_VEHICLE").json())
                .post("/api/v1/customers/" + customer + "/warranty-terms").then().statusCode(201);
        sla(customer, "HIGH", 3);
        sla(customer, "MEDIUM", 24);
        String u1 = unit(customer, "TM220", "2025-01-10");
        String u2 = unit(customer, "TM220", "2025-01-10");
        String u3 = unit(customer, "TM220", "2025-03-05");
        String u4 = unit(customer, "TM350", "2025-02-20");
        // 30 days ago the three cases are opened; c2 is answered after 2 h, c1 after 4 h.
        TestClock.moveTo(start.minus(Duration.ofDays(30)));
        String c1 = openCase("CLAIM", "HIGH", u1, "2025-06-01");
        String c2 = openCase("COMPLAINT", "MEDIUM", u3, "2025-04-10");
        openCase("GRIEVANCE", "LOW", u4, "2025-05-01");
        TestClock.moveTo(start.minus(Duration.ofDays(30)).plus(Duration.ofHours(2)));
        transitions(c2, "ACKNOWLEDGED");
        TestClock.moveTo(start.minus(Duration.ofDays(30)).plus(Duration.ofHours(4)));
        transitions(c1, "ACKNOWLEDGED");
        // 10 days ago c2 is closed and the 8D report on c1 opened; its D3 (with D0–D7) was done 12 h after c1 was opened.
        TestClock.moveTo(start.minus(Duration.ofDays(10)));
        // Cost lines are recorded (incurred 5 days before) and verified while a case is open: a closed one takes none.
        cost(c2, "PARTS", "100.00");
        cost(c2, "TRAVEL", "50.00");
        transitions(c2, "INVESTIGATING", "RESOLVING", "RESOLVED", "CLOSED");
        String report = EightDTest.open(c1);
        TestClock.moveTo(start.minus(Duration.ofDays(30)).plus(Duration.ofHours(12)));
        int reportVersion = EightDTestData.disciplinesDone(report);
        // 3 days ago c1 is closed and both get their follow-up, done 8 days after c2's closing and 2 days after c1's.
        TestClock.moveTo(start.minus(Duration.ofDays(3)));
        // The report is still open: the quality engineer waives it for c1's closing gate (it is closed today).
        as("QUALITY_ENGINEER").body(com.aftersales.support.JsonBody.of("reportId", report, "reason", "8D 报告另行跟踪至关闭"))
                .post("/api/v1/cases/" + c1 + "/eight-d-waivers").then().statusCode(201);
        cost(c1, "LABOUR", "80.00");
        transitions(c1, "INVESTIGATING", "RESOLVING", "RESOLVED", "CLOSED");
        as("ADMIN").post("/api/v1/admin/jobs/follow-up/runs").then().statusCode(200).body("outcome", equalTo("OK"));
        TestClock.moveTo(start.minus(Duration.ofDays(2)));
        followUp(c2, 2, false);
        TestClock.moveTo(start.minus(Duration.ofDays(1)));
        followUp(c1, 4, true);
        // Recall activated yesterday: u1 remedied, u2 notified, u4 exempt.
        String campaign = as("QUALITY_ENGINEER").body(RecallBodies.campaign(RecallBodies.criteria().serial(u1).serial(u2).serial(u4))
                        .code("ZH-" + code).describedAs("控制器召回", "熔断器", "起火", "更换").filingReference("SAMR-KPI").json())
                .post("/api/v1/recalls").then().statusCode(201).extract().path("id");
        as("GENERAL_MANAGER").header("If-Match", "\"0\"").body(RecallBodies.filing()).post("/api/v1/recalls/" + campaign + "/filing")
                .then().statusCode(200);
        as("QUALITY_ENGINEER").header("If-Match", "\"1\"").post("/api/v1/recalls/" + campaign + "/activation").then().statusCode(200);
        as("SALES").header("If-Match", "\"0\"").body(RecallBodies.remedy("REMEDIED").date(today()).where("服务站").json())
                .put("/api/v1/recalls/" + campaign + "/units/" + u1).then().statusCode(200);
        as("SALES").header("If-Match", "\"0\"").body(RecallBodies.remedy("EXEMPT").reason("车辆已报废").json())
                .put("/api/v1/recalls/" + campaign + "/units/" + u4).then().statusCode(200);
        // Today: returns judged (u1 NTF, u3 defect of a purchased part, supplier share 0.5), the 8D report closed (10 days after it was opened), c2 linked to it as a recurrence (which
        // reopens it) and the report closed again.
        TestClock.reset();
        judge(c1, u1, false, ReturnBodies.judgement(u1, "NTF"));
        judge(c2, u3, true, ReturnBodies.judgement(u3, "DEFECT_CONFIRMED").causeCategory("PURCHASED_PART").supplier(com.aftersales.support.Fixtures.supplier("某轴承厂"), 0.5));
        reportVersion = EightDTestData.close(report, reportVersion, "TM220 电机轴承早期失效");
        reportVersion = version(as("QUALITY_ENGINEER").header("If-Match", "\"" + reportVersion + "\"").body(EightDBodies.linkCase(c2))
                .post("/api/v1/eight-d-reports/" + report + "/cases").then().statusCode(200).body("recurrenceCount", equalTo(1))
                .extract().header("ETag"));
        EightDTestData.closure(report, reportVersion);
    }

    static int version(String etag) {
        return Integer.parseInt(etag.replace("\"", ""));
    }

    void judge(String caseId, String serial, boolean reproduced, ReturnBodies.Judgement judgement) {
        String id = as("AFTER_SALES_MANAGER").body(ReturnBodies.authorise(caseId, "退回检测", serial))
                .post("/api/v1/returns").then().statusCode(201).extract().path("id");
        String base = "/api/v1/returns/" + id;
        as("WAREHOUSE").header("If-Match", "\"0\"").post(base + "/receipt").then().statusCode(200);
        as("QUALITY_ENGINEER").header("If-Match", "\"1\"").body(ReturnBodies.test(serial, "台架测试", reproduced).json())
                .post(base + "/tests").then().statusCode(200);
        as("QUALITY_ENGINEER").header("If-Match", "\"2\"").body(ReturnBodies.verdict().unit(judgement).json())
                .post(base + "/verdict").then().statusCode(200);
    }

    static void cost(String caseId, String category, String amount) {
        String id = as("REPAIR").body(CaseBodies.cost(category, amount).description("费用").incurredOn(today().minusDays(5)).json())
                .post("/api/v1/cases/" + caseId + "/costs").then().statusCode(201).body("billedTo", equalTo("COMPANY"))
                .extract().path("id");
        as("AFTER_SALES_MANAGER").header("If-Match", "\"0\"").body(CaseBodies.decision("VERIFY"))
                .post("/api/v1/cases/" + caseId + "/costs/" + id + "/verification").then().statusCode(200)
                .body("status", equalTo("VERIFIED"));
    }

    JsonPath kpis(io.restassured.specification.RequestSpecification who, String groupBy) {
        if (groupBy != null) {
            who = who.queryParam("groupBy", groupBy);
        }
        return who.queryParam("from", from).queryParam("to", to).queryParam("maxMonths", "6")
                .get("/api/v1/kpis").then().statusCode(200).extract().jsonPath();
    }

    static List<Map<String, Object>> rows(JsonPath report, String kpi) {
        return report.getList("tables.find { it.key == '" + kpi + "' }.rows");
    }

    /** The figures of the data set, whether the customer sees them (ALL) or staff group by customer. */
    void assertFigures(JsonPath r, String group) {
        assertThat(rows(r, "cases")).containsExactly(
                Map.of("group", group, "type", "CLAIM", "severity", "HIGH", "cases", 1),
                Map.of("group", group, "type", "COMPLAINT", "severity", "MEDIUM", "cases", 1),
                Map.of("group", group, "type", "GRIEVANCE", "severity", "LOW", "cases", 1));
        assertThat(rows(r, "ppm")).containsExactly(Map.of("group", group, "failedUnits", 2, "fieldUnits", 4, "ppm", 500000.0f));
        List<Map<String, Object>> iptv = rows(r, "claimsPer1000ByMonthsInService");
        assertThat(iptv).hasSize(7).allSatisfy(row -> assertThat(row.get("unitsExposed")).isEqualTo(4));
        assertThat(iptv.get(1)).containsEntry("monthsInService", 1).containsEntry("claims", 1).containsEntry("per1000", 250.0f);
        assertThat(iptv.get(4)).containsEntry("monthsInService", 4).containsEntry("claims", 1).containsEntry("per1000", 250.0f);
        assertThat(iptv.get(2)).containsEntry("claims", 0).containsEntry("per1000", 0.0f);
        assertThat(rows(r, "ntfRate")).containsExactly(Map.of("group", group, "judgedUnits", 2, "ntfUnits", 1, "ntfRatePct", 50.0f));
        assertThat(rows(r, "firstResponse")).containsExactly(
                Map.of("group", group, "cases", 2, "avgHours", 3.0f, "p90Hours", 3.8f, "onTimePct", 50.0f));
        assertThat(rows(r, "containment")).containsExactly(Map.of("group", group, "reports", 1, "avgHours", 12.0f, "p90Hours", 12.0f));
        assertThat(rows(r, "eightDLeadTime")).containsExactly(
                Map.of("group", group, "closedReports", 1, "avgDays", 10.0f, "onTimePct", 100.0f));
        assertThat(rows(r, "recurrences")).containsExactly(Map.of("group", group, "recurrences", 1, "reports", 1));
        assertThat(rows(r, "followUpWithin7Days")).containsExactly(
                Map.of("group", group, "closedCases", 2, "followedUp", 1, "pct", 50.0f));
        assertThat(rows(r, "satisfaction")).containsExactly(
                Map.of("group", group, "followUps", 2, "avgSatisfaction", 3.0f, "satisfiedPct", 50.0f));
        assertThat(rows(r, "recallCompletion")).containsExactly(Map.of("group", group, "campaign", "ZH-" + code, "affected", 3,
                "remedied", 1, "exempt", 1, "completionPct", 50.0f));
    }

    /** The cost KPIs of the data set (staff only: read in the customer's row of a report grouped by customer). */
    static void assertCostFigures(JsonPath r, String group) {
        assertThat(rowsOf(r, "warrantyCost", group)).containsExactly(
                Map.of("group", group, "category", "LABOUR", "costCny", 80.0f, "supplierRecoveryCny", 0.0f, "netCny", 80.0f),
                Map.of("group", group, "category", "PARTS", "costCny", 100.0f, "supplierRecoveryCny", 50.0f, "netCny", 50.0f),
                Map.of("group", group, "category", "TRAVEL", "costCny", 50.0f, "supplierRecoveryCny", 25.0f, "netCny", 25.0f));
        assertThat(rowsOf(r, "warrantyCostPerUnit", group)).containsExactly(
                Map.of("group", group, "netCny", 155.0f, "fieldUnits", 4, "netCnyPerUnit", 38.75f));
    }

    static List<Map<String, Object>> rowsOf(JsonPath report, String kpi, String group) {
        return rows(report, kpi).stream().filter(row -> group.equals(row.get("group"))).toList();
    }

    /** The staff-only cost KPIs (issue 22): never in a customer account's report, export or dashboard. */
    static final List<String> COST_KPIS = List.of("warrantyCost", "warrantyCostPerUnit");

    String label() {
        return code + " 测试客户" + code;
    }

    @Test
    void theFleetSummaryMatchesTheUnitsThroughInsertsUpdatesAndDeletes() {
        String fleet = "select coalesce(sum(units), 0) from unit_fleet where customer_id = cast(?1 as uuid)";
        String units = "select count(*) from unit where customer_id = cast(?1 as uuid) and delivery_date is not null";
        assertThat(Sql.count(fleet, customer)).isEqualTo(Sql.count(units, customer)).isEqualTo(4);
        // A set-based move of every unit to another model and month, then a delete: the summary follows.
        String other = Api.newCustomer(Api.unique("kpf"));
        String extra = unit(other, "TM220", "2025-05-05");
        Sql.exec("update unit set product_model = 'TM999', delivery_date = delivery_date + 40 where customer_id = cast(?1 as uuid)", other);
        assertThat(Sql.count("select coalesce(sum(units), 0) from unit_fleet where customer_id = cast(?1 as uuid) "
                + "and product_model = 'TM999' and delivery_date between date '2025-06-01' and date '2025-06-30'", other)).isEqualTo(1);
        Sql.exec("delete from unit where serial_no = ?1", extra);
        assertThat(Sql.count(fleet, other)).isZero();
        assertThat(Sql.count("select count(*) from case_unit cu join unit u on u.id = cu.unit_id "
                + "where u.customer_id = cast(?1 as uuid) and cu.product_model <> u.product_model", customer)).isZero();
    }

    @Test
    void aCustomerAccountGetsExactlyItsOwnFigures() {
        JsonPath mine = kpis(asCustomer(UUID.fromString(customer)), null);
        assertFigures(mine, "ALL");
        assertThat(mine.getList("tables.key")).doesNotContain("sparePartsFillRate").doesNotContainAnyElementsOf(COST_KPIS);
        // The cost figures of the same data set, for staff, in the customer's row.
        assertCostFigures(kpis(as("QUALITY_ENGINEER"), "customer"), label());
        asCustomer(UUID.fromString(customer)).queryParam("from", from).queryParam("to", to).queryParam("kpi", "sparePartsFillRate")
                .get("/api/v1/kpis").then().statusCode(400).body("errors[0].field", equalTo("kpi"));
        // Another customer sees none of it.
        JsonPath other = kpis(asCustomer(UUID.fromString(Api.newCustomer(Api.unique("kpo")))), null);
        assertThat(rows(other, "cases")).isEmpty();
        assertThat(rows(other, "recallCompletion")).isEmpty();
    }

    @Test
    void aCaseCountsOncePerModelOfItsUnits() {
        com.aftersales.cases.CaseTestData.World w = com.aftersales.cases.CaseTestData.world("COMMERCIAL_VEHICLE");
        String sameModel = com.aftersales.cases.CaseTestData.unit(w.customerId(), "COMMERCIAL_VEHICLE", null);
        String otherModel = Api.unique("EM");
        as("SALES").body(UnitBodies.unit(w.customerId()).serialNo(otherModel).productModel("EM35").productionDate(LocalDate.of(2025, 1, 2))
                        .deliveryDate(LocalDate.of(2025, 1, 10)).json())
                .post("/api/v1/units").then().statusCode(201);
        as("SALES").body(CaseBodies.open(w.customerId()).unit(w.serial()).unit(sameModel).unit(otherModel).title("三台电机同时异响")
                        .description("同一车队三台电机异响").json())
                .post("/api/v1/cases").then().statusCode(201);
        JsonPath byModel = asCustomer(UUID.fromString(w.customerId())).queryParam("groupBy", "model")
                .queryParam("from", today().minusDays(30).toString()).queryParam("to", today().toString()).queryParam("kpi", "cases")
                .get("/api/v1/kpis").then().statusCode(200).extract().jsonPath();
        assertThat(rows(byModel, "cases")).extracting(row -> row.get("group") + "/" + row.get("type") + "/" + row.get("cases"))
                .containsExactly("EM35/CLAIM/1", "TM220/CLAIM/1");
    }

    @Test
    void staffSeeTheSameFiguresInTheCustomersRowAndByModel() {
        JsonPath all = kpis(as("QUALITY_ENGINEER"), "customer");
        String label = code + " 测试客户" + code;
        for (String kpi : List.of("cases", "ppm", "ntfRate", "firstResponse", "warrantyCost", "recallCompletion")) {
            assertThat(rows(all, kpi)).as(kpi).anySatisfy(row -> assertThat(row.get("group")).isEqualTo(label));
        }
        assertThat(rows(all, "ppm")).filteredOn(row -> label.equals(row.get("group")))
                .containsExactly(Map.of("group", label, "failedUnits", 2, "fieldUnits", 4, "ppm", 500000.0f));
        JsonPath byModel = kpis(asCustomer(UUID.fromString(customer)), "model");
        assertThat(rows(byModel, "ppm")).containsExactly(
                Map.of("group", "TM220", "failedUnits", 2, "fieldUnits", 3, "ppm", 666666.7f),
                Map.of("group", "TM350", "failedUnits", 0, "fieldUnits", 1, "ppm", 0.0f));
        assertThat(rows(byModel, "cases")).extracting(row -> row.get("group") + "/" + row.get("type"))
                .containsExactly("TM220/CLAIM", "TM220/COMPLAINT", "TM350/GRIEVANCE");
        // Costs take the model of the unit billed (case_cost.product_model, filled by the database); a customer account
        // does not see cost KPIs (staff only).
        assertThat(byModel.getList("tables.key")).doesNotContainAnyElementsOf(COST_KPIS);
        assertThat(Sql.text("select string_agg(cc.category || '/' || cc.product_model, ',' order by cc.category) from case_cost cc "
                + "join service_case c on c.id = cc.case_id where c.customer_id = cast(?1 as uuid)", customer))
                .isEqualTo("LABOUR/TM220,PARTS/TM220,TRAVEL/TM220");
        JsonPath byMonth = kpis(asCustomer(UUID.fromString(customer)), "month");
        List<Map<String, Object>> ppm = rows(byMonth, "ppm");
        assertThat(ppm.get(0)).isEqualTo(Map.of("group", "2025-01", "failedUnits", 0, "fieldUnits", 2, "ppm", 0.0f));
        assertThat(ppm.get(1)).isEqualTo(Map.of("group", "2025-02", "failedUnits", 0, "fieldUnits", 3, "ppm", 0.0f));
        assertThat(ppm.get(3)).isEqualTo(Map.of("group", "2025-04", "failedUnits", 1, "fieldUnits", 4, "ppm", 250000.0f));
        assertThat(ppm).hasSize((today().getYear() - 2025) * 12 + today().getMonthValue());
    }

    @Test
    void theSparePartsFillRateCountsDemandOnCasesMetFromStock() {
        String part = as("PRODUCT_MANAGER").body(SparePartBodies.part("电机轴承 6205", "85.50").productModel("TM220").wearPart(true).json())
                .post("/api/v1/spare-parts").then().statusCode(201).extract().path("id");
        String caseId = Sql.text("select cast(id as text) from service_case where customer_id = cast(?1 as uuid) limit 1", customer);
        // In March 2019: three parts issued to the case from stock, and one transfer order raised for it.
        TestClock.moveTo(LocalDateTime.of(2019, 3, 10, 10, 0));
        as("WAREHOUSE").body(SparePartBodies.movement("RECEIPT", "HQ", 3).json())
                .post("/api/v1/spare-parts/" + part + "/movements").then().statusCode(200);
        for (int i = 0; i < 3; i++) {
            as("WAREHOUSE").body(SparePartBodies.movement("ISSUE", "HQ", 1).caseId(caseId).json())
                    .post("/api/v1/spare-parts/" + part + "/movements").then().statusCode(200);
        }
        TestClock.moveTo(LocalDateTime.of(2019, 3, 20, 10, 0));
        as("REPAIR").body(SparePartBodies.transfer("HQ", "BJ").caseId(caseId).line(part, 1).json()).post("/api/v1/transfer-orders").then().statusCode(201);
        TestClock.reset();
        as("PRODUCT_MANAGER").queryParam("from", "2019-03-01").queryParam("to", "2019-03-31").queryParam("groupBy", "month")
                .queryParam("kpi", "sparePartsFillRate").accept("application/json").get("/api/v1/kpis").then().statusCode(200)
                .body("tables[0].rows", equalTo(List.of(Map.of("group", "2019-03", "issues", 3, "transfers", 1, "fillRatePct", 75.0f))));
    }

    @Test
    void theWorkbookIsADepartmentKpiSheetInChineseAndCsvHoldsOneTable() throws Exception {
        byte[] xlsx = asCustomer(UUID.fromString(customer)).accept(KpiExports.XLSX).queryParam("from", from).queryParam("to", to)
                .queryParam("groupBy", "model").queryParam("maxMonths", "6").get("/api/v1/kpis").then().statusCode(200)
                .extract().asByteArray();
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
            List<Sheet> sheets = wb.getSheets().toList();
            assertThat(sheets.get(0).getName()).isEqualTo("KPI汇总");
            List<Row> summary = sheets.get(0).read();
            assertThat(summary.get(0).getCellText(0)).isEqualTo("售后服务部 KPI 报表");
            assertThat(summary.get(1).getCellText(1)).isEqualTo(from + " 至 " + to);
            assertThat(summary.get(2).getCellText(1)).isEqualTo("按型号");
            assertThat(summary).anySatisfy(r -> assertThat(r.getCellText(0)).isEqualTo("PPM（百万分之故障率）"));
            Sheet ppm = sheets.stream().filter(s -> s.getName().equals("PPM（百万分之故障率）")).findFirst().orElseThrow();
            // Title, formula, a blank line, the header (row 4), then the figures.
            Map<Integer, Row> rows = ppm.read().stream().collect(java.util.stream.Collectors.toMap(Row::getRowNum, r -> r));
            assertThat(rows.get(1).getCellText(0)).isEqualTo("PPM（百万分之故障率）");
            Row header = rows.get(4);
            assertThat(List.of(header.getCellText(0), header.getCellText(1), header.getCellText(2), header.getCellText(3)))
                    .containsExactly("分组", "故障产品数", "在用产品数", "PPM");
            assertThat(rows.get(5).getCellText(0)).isEqualTo("TM220");
            assertThat(rows.get(5).getCellAsNumber(3).orElseThrow()).isEqualByComparingTo("666666.7");
            assertThat(rows.get(6).getCellText(0)).isEqualTo("TM350");
            Sheet cases = sheets.stream().filter(s -> s.getName().startsWith("客诉数量")).findFirst().orElseThrow();
            assertThat(cases.read().stream().filter(r -> r.getRowNum() == 5).findFirst().orElseThrow().getCellText(1)).isEqualTo("索赔");
        }
        // A cost KPI is staff-only: staff export it (here the customer's rows of the export grouped by customer).
        String csv = new String(as("QUALITY_ENGINEER").accept("text/csv").header("Accept-Language", "en")
                .queryParam("from", from).queryParam("to", to).queryParam("kpi", "warrantyCost").queryParam("groupBy", "customer")
                .get("/api/v1/kpis").then().statusCode(200).extract().asByteArray(), StandardCharsets.UTF_8);
        assertThat(csv).startsWith("\uFEFF\"group\",\"category\",\"cost CNY\",\"supplier recovery CNY\",\"net CNY\"\r\n");
        String l = "\"" + label() + "\"";
        assertThat(csv).contains(l + ",\"LABOUR\",\"80.00\",\"0.00\",\"80.00\"\r\n" + l + ",\"PARTS\",\"100.00\",\"50.00\",\"50.00\"\r\n"
                + l + ",\"TRAVEL\",\"50.00\",\"25.00\",\"25.00\"\r\n");
        asCustomer(UUID.fromString(customer)).accept("text/csv").queryParam("from", from).queryParam("to", to)
                .queryParam("kpi", "warrantyCost").get("/api/v1/kpis").then().statusCode(400).body("errors[0].field", equalTo("kpi"));
        asCustomer(UUID.fromString(customer)).accept("text/csv").queryParam("from", from).queryParam("to", to)
                .get("/api/v1/kpis").then().statusCode(400).body("errors[0].field", equalTo("kpi"));
    }

    @Test
    void badParametersAreRefusedAndStaffWithoutKpiRightsAreNot() {
        as("QUALITY_ENGINEER").queryParam("to", to).get("/api/v1/kpis").then().statusCode(400)
                .body("errors[0].field", equalTo("from"));
        as("QUALITY_ENGINEER").header("Accept-Language", "en").queryParam("from", "2025-02-01").queryParam("to", "2025-01-01")
                .get("/api/v1/kpis").then().statusCode(400).body("errors[0].field", equalTo("to"))
                .body("errors[0].message", equalTo("must not be before from"));
        as("QUALITY_ENGINEER").queryParam("from", "2025-01-01").queryParam("to", "2025-02-30").get("/api/v1/kpis")
                .then().statusCode(400).body("errors[0].field", equalTo("to"));
        as("QUALITY_ENGINEER").queryParam("from", "2015-01-01").queryParam("to", "2025-01-01").get("/api/v1/kpis")
                .then().statusCode(400).body("errors[0].field", equalTo("to"));
        as("QUALITY_ENGINEER").queryParam("from", from).queryParam("to", to).queryParam("groupBy", "week").get("/api/v1/kpis")
                .then().statusCode(400).body("errors[0].field", equalTo("groupBy"));
        as("QUALITY_ENGINEER").queryParam("from", from).queryParam("to", to).queryParam("maxMonths", "0").get("/api/v1/kpis")
                .then().statusCode(400).body("errors[0].field", equalTo("maxMonths"));
        as("SALES").queryParam("from", from).queryParam("to", to).get("/api/v1/kpis").then().statusCode(403);
        Api.anonymous().queryParam("from", from).queryParam("to", to).get("/api/v1/kpis").then().statusCode(401);
    }

    // ---- the dashboard (monthly aggregates) ----

    static JsonPath refreshAggregates() {
        return as("ADMIN").post("/api/v1/admin/jobs/kpi-aggregates/runs").then().statusCode(200)
                .body("outcome", equalTo("OK")).extract().jsonPath();
    }

    JsonPath dashboard(io.restassured.specification.RequestSpecification who, String groupBy) {
        if (groupBy != null) {
            who = who.queryParam("groupBy", groupBy);
        }
        return who.queryParam("from", "2025-01").queryParam("to", java.time.YearMonth.from(today()).toString())
                .get("/api/v1/kpis/dashboard").then().statusCode(200).extract().jsonPath();
    }

    /** The exact report over the same whole months as {@link #dashboard}. */
    JsonPath exactWholeMonths(io.restassured.specification.RequestSpecification who, String groupBy) {
        if (groupBy != null) {
            who = who.queryParam("groupBy", groupBy);
        }
        return who.queryParam("from", "2025-01-01").queryParam("to", java.time.YearMonth.from(today()).atEndOfMonth().toString())
                .get("/api/v1/kpis").then().statusCode(200).extract().jsonPath();
    }

    static Object number(Object value) {
        return value instanceof Number n ? new java.math.BigDecimal(n.toString()).stripTrailingZeros() : value;
    }

    static java.math.BigDecimal decimal(Object value) {
        return new java.math.BigDecimal(value.toString());
    }

    /**
     * What the dashboard must show, derived from the exact report's rows: the same rows for the KPIs served as they
     * are, without p90 (firstResponse, containment) or the distinct reports (recurrences), and totals per group where
     * the report breaks a group down (cases by type and severity, costs by category). Numbers compared by value.
     */
    static List<Map<String, Object>> expected(JsonPath exact, String kpi) {
        List<Map<String, Object>> rows = rows(exact, kpi);
        Map<Object, Map<String, Object>> totals = new java.util.LinkedHashMap<>();
        List<Map<String, Object>> out = new java.util.ArrayList<>();
        for (Map<String, Object> row : rows) {
            Map<String, Object> r = new java.util.LinkedHashMap<>(row);
            switch (kpi) {
                case "firstResponse", "containment" -> r.remove("p90Hours");
                case "recurrences" -> r.remove("reports");
                case "cases" -> {
                    r.remove("type");
                    r.remove("severity");
                }
                case "warrantyCost" -> r.remove("category");
                default -> {
                }
            }
            if (kpi.equals("cases") || kpi.equals("warrantyCost")) {
                Map<String, Object> total = totals.computeIfAbsent(r.get("group"), g -> new java.util.LinkedHashMap<>());
                r.forEach((k, v) -> total.merge(k, k.equals("group") ? v : decimal(v), (a, b) -> k.equals("group") ? a
                        : decimal(a).add(decimal(b))));
            } else {
                out.add(r);
            }
        }
        if (!totals.isEmpty()) {
            out.addAll(totals.values());
        }
        return normalised(out);
    }

    static List<Map<String, Object>> normalised(List<Map<String, Object>> rows) {
        return rows.stream().map(row -> {
            Map<String, Object> r = new java.util.LinkedHashMap<>();
            row.forEach((k, v) -> r.put(k, number(v)));
            return r;
        }).toList();
    }

    static final List<String> DASHBOARD_KPIS = List.of("cases", "ntfRate", "firstResponse", "containment", "eightDLeadTime",
            "recurrences", "followUpWithin7Days", "satisfaction", "warrantyCost", "warrantyCostPerUnit");
    /** A customer account's dashboard: without the staff-only cost KPIs. */
    static final List<String> CUSTOMER_DASHBOARD_KPIS = DASHBOARD_KPIS.stream().filter(k -> !COST_KPIS.contains(k)).toList();

    @Test
    void theDashboardEqualsTheExactReportForWholeMonthsAfterARefresh() {
        refreshAggregates();
        var me = UUID.fromString(customer);
        for (String groupBy : java.util.Arrays.asList(null, "month", "productLine", "model")) {
            JsonPath exact = exactWholeMonths(asCustomer(me), groupBy);
            JsonPath dash = dashboard(asCustomer(me), groupBy);
            assertThat(dash.getList("tables.key")).containsExactlyElementsOf(CUSTOMER_DASHBOARD_KPIS);
            for (String kpi : CUSTOMER_DASHBOARD_KPIS) {
                assertThat(normalised(rows(dash, kpi))).as(kpi + " by " + groupBy).isEqualTo(expected(exact, kpi));
            }
        }
        // Not vacuous: the data set's figures are there (the customer's totals).
        JsonPath total = dashboard(asCustomer(me), null);
        assertThat(rows(total, "ntfRate")).containsExactly(Map.of("group", "ALL", "judgedUnits", 2, "ntfUnits", 1, "ntfRatePct", 50.0f));
        assertThat(rows(total, "firstResponse")).containsExactly(Map.of("group", "ALL", "cases", 2, "avgHours", 3.0f, "onTimePct", 50.0f));
        assertThat(rows(total, "cases")).containsExactly(Map.of("group", "ALL", "cases", 3));
        // Staff grouped by customer: the customer's row, labelled as in the exact report, holds the same figures
        // (the cost KPIs too, which are staff-only).
        String label = label();
        JsonPath staffExact = exactWholeMonths(as("QUALITY_ENGINEER"), "customer");
        JsonPath staff = dashboard(as("QUALITY_ENGINEER"), "customer");
        assertThat(staff.getList("tables.key")).containsExactlyElementsOf(DASHBOARD_KPIS);
        assertThat(rowsOf(staff, "warrantyCostPerUnit", label)).containsExactly(
                Map.of("group", label, "netCny", 155.0f, "fieldUnits", 4, "netCnyPerUnit", 38.75f));
        for (String kpi : DASHBOARD_KPIS) {
            assertThat(normalised(rows(staff, kpi)).stream().filter(r -> label.equals(r.get("group"))).toList()).as(kpi)
                    .isEqualTo(expected(staffExact, kpi).stream().filter(r -> label.equals(r.get("group"))).toList())
                    .isNotEmpty();
        }
    }

    @Test
    void aCustomerAccountSeesOnlyItsOwnAggregates() throws Exception {
        // Runs at once queue on the refresh's lock and all end OK (a refresh is idempotent).
        com.aftersales.support.Jobs.fireConcurrently("kpi-aggregates", 3);
        JsonPath other = dashboard(asCustomer(UUID.fromString(Api.newCustomer(Api.unique("kpd")))), null);
        assertThat(other.getList("tables.key")).containsExactlyElementsOf(CUSTOMER_DASHBOARD_KPIS);
        assertThat(other.getList("tables.rows.flatten()")).isEmpty();
        // The customer's own rows are there, and nobody else's (the staff total is larger or equal, never smaller).
        JsonPath mine = dashboard(asCustomer(UUID.fromString(customer)), "customer");
        assertThat(rows(mine, "cases")).extracting(r -> r.get("group")).containsExactly(code + " 测试客户" + code);
    }

    @Test
    void figuresStayAsOfTheRefreshUntilTheNextOne() {
        String otherCode = Api.unique("kpa");
        String other = Api.newCustomer(otherCode);
        var them = UUID.fromString(other);
        String theirRow = otherCode + " 测试客户" + otherCode;
        unit(other, "TM220", "2025-02-21");
        refreshAggregates();
        JsonPath before = dashboard(asCustomer(them), null);
        String asOf = before.getString("asOf");
        assertThat(asOf).isNotNull();
        assertThat(rows(before, "cases")).isEmpty();
        assertThat(fieldUnits(theirRow)).containsExactly(1);
        // A unit delivered in an old month and a case opened now, after the refresh.
        String serial = unit(other, "TM350", "2025-03-21");
        Fixtures.openCase(CaseBodies.open(other).type("CLAIM").unit(serial, 100).failureDate(today())
                .description("控制器报警").severity("LOW"));
        // Not counted yet: the same figures, as of the same time (the exact report counts them at once).
        JsonPath stale = dashboard(asCustomer(them), null);
        assertThat(stale.getString("asOf")).isEqualTo(asOf);
        assertThat(rows(stale, "cases")).isEmpty();
        assertThat(fieldUnits(theirRow)).containsExactly(1);
        assertThat(rows(exactWholeMonths(asCustomer(them), null), "cases")).hasSize(1);
        TestClock.advance(Duration.ofMinutes(5));
        refreshAggregates();
        // The refresh was incremental (recent months only), counts the new case, and the unit delivered in an old
        // month too (deliveries are recomputed for every month).
        assertThat(Sql.text("select cast(since_month as text) from kpi_month_refresh")).isNotNull();
        JsonPath after = dashboard(asCustomer(them), null);
        assertThat(java.time.OffsetDateTime.parse(after.getString("asOf"))).isAfter(java.time.OffsetDateTime.parse(asOf));
        assertThat(rows(after, "cases")).containsExactly(Map.of("group", "ALL", "cases", 1));
        assertThat(fieldUnits(theirRow)).containsExactly(2);
    }

    /** Units in the field of a customer's row on the staff dashboard (warrantyCostPerUnit, a staff-only KPI). */
    List<Object> fieldUnits(String customerRow) {
        return rowsOf(dashboard(as("QUALITY_ENGINEER"), "customer"), "warrantyCostPerUnit", customerRow).stream()
                .map(r -> r.get("fieldUnits")).toList();
    }

    @Test
    void badDashboardParametersAreRefused() {
        as("QUALITY_ENGINEER").queryParam("to", "2025-03").get("/api/v1/kpis/dashboard").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("from"));
        as("QUALITY_ENGINEER").queryParam("from", "2025-01-01").queryParam("to", "2025-03").get("/api/v1/kpis/dashboard")
                .then().statusCode(400).body("errors[0].field", equalTo("from"));
        as("QUALITY_ENGINEER").header("Accept-Language", "en").queryParam("from", "2025-03").queryParam("to", "2025-01")
                .get("/api/v1/kpis/dashboard").then().statusCode(400).body("errors[0].field", equalTo("to"))
                .body("errors[0].message", equalTo("must not be before from"));
        as("QUALITY_ENGINEER").queryParam("from", "2020-01").queryParam("to", "2023-01").get("/api/v1/kpis/dashboard")
                .then().statusCode(400).body("errors[0].field", equalTo("to"));
        as("QUALITY_ENGINEER").queryParam("from", "2020-01").queryParam("to", "2022-12").get("/api/v1/kpis/dashboard")
                .then().statusCode(200);
        as("QUALITY_ENGINEER").queryParam("from", "2025-01").queryParam("to", "2025-02").queryParam("groupBy", "week")
                .get("/api/v1/kpis/dashboard").then().statusCode(400).body("errors[0].field", equalTo("groupBy"));
        as("SALES").queryParam("from", "2025-01").queryParam("to", "2025-02").get("/api/v1/kpis/dashboard").then().statusCode(403);
        Api.anonymous().queryParam("from", "2025-01").queryParam("to", "2025-02").get("/api/v1/kpis/dashboard").then().statusCode(401);
    }
}
