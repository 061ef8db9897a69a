package com.aftersales.cases;

import com.aftersales.support.JsonBody;
import com.aftersales.support.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.time.YearMonth;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.aftersales.cases.CaseFixtures.world;
import static com.aftersales.support.Api.as;
import static com.aftersales.support.Api.asCustomer;
import static com.aftersales.support.CaseBodies.attachment;
import static com.aftersales.support.CaseBodies.open;
import static com.aftersales.support.JsonBody.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;

/** Claims (索赔, issue 21): claimed, agreed and settled amounts, exact to the fen, and the refused paths. */
@QuarkusTest
class CaseClaimTest {

    @Test
    void aClaimWalksFromClaimedThroughReviewToSettledWithExactAmounts() {
        CaseTestData.World w = world("COMMERCIAL_VEHICLE", null);
        String caseId = CaseFixtures.openId(w);
        UUID customer = UUID.fromString(w.customerId());
        String invoice = asCustomer(customer).body(attachment("配件发票.pdf", "application/pdf", 2048))
                .post("/api/v1/cases/" + caseId + "/attachments").then().statusCode(201).extract().path("id");
        String claimUrl = "/api/v1/cases/" + caseId + "/claim";

        String etag = asCustomer(customer).header("If-None-Match", "*")
                .body(claim(line("PARTS", "1200.50", "更换电机控制器", invoice), line("LABOUR", "300.25", "拆装工时"),
                        line("TRAVEL", "85.50", "往返差旅")))
                .put(claimUrl).then().statusCode(200).body("status", equalTo("CLAIMED"))
                .body("claimedCny", equalTo("1586.25")).body("agreedCny", nullValue())
                .body("lines[0].documents", equalTo(List.of(invoice))).extract().header("ETag");
        // The customer adds the freight while the claim is still CLAIMED.
        etag = asCustomer(customer).header("If-Match", etag)
                .body(claim(line("PARTS", "1200.50", "更换电机控制器", invoice), line("LABOUR", "300.25", "拆装工时"),
                        line("TRAVEL", "85.50", "往返差旅"), line("FREIGHT", "100", "配件运费")))
                .put(claimUrl).then().statusCode(200).body("claimedCny", equalTo("1686.25"))
                .body("lines[3].claimedCny", equalTo("100.00")).extract().header("ETag");
        List<String> lineIds = as("AFTER_SALES_MANAGER").get(claimUrl).then().statusCode(200).header("ETag", etag)
                .extract().jsonPath().getList("lines.id");

        etag = as("AFTER_SALES_MANAGER").header("If-Match", etag)
                .body(review(false, agreed(lineIds.get(0), "1200.50", null)))
                .post(claimUrl + "/review").then().statusCode(200).body("status", equalTo("UNDER_REVIEW"))
                .body("agreedCny", equalTo("1200.50")).body("reviewedBy", equalTo("test-after_sales_manager"))
                .extract().header("ETag");
        // Under review the customer's lines are frozen.
        asCustomer(customer).header("If-Match", etag).body(claim(line("PARTS", "9999.00", "加价")))
                .put(claimUrl).then().statusCode(409).body("type", equalTo("urn:problem:aftersales:claim_in_review"));

        etag = as("SALES_MANAGER").header("If-Match", etag)
                .body(review(true, agreed(lineIds.get(1), "200.00", "超出标准工时"), agreed(lineIds.get(2), "85.50", null),
                        agreed(lineIds.get(3), "0", "无运单")))
                .post(claimUrl + "/review").then().statusCode(200).body("status", equalTo("PARTLY_AGREED"))
                .body("agreedCny", equalTo("1486.00")).body("lines[1].reason", equalTo("超出标准工时"))
                .body("lines[3].agreedCny", equalTo("0.00")).extract().header("ETag");

        // Above the agreed total: refused, naming the field, and nothing changes.
        as("AFTER_SALES_MANAGER").header("If-Match", etag).body(settlement("CREDIT_NOTE", "CN-001", "1486.01"))
                .post(claimUrl + "/settlement").then().statusCode(422).body("errors[0].field", equalTo("amountCny"));
        as("AFTER_SALES_MANAGER").get(claimUrl).then().header("ETag", etag).body("status", equalTo("PARTLY_AGREED"))
                .body("settlement", nullValue());

        etag = as("GENERAL_MANAGER").header("If-Match", etag).body(settlement("CREDIT_NOTE", "CN-001", "1486.00"))
                .post(claimUrl + "/settlement").then().statusCode(200).body("status", equalTo("SETTLED"))
                .body("settledCny", equalTo("1486.00")).body("settlement.kind", equalTo("CREDIT_NOTE"))
                .body("settlement.reference", equalTo("CN-001")).body("settlement.settledOn", equalTo(TestClock.today().toString()))
                .extract().header("ETag");

        asCustomer(customer).get(claimUrl).then().statusCode(200).body("status", equalTo("SETTLED"))
                .body("claimedCny", equalTo("1686.25")).body("agreedCny", equalTo("1486.00"))
                .body("settledCny", equalTo("1486.00")).body("lines[3].reason", equalTo("无运单"))
                // Who reviewed and settled are staff accounts: internal, as on a case; staff see them.
                .body("$", not(hasKey("reviewedBy"))).body("$", not(hasKey("claimedBy")))
                .body("settlement", not(hasKey("settledBy"))).body("settlement.reference", notNullValue());
        as("SALES").get(claimUrl).then().statusCode(200)
                .body("reviewedBy", equalTo("test-sales_manager")).body("settlement.settledBy", notNullValue());

        // Settled is final: every change is 409 claim_settled.
        asCustomer(customer).header("If-Match", etag).body(claim(line("PARTS", "1.00", "改")))
                .put(claimUrl).then().statusCode(409).body("type", equalTo("urn:problem:aftersales:claim_settled"));
        as("AFTER_SALES_MANAGER").header("If-Match", etag).body(review(true, agreed(lineIds.get(0), "1.00", "改")))
                .post(claimUrl + "/review").then().statusCode(409).body("type", equalTo("urn:problem:aftersales:claim_settled"));
        as("AFTER_SALES_MANAGER").header("If-Match", etag).body(settlement("PAYMENT", "PAY-2", "1.00"))
                .post(claimUrl + "/settlement").then().statusCode(409).body("type", equalTo("urn:problem:aftersales:claim_settled"));

        String claimId = as("AFTER_SALES_MANAGER").get(claimUrl).then().header("ETag", etag).extract().path("id");
        as("ADMIN").queryParam("entity", "case-claim").queryParam("id", claimId).get("/api/v1/audit")
                .then().statusCode(200).body("items.action", equalTo(List.of("SETTLE", "REVIEW", "REVIEW", "UPDATE", "CREATE")));
        asCustomer(customer).get("/api/v1/cases/" + caseId + "/events").then().statusCode(200)
                .body("items.findAll { it.kind == 'CLAIM' }.size()", equalTo(5))
                .body("items.text", hasItems("索赔已结算：1486.00元（CN-001）", "索赔部分核定：1486.00元"));
    }

