package com.aftersales.returns;

import com.aftersales.cases.CaseTestData;
import com.aftersales.support.Api;
import com.aftersales.support.CaseBodies;
import com.aftersales.support.EightDBodies;
import com.aftersales.support.Fixtures;
import com.aftersales.support.JsonBody;
import com.aftersales.support.ReturnBodies;
import com.aftersales.support.Sql;
import com.aftersales.support.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.aftersales.support.Api.as;
import static com.aftersales.support.Api.asCustomer;
import static com.aftersales.support.ReturnBodies.judgement;
import static com.aftersales.support.ReturnBodies.verdict;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;

/** Suppliers as records and supplier recovery (责任追溯, issue 21): debit notes exact to the fen, and the refused paths. */
@QuarkusTest
class SupplierRecoveryTest {

    static final String SUPPLIERS = "/api/v1/suppliers";
    static final String RECOVERIES = "/api/v1/supplier-recoveries";

    /** A return on a case of its own, one unit judged as given; the case's costs verified first. */
    record Judged(CaseTestData.World w, String caseId, String returnId, String testId) {
    }

    static Judged judged(String cause, String supplierCode, double share, String... verifiedCosts) {
        CaseTestData.World w = CaseTestData.world("COMMERCIAL_VEHICLE");
        String caseId = CaseTestData.openCase(w);
        for (String amount : verifiedCosts) {
            verifyCost(caseId, amount);
        }
        String id = as("AFTER_SALES_MANAGER").body(ReturnBodies.authorise(caseId, "电机异响，退回检测", w.serial()))
                .post("/api/v1/returns").then().statusCode(201).extract().path("id");
        String base = "/api/v1/returns/" + id;
        as("WAREHOUSE").header("If-Match", "\"0\"").post(base + "/receipt").then().statusCode(200);
        String testId = as("QUALITY_ENGINEER").header("If-Match", "\"1\"")
                .body(ReturnBodies.test(w.serial(), "轴承振动测试", true).measured("振动 7.1 mm/s").json())
                .post(base + "/tests").then().statusCode(200).extract().path("tests[0].id");
        ReturnBodies.Judgement judgement = judgement(w.serial(), "DEFECT_CONFIRMED").causeCategory(cause);
        if (supplierCode != null) {
            judgement.supplier(supplierCode, share);
        }
        as("QUALITY_ENGINEER").header("If-Match", "\"2\"").body(verdict().unit(judgement).json())
                .post(base + "/verdict").then().statusCode(200);
        return new Judged(w, caseId, id, testId);
    }

    static void verifyCost(String caseId, String amount) {
        String cost = as("SALES").body(CaseBodies.cost("PARTS", amount).description("更换轴承").json())
                .post("/api/v1/cases/" + caseId + "/costs").then().statusCode(201).extract().path("id");
        as("AFTER_SALES_MANAGER").header("If-Match", "\"0\"").body(CaseBodies.decision("VERIFY"))
                .post("/api/v1/cases/" + caseId + "/costs/" + cost + "/verification").then().statusCode(200);
    }

    static String raise(Judged j, String eightD, String... attachments) {
        return JsonBody.of("returnId", j.returnId(), "serialNo", j.w().serial(), "testRecords", List.of(j.testId()),
                "eightDReportId", eightD, "attachments", List.of(attachments));
    }

    static String answer(String answer, String acceptedCny, String reason) {
        return JsonBody.of("answer", answer, "acceptedCny", acceptedCny, "reason", reason);
    }

    static String recovery(String kind, String reference, String on, String amountCny) {
        return JsonBody.of("kind", kind, "reference", reference, "recoveredOn", on, "amountCny", amountCny);
    }

    static String etag(Response r) {
        return r.header("ETag");
    }