    @Test
    void badClaimsAreRefusedAndChangeNothing() {
        CaseTestData.World w = world("COMMERCIAL_VEHICLE", null);
        String caseId = CaseFixtures.openId(w);
        String claimUrl = "/api/v1/cases/" + caseId + "/claim";

        // Not a claim case.
        String repair = as("SALES").body(open(w.customerId()).type("REPAIR").unit(w.serial(), 1000).json())
                .post("/api/v1/cases").then().statusCode(201).extract().path("id");
        as("SALES").header("If-None-Match", "*").body(claim(line("PARTS", "10.00", "件")))
                .put("/api/v1/cases/" + repair + "/claim").then().statusCode(409)
                .body("type", equalTo("urn:problem:aftersales:claim_case_type"));

        // No precondition: 428; bad amounts: 422 naming the field.
        as("SALES").body(claim(line("PARTS", "10.00", "件"))).put(claimUrl).then().statusCode(428);
        for (String bad : List.of("1.001", "-1", "0")) {
            as("SALES").header("If-None-Match", "*").body(claim(line("PARTS", bad, "件"))).put(claimUrl)
                    .then().statusCode(422).body("errors[0].field", equalTo("lines[0].claimedCny"));
        }
        // A document of another case.
        String other = CaseFixtures.openId(w);
        String foreign = as("SALES").body(attachment("别的.pdf", "application/pdf", 10))
                .post("/api/v1/cases/" + other + "/attachments").then().statusCode(201).extract().path("id");
        as("SALES").header("If-None-Match", "*").body(claim(line("PARTS", "10.00", "件", foreign))).put(claimUrl)
                .then().statusCode(422).body("errors[0].field", equalTo("lines[0].documents"));
        as("SALES").get(claimUrl).then().statusCode(404);

        String etag = as("SALES").header("If-None-Match", "*").body(claim(line("PARTS", "10.00", "件"))).put(claimUrl)
                .then().statusCode(200).extract().header("ETag");
        // A second creation, and a stale version: 412.
        as("SALES").header("If-None-Match", "*").body(claim(line("PARTS", "20.00", "件"))).put(claimUrl).then().statusCode(412);
        as("SALES").header("If-Match", "\"999\"").body(claim(line("PARTS", "20.00", "件"))).put(claimUrl).then().statusCode(412);
        String lineId = as("SALES").get(claimUrl).then().extract().path("lines[0].id");

        // Review: roles, preconditions, agreed above claimed, differences without a reason, incomplete verdicts.
        as("SALES").header("If-Match", etag).body(review(true, agreed(lineId, "10.00", null)))
                .post(claimUrl + "/review").then().statusCode(403);
        as("AFTER_SALES_MANAGER").body(review(true, agreed(lineId, "10.00", null))).post(claimUrl + "/review")
                .then().statusCode(428);
        as("AFTER_SALES_MANAGER").header("If-Match", "\"999\"").body(review(true, agreed(lineId, "10.00", null)))
                .post(claimUrl + "/review").then().statusCode(412);
        as("AFTER_SALES_MANAGER").header("If-Match", etag).body(review(true, agreed(lineId, "10.01", "多")))
                .post(claimUrl + "/review").then().statusCode(422).body("errors[0].field", equalTo("lines[0].agreedCny"));
        as("AFTER_SALES_MANAGER").header("If-Match", etag).body(review(true, agreed(lineId, "-1", "负")))
                .post(claimUrl + "/review").then().statusCode(422).body("errors[0].field", equalTo("lines[0].agreedCny"));
        as("AFTER_SALES_MANAGER").header("If-Match", etag).body(review(true, agreed(lineId, "5.00", null)))
                .post(claimUrl + "/review").then().statusCode(422).body("errors[0].field", equalTo("lines[0].reason"));
        as("AFTER_SALES_MANAGER").header("If-Match", etag).body(review(true))
                .post(claimUrl + "/review").then().statusCode(422).body("errors[0].field", equalTo("lines"));
        // Not agreed yet: no settlement.
        as("AFTER_SALES_MANAGER").header("If-Match", etag).body(settlement("PAYMENT", "P-1", "1.00"))
                .post(claimUrl + "/settlement").then().statusCode(409)
                .body("type", equalTo("urn:problem:aftersales:claim_not_agreed"));
        as("AFTER_SALES_MANAGER").get(claimUrl).then().header("ETag", etag).body("status", equalTo("CLAIMED"))
                .body("lines[0].agreedCny", nullValue());

        etag = as("AFTER_SALES_MANAGER").header("If-Match", etag).body(review(true, agreed(lineId, "0", "不属于索赔范围")))
                .post(claimUrl + "/review").then().statusCode(200).body("status", equalTo("REJECTED"))
                .extract().header("ETag");
        as("AFTER_SALES_MANAGER").header("If-Match", etag).body(review(true, agreed(lineId, "10.00", null)))
                .post(claimUrl + "/review").then().statusCode(409).body("type", equalTo("urn:problem:aftersales:claim_reviewed"));
        as("AFTER_SALES_MANAGER").header("If-Match", etag).body(settlement("PAYMENT", "P-1", "0.00"))
                .post(claimUrl + "/settlement").then().statusCode(422).body("errors[0].field", equalTo("amountCny"));
        as("AFTER_SALES_MANAGER").header("If-Match", etag).body(settlement("PAYMENT", "P-1", "1.00"))
                .post(claimUrl + "/settlement").then().statusCode(409);
    }

    @Test
    void settlementIsRefusedAboveAgreedInTheFutureAndForOtherRoles() {
        CaseTestData.World w = world("SYSTEM", null);
        String caseId = CaseFixtures.openId(w);
        String claimUrl = "/api/v1/cases/" + caseId + "/claim";
        String etag = as("SALES").header("If-None-Match", "*").body(claim(line("LABOUR", "500.00", "工时"))).put(claimUrl)
                .then().statusCode(200).extract().header("ETag");
        String lineId = as("SALES").get(claimUrl).then().extract().path("lines[0].id");
        etag = as("AFTER_SALES_MANAGER").header("If-Match", etag).body(review(true, agreed(lineId, "500.00", null)))
                .post(claimUrl + "/review").then().statusCode(200).body("status", equalTo("AGREED")).extract().header("ETag");

        as("SALES_MANAGER").header("If-Match", etag).body(settlement("PAYMENT", "P-9", "500.00"))
                .post(claimUrl + "/settlement").then().statusCode(403);
        as("AFTER_SALES_MANAGER").header("If-Match", etag)
                .body(JsonBody.of("kind", "PAYMENT", "reference", "P-9", "settledOn", TestClock.today().plusDays(1).toString(),
                        "amountCny", "500.00"))
                .post(claimUrl + "/settlement").then().statusCode(422).body("errors[0].field", equalTo("settledOn"));
        as("AFTER_SALES_MANAGER").header("If-Match", etag).body(settlement("PAYMENT", "P-9", "500.001"))
                .post(claimUrl + "/settlement").then().statusCode(422).body("errors[0].field", equalTo("amountCny"));
        as("AFTER_SALES_MANAGER").header("If-Match", etag).body(settlement("PAYMENT", "P-9", "500.01"))
                .post(claimUrl + "/settlement").then().statusCode(422).body("errors[0].field", equalTo("amountCny"));
        as("AFTER_SALES_MANAGER").header("If-Match", etag).body(settlement("PAYMENT", "P-9", "499.99"))
                .post(claimUrl + "/settlement").then().statusCode(200).body("settledCny", equalTo("499.99"))
                .body("agreedCny", equalTo("500.00"));
    }