    @Test
    void aSupplierIsARecordOfItsOwnAmendedOnlyWithItsETag() {
        String code = Api.unique("sup");
        String body = JsonBody.of("code", code.toLowerCase(), "name", "上海某轴承有限公司", "contacts",
                List.of(JsonBody.object("name", "李工", "position", "质量经理", "phone", "+86 21 1234 5678",
                        "email", "li.gong@example.com")));
        Response created = as("QUALITY_ENGINEER").body(body).post(SUPPLIERS).then().statusCode(201)
                .body("code", equalTo(code)).body("active", equalTo(true)).body("contacts[0].name", equalTo("李工"))
                .extract().response();
        String id = created.path("id");
        assertThat(created.header("Location")).endsWith(SUPPLIERS + "/" + id);
        as("ADMIN").body(body).post(SUPPLIERS).then().statusCode(409)
                .body("type", equalTo("urn:problem:aftersales:supplier_code_taken"));
        as("ADMIN").header("Accept-Language", "en").body(JsonBody.of("code", "x", "name", "某厂")).post(SUPPLIERS)
                .then().statusCode(422).body("errors[0].field", equalTo("code"))
                .body("errors[0].message", equalTo("a supplier code has 2 to 32 letters, digits, _ or -"));
        as("ADMIN").body(JsonBody.of("code", Api.unique("sup"), "name", "某厂", "contacts",
                List.of(JsonBody.object("name", "王", "email", "not-an-address")))).post(SUPPLIERS)
                .then().statusCode(422).body("errors[0].field", equalTo("contacts[0].email"));

        String url = SUPPLIERS + "/" + id;
        String amended = JsonBody.of("code", code, "name", "上海某轴承股份有限公司");
        as("QUALITY_ENGINEER").body(amended).put(url).then().statusCode(428);
        as("QUALITY_ENGINEER").header("If-Match", "\"7\"").body(amended).put(url).then().statusCode(412);
        as("FINANCE").get(url).then().statusCode(200).header("ETag", "\"0\"").body("name", equalTo("上海某轴承有限公司"));
        as("AFTER_SALES_MANAGER").header("If-Match", "\"0\"").body(amended).put(url).then().statusCode(200)
                .header("ETag", "\"1\"").body("name", equalTo("上海某轴承股份有限公司"));
        as("ENGINEER").queryParam("q", "轴承股份").get(SUPPLIERS).then().statusCode(200).body("items.code", hasItem(code));
        as("ADMIN").queryParam("entity", "supplier").queryParam("id", id).get("/api/v1/audit").then().statusCode(200)
                .body("items.action", equalTo(List.of("UPDATE", "CREATE")));

        // Supplier data is internal: customer (and station) accounts are refused on every supplier endpoint.
        UUID customer = UUID.fromString(CaseTestData.world("COMMERCIAL_VEHICLE").customerId());
        asCustomer(customer).get(SUPPLIERS).then().statusCode(403);
        asCustomer(customer).get(url).then().statusCode(403);
        asCustomer(customer).body(body).post(SUPPLIERS).then().statusCode(403);
        asCustomer(customer).header("If-Match", "\"1\"").body(amended).put(url).then().statusCode(403);
        as("SERVICE_STATION").get(SUPPLIERS).then().statusCode(403);

        // A deactivated supplier stays on its records but no new verdict names it; nor does an unknown code.
        as("QUALITY_ENGINEER").header("If-Match", "\"1\"").body(JsonBody.of("code", code, "name", "上海某轴承股份有限公司",
                "active", false)).put(url).then().statusCode(200).body("active", equalTo(false));
        // (An unknown code beside another cause too: 422, not a server error.)
        for (String[] named : List.of(new String[]{code, "PURCHASED_PART"}, new String[]{"NO-SUCH-SUPPLIER", "PURCHASED_PART"},
                new String[]{"NO-SUCH-SUPPLIER", "MANUFACTURING_PROCESS"})) {
            CaseTestData.World w = CaseTestData.world("COMMERCIAL_VEHICLE");
            String returnId = ReturnTest.received(w, CaseTestData.openCase(w));
            as("QUALITY_ENGINEER").header("If-Match", "\"1\"").body(ReturnBodies.test(w.serial(), "台架", true).json())
                    .post("/api/v1/returns/" + returnId + "/tests").then().statusCode(200);
            as("QUALITY_ENGINEER").header("If-Match", "\"2\"").header("Accept-Language", "en")
                    .body(verdict().unit(judgement(w.serial(), "DEFECT_CONFIRMED").causeCategory(named[1])
                            .supplier(named[0], 0.5)).json())
                    .post("/api/v1/returns/" + returnId + "/verdict").then().statusCode(422)
                    .body("errors[0].field", equalTo("units[0].supplierCode"))
                    .body("errors[0].message", equalTo("no active supplier with code " + named[0]));
            as("QUALITY_ENGINEER").get("/api/v1/returns/" + returnId).then().body("status", equalTo("TESTING"));
        }
    }