    @Test
    void aCustomerSeesOnlyItsOwnClaims() {
        CaseTestData.World w = world("COMMERCIAL_VEHICLE", null);
        String caseId = CaseFixtures.openId(w);
        String claimUrl = "/api/v1/cases/" + caseId + "/claim";
        asCustomer(UUID.fromString(w.customerId())).header("If-None-Match", "*").body(claim(line("PARTS", "10.00", "件")))
                .put(claimUrl).then().statusCode(200);
        UUID stranger = UUID.fromString(world("COMMERCIAL_VEHICLE", null).customerId());
        asCustomer(stranger).get(claimUrl).then().statusCode(404);
        asCustomer(stranger).header("If-Match", "\"0\"").body(claim(line("PARTS", "1.00", "件"))).put(claimUrl)
                .then().statusCode(404);
        as("WAREHOUSE").get(claimUrl).then().statusCode(200).body("claimedCny", equalTo("10.00"));
    }

    @Test
    void theMonthlyStatementListsTheClaimsSettledInTheMonthWithTheirTotals() {
        CaseTestData.World w = world("COMMERCIAL_VEHICLE", null);
        LocalDate today = TestClock.today();
        String first = settledClaim(w, List.of(line("PARTS", "1200.50", "控制器"), line("LABOUR", "300", "工时")),
                List.of("1200.50", "250.00"), today.withDayOfMonth(1), "CREDIT_NOTE", "CN-1", "1450.00");
        String second = settledClaim(w, List.of(line("TRAVEL", "85.50", "差旅")), List.of("85.50"), today, "PAYMENT",
                "PAY-2", "85.50");
        // Settled the month before: not in this month's statement.
        settledClaim(w, List.of(line("FREIGHT", "40.00", "运费")), List.of("40.00"), today.withDayOfMonth(1).minusDays(1),
                "PAYMENT", "PAY-0", "40.00");
        String firstNo = as("SALES").get("/api/v1/cases/" + first).then().extract().path("caseNo");
        String month = YearMonth.from(today).toString();
        String url = "/api/v1/customers/" + w.customerId() + "/claim-statements/" + month;

        asCustomer(UUID.fromString(w.customerId())).get(url).then().statusCode(200)
                .body("month", equalTo(month)).body("claims.size()", equalTo(2))
                .body("claims[0].caseNo", equalTo(firstNo)).body("claims[0].serialNos", equalTo(List.of(w.serial())))
                .body("claims[0].kind", equalTo("CREDIT_NOTE")).body("claims[0].claimedCny", equalTo("1500.50"))
                .body("claims[0].agreedCny", equalTo("1450.50")).body("claims[0].settledCny", equalTo("1450.00"))
                .body("claims[1].caseId", equalTo(second))
                .body("categories.category", equalTo(List.of("PARTS", "LABOUR", "TRAVEL")))
                .body("categories[1].claimedCny", equalTo("300.00")).body("categories[1].agreedCny", equalTo("250.00"))
                .body("claimedCny", equalTo("1586.00")).body("agreedCny", equalTo("1536.00"))
                .body("settledCny", equalTo("1535.50"));

        List<Row> rows = rows(as("AFTER_SALES_MANAGER").accept(ClaimStatementWorkbook.MEDIA_TYPE).get(url).then()
                .statusCode(200).contentType(ClaimStatementWorkbook.MEDIA_TYPE).extract().asByteArray());
        assertThat(rows.get(0).getCellText(0)).isEqualTo("索赔结算单");
        Row header = rows.stream().filter(r -> "序号".equals(r.getCellText(0))).findFirst().orElseThrow();
        assertThat(header.getCellText(6)).isEqualTo("配件费（索赔）");
        assertThat(header.getCellText(18)).isEqualTo("结算金额");
        Row firstRow = rows.stream().filter(r -> firstNo.equals(r.getCellText(1))).findFirst().orElseThrow();
        assertThat(firstRow.getCellText(3)).isEqualTo("贷项通知单");
        assertThat(firstRow.getCellAsNumber(6)).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("1200.50"));
        assertThat(firstRow.getCellAsNumber(9)).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("250.00"));
        assertThat(firstRow.getCellAsNumber(18)).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("1450.00"));
        Row total = rows.get(rows.size() - 1);
        assertThat(total.getCellText(0)).isEqualTo("合计");
        assertThat(total.getCellAsNumber(16)).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("1586.00"));
        assertThat(total.getCellAsNumber(17)).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("1536.00"));
        assertThat(total.getCellAsNumber(18)).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("1535.50"));
        assertThat(rows.stream().filter(r -> r.getCellText(0).matches("\\d+"))).hasSize(2);

        UUID stranger = UUID.fromString(world("COMMERCIAL_VEHICLE", null).customerId());
        asCustomer(stranger).get(url).then().statusCode(404);
        asCustomer(stranger).accept(ClaimStatementWorkbook.MEDIA_TYPE).get(url).then().statusCode(404);
        as("WAREHOUSE").get(url).then().statusCode(403);
        as("SALES").get("/api/v1/customers/" + w.customerId() + "/claim-statements/2026-13").then().statusCode(400)
                .body("errors[0].field", equalTo("month"));
    }

    /** A claim on a new case of the world's unit, reviewed line by line (complete) and settled; returns the case id. */
    private static String settledClaim(CaseTestData.World w, List<Map<String, Object>> lines, List<String> agreed,
                                       LocalDate settledOn, String kind, String reference, String amount) {
        String caseId = CaseFixtures.openId(w);
        String claimUrl = "/api/v1/cases/" + caseId + "/claim";
        String etag = as("SALES").header("If-None-Match", "*").body(JsonBody.of("lines", lines)).put(claimUrl)
                .then().statusCode(200).extract().header("ETag");
        List<String> ids = as("SALES").get(claimUrl).then().extract().jsonPath().getList("lines.id");
        List<Map<String, Object>> review = new java.util.ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            review.add(agreed(ids.get(i), agreed.get(i), "核定"));
        }
        etag = as("AFTER_SALES_MANAGER").header("If-Match", etag).body(JsonBody.of("lines", review, "complete", true))
                .post(claimUrl + "/review").then().statusCode(200).extract().header("ETag");
        as("AFTER_SALES_MANAGER").header("If-Match", etag).body(JsonBody.of("kind", kind, "reference", reference,
                        "settledOn", settledOn.toString(), "amountCny", amount))
                .post(claimUrl + "/settlement").then().statusCode(200);
        return caseId;
    }

    private static List<Row> rows(byte[] xlsx) {
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
            return wb.getFirstSheet().read();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * The claim KPIs (issue 21): agreed ÷ claimed over the claims whose review completed in the period (a rejected one
     * agrees 0), and the settlement lead time from recording to settlement — the customer's own, in its report.
     */
    @Test
    void theClaimKpisGiveAgreedOverClaimedAndTheDaysToSettle() {
        CaseTestData.World w = world("COMMERCIAL_VEHICLE", null);
        UUID customer = UUID.fromString(w.customerId());
        try {
            TestClock.moveTo(java.time.LocalDateTime.of(2026, 5, 2, 9, 0));
            String partly = "/api/v1/cases/" + CaseFixtures.openId(w) + "/claim";
            String rejected = "/api/v1/cases/" + CaseFixtures.openId(w) + "/claim";
            String pending = "/api/v1/cases/" + CaseFixtures.openId(w) + "/claim";
            String e1 = asCustomer(customer).header("If-None-Match", "*").body(claim(line("PARTS", "100.00", "控制器")))
                    .put(partly).then().statusCode(200).extract().header("ETag");
            String e2 = asCustomer(customer).header("If-None-Match", "*").body(claim(line("LABOUR", "50.00", "工时")))
                    .put(rejected).then().statusCode(200).extract().header("ETag");
            asCustomer(customer).header("If-None-Match", "*").body(claim(line("TRAVEL", "999.00", "差旅")))
                    .put(pending).then().statusCode(200);

            TestClock.moveTo(java.time.LocalDateTime.of(2026, 5, 10, 9, 0));
            String l1 = as("AFTER_SALES_MANAGER").get(partly).then().extract().path("lines[0].id");
            e1 = as("AFTER_SALES_MANAGER").header("If-Match", e1).body(review(true, agreed(l1, "80.00", "部分属人为损坏")))
                    .post(partly + "/review").then().statusCode(200).body("status", equalTo("PARTLY_AGREED"))
                    // One review moves the claim's version by one.
                    .header("ETag", "\"1\"").extract().header("ETag");
            TestClock.moveTo(java.time.LocalDateTime.of(2026, 5, 12, 9, 0));
            String l2 = as("AFTER_SALES_MANAGER").get(rejected).then().extract().path("lines[0].id");
            as("AFTER_SALES_MANAGER").header("If-Match", e2).body(review(true, agreed(l2, "0", "非质量问题")))
                    .post(rejected + "/review").then().statusCode(200).body("status", equalTo("REJECTED"));
            TestClock.moveTo(java.time.LocalDateTime.of(2026, 5, 20, 15, 0));
            as("GENERAL_MANAGER").header("If-Match", e1).body(settlement("PAYMENT", "PAY-0520", "80.00"))
                    .post(partly + "/settlement").then().statusCode(200).body("status", equalTo("SETTLED"));
        } finally {
            TestClock.reset();
        }
        io.restassured.path.json.JsonPath r = asCustomer(customer).queryParam("from", "2026-05-01").queryParam("to", "2026-05-31")
                .accept("application/json").get("/api/v1/kpis").then().statusCode(200).extract().jsonPath();
        assertThat(r.getList("tables.find { it.key == 'claimAgreement' }.rows")).containsExactly(
                Map.of("group", "ALL", "claims", 2, "claimedCny", 150.0f, "agreedCny", 80.0f, "agreedPct", 53.33f));
        assertThat(r.getList("tables.find { it.key == 'claimSettlement' }.rows")).containsExactly(
                Map.of("group", "ALL", "settledClaims", 1, "settledCny", 80.0f, "avgLeadDays", 18.0f, "maxLeadDays", 18));
        // June: nothing reviewed or settled.
        asCustomer(customer).queryParam("from", "2026-06-01").queryParam("to", "2026-06-30").queryParam("kpi", "claimSettlement")
                .accept("application/json").get("/api/v1/kpis").then().statusCode(200).body("tables[0].rows", equalTo(List.of()));
    }

    static Map<String, Object> line(String category, String amount, String description, String... documents) {
        return object("category", category, "claimedCny", amount, "description", description, "documents", List.of(documents));
    }

    @SafeVarargs
    static String claim(Map<String, Object>... lines) {
        return JsonBody.of("lines", List.of(lines));
    }

    static Map<String, Object> agreed(String lineId, String amount, String reason) {
        return reason == null ? object("lineId", lineId, "agreedCny", amount)
                : object("lineId", lineId, "agreedCny", amount, "reason", reason);
    }

    @SafeVarargs
    static String review(boolean complete, Map<String, Object>... lines) {
        return JsonBody.of("lines", List.of(lines), "complete", complete);
    }

    static String settlement(String kind, String reference, String amount) {
        return JsonBody.of("kind", kind, "reference", reference, "settledOn", TestClock.today().toString(), "amountCny", amount);
    }
}