    @Test
    void aDebitNoteIsRaisedAcceptedAndRecoveredExactToTheFen() {
        String supplier = Fixtures.supplier("某轴承厂");
        String supplierId = as("ADMIN").queryParam("q", supplier).get(SUPPLIERS).then().extract().path("items[0].id");
        // Verified costs 1000.00 + 333.33 = 1333.33, one unit, share 0.35: 466.6655 → 466.67 (half-up, once).
        Judged j = judged("PURCHASED_PART", supplier, 0.35, "1000.00", "333.33");
        as("QUALITY_ENGINEER").get("/api/v1/returns/" + j.returnId()).then().body("units[0].supplierCode", equalTo(supplier))
                .body("units[0].supplier", equalTo("某轴承厂")).body("units[0].supplierId", equalTo(supplierId));
        String eightD = as("QUALITY_ENGINEER").body(EightDBodies.report(j.caseId()).member("刘工", "组长", "质量").json())
                .post("/api/v1/eight-d-reports").then().statusCode(201).extract().path("id");
        String photo = as("SALES").body(CaseBodies.attachment("轴承.jpg", "image/jpeg", 2048))
                .post("/api/v1/cases/" + j.caseId() + "/attachments").then().statusCode(201).extract().path("id");

        // Nothing is forgotten: the unit is attributable until its note is raised.
        as("FINANCE").queryParam("limit", 200).get(RECOVERIES + "/attributable").then().statusCode(200)
                .body("items.find { it.returnId == '" + j.returnId() + "' }.amountCny", equalTo("466.67"))
                .body("items.find { it.returnId == '" + j.returnId() + "' }.supplierCode", equalTo(supplier));

        Response raised = as("QUALITY_ENGINEER").body(raise(j, eightD, photo)).post(RECOVERIES).then().statusCode(201)
                .body("status", equalTo("RAISED")).body("debitNoteNo", matchesPattern("DN-" + TestClock.today().getYear() + "-\\d{5}"))
                .body("verifiedCaseCostsCny", equalTo("1333.33")).body("unitsReturnedOnCase", equalTo(1))
                .body("amountCny", equalTo("466.67")).body("supplierCode", equalTo(supplier))
                .body("supplierName", equalTo("某轴承厂")).body("serialNo", equalTo(j.w().serial()))
                .body("evidence.testRecords", equalTo(List.of(j.testId()))).body("evidence.eightDReportId", equalTo(eightD))
                .body("evidence.attachments", equalTo(List.of(photo))).header("ETag", "\"0\"").extract().response();
        String id = raised.path("id");
        String url = RECOVERIES + "/" + id;
        assertThat(raised.header("Location")).endsWith(url);
        // Once per unit.
        as("AFTER_SALES_MANAGER").body(raise(j, null)).post(RECOVERIES).then().statusCode(409)
                .body("type", equalTo("urn:problem:aftersales:supplier_recovery_exists"));
        as("FINANCE").queryParam("limit", 200).get(RECOVERIES + "/attributable").then()
                .body("items.returnId", not(hasItem(j.returnId())));
        // Once per unit and case: the unit back on a second return of the case is not raised again (it would claim the
        // same costs twice).
        String second = as("AFTER_SALES_MANAGER").body(ReturnBodies.authorise(j.caseId(), "再次退回", j.w().serial()))
                .post("/api/v1/returns").then().statusCode(201).extract().path("id");
        as("WAREHOUSE").header("If-Match", "\"0\"").post("/api/v1/returns/" + second + "/receipt").then().statusCode(200);
        String secondTest = as("QUALITY_ENGINEER").header("If-Match", "\"1\"")
                .body(ReturnBodies.test(j.w().serial(), "复测", true).json())
                .post("/api/v1/returns/" + second + "/tests").then().statusCode(200).extract().path("tests[0].id");
        as("QUALITY_ENGINEER").header("If-Match", "\"2\"").body(verdict().unit(judgement(j.w().serial(), "DEFECT_CONFIRMED")
                .causeCategory("PURCHASED_PART").supplier(supplier, 0.35)).json())
                .post("/api/v1/returns/" + second + "/verdict").then().statusCode(200);
        as("FINANCE").queryParam("limit", 200).get(RECOVERIES + "/attributable").then()
                .body("items.returnId", not(hasItem(second)));
        as("QUALITY_ENGINEER").body(JsonBody.of("returnId", second, "serialNo", j.w().serial(), "testRecords", List.of(secondTest)))
                .post(RECOVERIES).then().statusCode(409).body("type", equalTo("urn:problem:aftersales:supplier_recovery_exists"));
        // Frozen: a cost verified later does not change the raised note.
        verifyCost(j.caseId(), "100.00");
        as("FINANCE").get(url).then().statusCode(200).header("ETag", "\"0\"").body("amountCny", equalTo("466.67"))
                .body("verifiedCaseCostsCny", equalTo("1333.33"));

        // The zh-CN document for the supplier (供应商索赔函/扣款通知单).
        byte[] xlsx = as("QUALITY_ENGINEER").accept("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                .get(url).then().statusCode(200).header("ETag", "\"0\"").extract().asByteArray();
        Map<String, String> cells = new java.util.LinkedHashMap<>();
        try (org.dhatim.fastexcel.reader.ReadableWorkbook wb = new org.dhatim.fastexcel.reader.ReadableWorkbook(
                new java.io.ByteArrayInputStream(xlsx))) {
            assertThat(wb.getFirstSheet().getName()).isEqualTo("扣款通知单");
            wb.getFirstSheet().read().forEach(row -> cells.merge(row.getCellText(0),
                    row.getCellCount() > 1 ? row.getCellText(1) : "", (a, b) -> a + "|" + b));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        String reportNo = as("QUALITY_ENGINEER").get("/api/v1/eight-d-reports/" + eightD).then().extract().path("reportNo");
        assertThat(cells).containsEntry("通知单号", raised.path("debitNoteNo")).containsEntry("供应商", "某轴承厂（" + supplier + "）")
                .containsEntry("产品钢印号", j.w().serial()).containsEntry("责任比例", "35%")
                .containsEntry("公司承担的已核实费用（元）", "1333.33").containsEntry("索赔金额（元）", "466.67")
                .containsEntry("测试记录", "轴承振动测试").containsEntry("8D 报告", reportNo).containsEntry("附件", "轴承.jpg");

        as("QUALITY_ENGINEER").body(answer("ACCEPTED", "450.00", null)).post(url + "/acceptance").then().statusCode(428);
        as("QUALITY_ENGINEER").header("If-Match", "\"0\"").body(answer("ACCEPTED", "466.68", null))
                .post(url + "/acceptance").then().statusCode(422).body("errors[0].field", equalTo("acceptedCny"));
        as("QUALITY_ENGINEER").header("If-Match", "\"0\"").body(answer("ACCEPTED", null, null))
                .post(url + "/acceptance").then().statusCode(422).body("errors[0].field", equalTo("acceptedCny"));
        String etag = etag(as("QUALITY_ENGINEER").header("If-Match", "\"0\"").body(answer("ACCEPTED", "450.00", null))
                .post(url + "/acceptance").then().statusCode(200).body("status", equalTo("ACCEPTED"))
                .body("acceptedCny", equalTo("450.00")).body("answeredBy", equalTo("test-quality_engineer")).extract().response());

        // Finance only; never above the accepted amount nor dated ahead, and a refusal changes nothing.
        String today = TestClock.today().toString();
        as("QUALITY_ENGINEER").header("If-Match", etag).body(recovery("CREDIT_NOTE", "CN-2026-77", today, "450.00"))
                .post(url + "/recovery").then().statusCode(403);
        as("FINANCE").header("If-Match", etag).body(recovery("CREDIT_NOTE", "CN-2026-77", today, "450.01"))
                .post(url + "/recovery").then().statusCode(422).body("errors[0].field", equalTo("amountCny"));
        as("FINANCE").header("If-Match", etag).body(recovery("CREDIT_NOTE", "CN-2026-77",
                        TestClock.today().plusDays(1).toString(), "450.00"))
                .post(url + "/recovery").then().statusCode(422).body("errors[0].field", equalTo("recoveredOn"));
        as("FINANCE").get(url).then().header("ETag", etag).body("status", equalTo("ACCEPTED")).body("recoveredCny", equalTo(null));
        etag = etag(as("FINANCE").header("If-Match", etag).body(recovery("INVOICE_OFFSET", "INV-88120 冲抵", today, "450.00"))
                .post(url + "/recovery").then().statusCode(200).body("status", equalTo("RECOVERED"))
                .body("recoveredCny", equalTo("450.00")).body("recoveredOn", equalTo(today))
                .body("recoveryKind", equalTo("INVOICE_OFFSET")).body("recoveryReference", equalTo("INV-88120 冲抵"))
                .body("recoveredBy", equalTo("test-finance")).extract().response());

        // RECOVERED is final.
        as("QUALITY_ENGINEER").header("If-Match", etag).body(answer("ACCEPTED", "1.00", null))
                .post(url + "/acceptance").then().statusCode(409).body("type", equalTo("urn:problem:aftersales:supplier_recovery_final"));
        as("GENERAL_MANAGER").header("If-Match", etag).body(JsonBody.of("reason", "改")).post(url + "/write-off")
                .then().statusCode(409).body("type", equalTo("urn:problem:aftersales:supplier_recovery_final"));
        as("FINANCE").header("If-Match", etag).body(recovery("PAYMENT", "P-1", today, "1.00"))
                .post(url + "/recovery").then().statusCode(409);

        as("ADMIN").queryParam("entity", "supplier-recovery").queryParam("id", id).get("/api/v1/audit").then()
                .statusCode(200).body("items.action", equalTo(List.of("RECOVER", "ACCEPTED", "RAISE")));
        as("GENERAL_MANAGER").queryParam("supplierId", supplierId).get(RECOVERIES).then().statusCode(200)
                .body("items.id", equalTo(List.of(id)));
        as("GENERAL_MANAGER").queryParam("supplierId", supplierId).queryParam("status", "DISPUTED").get(RECOVERIES)
                .then().statusCode(200).body("items.size()", equalTo(0));
        as("GENERAL_MANAGER").queryParam("supplierId", supplierId).queryParam("from", today).queryParam("to", today)
                .get(RECOVERIES).then().statusCode(200).body("items.size()", equalTo(1));
        as("GENERAL_MANAGER").queryParam("supplierId", supplierId).queryParam("to", TestClock.today().minusDays(1).toString())
                .get(RECOVERIES).then().statusCode(200).body("items.size()", equalTo(0));

        // The KPI: recovered ÷ raised of the notes raised in the period (450.00 ÷ 466.67 = 96.43 %), staff only.
        io.restassured.path.json.JsonPath c = as("SALES").get("/api/v1/customers/" + j.w().customerId()).then().extract().jsonPath();
        String label = c.getString("code") + " " + c.getString("name");
        io.restassured.path.json.JsonPath kpi = as("GENERAL_MANAGER").queryParam("from", today).queryParam("to", today)
                .queryParam("groupBy", "customer").queryParam("kpi", "supplierRecovery").get("/api/v1/kpis").then()
                .statusCode(200).extract().jsonPath();
        List<Map<String, Object>> rows = kpi.getList("tables.find { it.key == 'supplierRecovery' }.rows");
        assertThat(rows).filteredOn(row -> label.equals(row.get("group"))).containsExactly(Map.of("group", label,
                "debitNotes", 1, "raisedCny", 466.67f, "acceptedCny", 450.0f, "recoveredCny", 450.0f, "writtenOffCny", 0,
                "recoveryRatePct", 96.43f));
        asCustomer(UUID.fromString(j.w().customerId())).queryParam("from", today).queryParam("to", today)
                .queryParam("kpi", "supplierRecovery").get("/api/v1/kpis").then().statusCode(400)
                .body("errors[0].field", equalTo("kpi"));
        assertThat(asCustomer(UUID.fromString(j.w().customerId())).queryParam("from", today).queryParam("to", today)
                .get("/api/v1/kpis").then().statusCode(200).extract().jsonPath().getList("tables.key", String.class))
                .contains("cases").doesNotContain("supplierRecovery");

        // Supplier recovery is internal: a customer account is refused on every endpoint.
        UUID customer = UUID.fromString(j.w().customerId());
        asCustomer(customer).get(url).then().statusCode(403);
        asCustomer(customer).get(RECOVERIES).then().statusCode(403);
        asCustomer(customer).get(RECOVERIES + "/attributable").then().statusCode(403);
        asCustomer(customer).body(raise(j, null)).post(RECOVERIES).then().statusCode(403);
        asCustomer(customer).header("If-Match", etag).body(answer("ACCEPTED", "1.00", null)).post(url + "/acceptance")
                .then().statusCode(403);
        asCustomer(customer).header("If-Match", etag).body(JsonBody.of("reason", "x")).post(url + "/write-off")
                .then().statusCode(403);
        asCustomer(customer).header("If-Match", etag).body(recovery("PAYMENT", "P-1", today, "1.00")).post(url + "/recovery")
                .then().statusCode(403);
    }

    @Test
    void aDisputedNoteIsWrittenOffByAManager() {
        String supplier = Fixtures.supplier("某传感器厂");
        Judged j = judged("PURCHASED_PART", supplier, 0.5, "201.01");
        String url = RECOVERIES + "/" + as("AFTER_SALES_MANAGER").body(raise(j, null)).post(RECOVERIES).then().statusCode(201)
                .body("amountCny", equalTo("100.51")).extract().path("id");
        as("FINANCE").header("If-Match", "\"0\"").body(recovery("PAYMENT", "P-1", TestClock.today().toString(), "1.00"))
                .post(url + "/recovery").then().statusCode(409)
                .body("type", equalTo("urn:problem:aftersales:supplier_recovery_wrong_status"));
        as("AFTER_SALES_MANAGER").header("If-Match", "\"0\"").body(JsonBody.of("reason", "不认")).post(url + "/write-off")
                .then().statusCode(409).body("type", equalTo("urn:problem:aftersales:supplier_recovery_wrong_status"));
        as("QUALITY_ENGINEER").header("If-Match", "\"0\"").body(answer("DISPUTED", null, " ")).post(url + "/acceptance")
                .then().statusCode(422).body("errors[0].field", equalTo("reason"));
        as("QUALITY_ENGINEER").header("If-Match", "\"0\"").body(answer("DISPUTED", null, "供应商认为是安装不当"))
                .post(url + "/acceptance").then().statusCode(200).body("status", equalTo("DISPUTED"))
                .body("disputeReason", equalTo("供应商认为是安装不当"));
        as("QUALITY_ENGINEER").header("If-Match", "\"1\"").body(answer("DISPUTED", null, "再次异议"))
                .post(url + "/acceptance").then().statusCode(409);
        as("QUALITY_ENGINEER").header("If-Match", "\"1\"").body(JsonBody.of("reason", "金额小")).post(url + "/write-off")
                .then().statusCode(403);
        as("FINANCE").header("If-Match", "\"1\"").body(JsonBody.of("reason", "金额小")).post(url + "/write-off")
                .then().statusCode(403);
        as("AFTER_SALES_MANAGER").header("If-Match", "\"1\"").body(JsonBody.of("reason", "")).post(url + "/write-off")
                .then().statusCode(422).body("errors[0].field", equalTo("reason"));
        as("GENERAL_MANAGER").header("If-Match", "\"1\"").body(JsonBody.of("reason", "证据不足，协商后核销"))
                .post(url + "/write-off").then().statusCode(200).body("status", equalTo("WRITTEN_OFF"))
                .body("writeOffReason", equalTo("证据不足，协商后核销")).body("writtenOffBy", equalTo("test-general_manager"));
        as("QUALITY_ENGINEER").header("If-Match", "\"2\"").body(answer("ACCEPTED", "1.00", null)).post(url + "/acceptance")
                .then().statusCode(409).body("type", equalTo("urn:problem:aftersales:supplier_recovery_final"));
    }

    @Test
    void aNoteIsRefusedForOtherVerdictsWithoutCostsOrWithForeignEvidenceAndNothingIsRaised() {
        String supplier = Fixtures.supplier("某电容厂");
        Judged process = judged("MANUFACTURING_PROCESS", null, 0, "500.00");
        as("QUALITY_ENGINEER").body(raise(process, null)).post(RECOVERIES).then().statusCode(422)
                .body("errors[0].field", equalTo("serialNo"));
        Judged noCosts = judged("PURCHASED_PART", supplier, 0.6);
        as("QUALITY_ENGINEER").header("Accept-Language", "en").body(raise(noCosts, null)).post(RECOVERIES).then()
                .statusCode(422).body("errors[0].field", equalTo("returnId"))
                .body("errors[0].message", org.hamcrest.Matchers.containsString("no verified costs"));
        // Not attributable either: nothing to claim until costs are verified.
        as("FINANCE").queryParam("limit", 200).get(RECOVERIES + "/attributable").then()
                .body("items.returnId", not(hasItem(noCosts.returnId())));

        Judged j = judged("PURCHASED_PART", supplier, 0.6, "80.00");
        String foreignEightD = as("QUALITY_ENGINEER").body(EightDBodies.report(process.caseId()).member("刘工", "组长", "质量").json())
                .post("/api/v1/eight-d-reports").then().statusCode(201).extract().path("id");
        String foreignPhoto = as("SALES").body(CaseBodies.attachment("别的.jpg", "image/jpeg", 10))
                .post("/api/v1/cases/" + process.caseId() + "/attachments").then().statusCode(201).extract().path("id");
        as("QUALITY_ENGINEER").body(JsonBody.of("returnId", j.returnId(), "serialNo", j.w().serial(),
                        "testRecords", List.of(process.testId()), "eightDReportId", foreignEightD,
                        "attachments", List.of(foreignPhoto))).post(RECOVERIES).then().statusCode(422)
                .body("errors.field", equalTo(List.of("testRecords[0]", "eightDReportId", "attachments[0]")));
        as("QUALITY_ENGINEER").body(JsonBody.of("returnId", j.returnId(), "serialNo", "NOT-IN-RETURN",
                "testRecords", List.of(j.testId()))).post(RECOVERIES).then().statusCode(422).body("errors[0].field", equalTo("serialNo"));
        as("QUALITY_ENGINEER").body(JsonBody.of("returnId", UUID.randomUUID(), "serialNo", j.w().serial(),
                "testRecords", List.of(j.testId()))).post(RECOVERIES).then().statusCode(422).body("errors[0].field", equalTo("returnId"));
        as("QUALITY_ENGINEER").body(JsonBody.of("returnId", j.returnId(), "serialNo", j.w().serial(),
                "testRecords", List.of())).post(RECOVERIES).then().statusCode(422).body("errors[0].field", equalTo("testRecords"));
        assertThat(Sql.count("select count(*) from supplier_recovery where return_id in (?1, ?2, ?3)",
                UUID.fromString(process.returnId()), UUID.fromString(noCosts.returnId()), UUID.fromString(j.returnId())))
                .isZero();
        // 80.00 × 0.6 = 48.00 once the evidence is the unit's and the case's.
        as("QUALITY_ENGINEER").body(raise(j, null)).post(RECOVERIES).then().statusCode(201).body("amountCny", equalTo("48.00"));
        as("ENGINEER").body(raise(j, null)).post(RECOVERIES).then().statusCode(403);
    }
}
