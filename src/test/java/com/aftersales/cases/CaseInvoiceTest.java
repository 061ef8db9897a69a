package com.aftersales.cases;

import com.aftersales.support.Api;
import com.aftersales.support.CaseBodies;
import com.aftersales.support.Fixtures;
import com.aftersales.support.JsonBody;
import com.aftersales.support.SparePartBodies;
import com.aftersales.support.Sql;
import com.aftersales.support.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static com.aftersales.support.Api.as;
import static com.aftersales.support.Api.asCustomer;
import static com.aftersales.support.SparePartBodies.quote;
import static com.aftersales.support.SparePartBodies.quoteDecision;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/**
 * Chargeable work billed over HTTP: an accepted quote's sale lines and a verified market-price line are invoiced (all
 * open lines, or the ones named), each line once, and the invoice is paid once in full; the customer reads its own bill,
 * never a line billed to the company.
 */
@QuarkusTest
class CaseInvoiceTest {

    static String invoiceBody(String invoiceNo, LocalDate on, String... costIds) {
        return JsonBody.of("invoiceNo", invoiceNo, "invoicedOn", on, "costIds", costIds.length == 0 ? null : List.of(costIds));
    }

    static String paymentBody(LocalDate on, String ref, String amount) {
        return JsonBody.of("paidOn", on, "paymentRef", ref, "amountCny", amount);
    }

    /** A chargeable case whose customer accepted a quote of 171.00 parts + 180.00 labour: the case id. */
    static String chargeableCaseWithAcceptedQuote(CaseTestData.World w) {
        String chargeable = as("SALES").body(CaseTestData.caseJson(w, 150000)).post("/api/v1/cases")
                .then().statusCode(201).extract().path("id");
        String part = Fixtures.part(SparePartBodies.part("电机轴承 6205", "85.50").productModel("TM220"));
        as("WAREHOUSE").body(SparePartBodies.movement("RECEIPT", "HQ", 2).reason("入库").json())
                .post("/api/v1/spare-parts/" + part + "/movements").then().statusCode(200);
        String quoteId = as("SALES").body(quote("1.5", "120").part(part, 2).json()).post("/api/v1/cases/" + chargeable + "/quotes")
                .then().statusCode(201).extract().path("id");
        asCustomer(UUID.fromString(w.customerId())).header("If-Match", "\"0\"").body(quoteDecision(true))
                .post("/api/v1/cases/" + chargeable + "/quotes/" + quoteId + "/decision").then().statusCode(200);
        return chargeable;
    }

    static String verifiedCost(String caseId, String category, String amount) {
        String id = as("SALES").body(CaseBodies.cost(category, amount).json()).post("/api/v1/cases/" + caseId + "/costs")
                .then().statusCode(201).extract().path("id");
        as("AFTER_SALES_MANAGER").header("If-Match", "\"0\"").body(CaseBodies.decision("VERIFY"))
                .post("/api/v1/cases/" + caseId + "/costs/" + id + "/verification").then().statusCode(200)
                .body("status", equalTo("VERIFIED"));
        return id;
    }

    @Test
    void anAcceptedQuoteIsInvoicedAndPaidAndEachLineIsInvoicedOnce() {
        CaseTestData.World w = CaseTestData.world("PASSENGER_CAR");
        UUID customer = UUID.fromString(w.customerId());
        String caseId = chargeableCaseWithAcceptedQuote(w);
        String travel = verifiedCost(caseId, "TRAVEL", "200.05");
        String invoices = "/api/v1/cases/" + caseId + "/invoices";
        var open = as("FINANCE").get(invoices).then().statusCode(200).body("invoices.size()", equalTo(0))
                .body("notInvoiced.category", containsInAnyOrder("PARTS", "LABOUR", "TRAVEL"))
                .body("notInvoicedCny", equalTo("551.05")).extract().jsonPath();
        String parts = open.getString("notInvoiced.find { it.category == 'PARTS' }.costId");
        String labour = open.getString("notInvoiced.find { it.category == 'LABOUR' }.costId");
        LocalDate today = TestClock.today();

        as("SALES").body(invoiceBody("FP-X-" + caseId.substring(0, 8), today)).post(invoices).then().statusCode(403);
        asCustomer(customer).body(invoiceBody("FP-X-" + caseId.substring(0, 8), today)).post(invoices).then().statusCode(403);
        as("FINANCE").body(invoiceBody("FP-X-" + caseId.substring(0, 8), today.plusDays(1))).post(invoices)
                .then().statusCode(422).body("errors[0].field", equalTo("invoicedOn"));

        // The parts line alone, then everything left.
        String first = as("FINANCE").body(invoiceBody("fp-a-" + caseId.substring(0, 8), today, parts)).post(invoices)
                .then().statusCode(201).header("ETag", "\"0\"").body("totalCny", equalTo("171.00"))
                .body("billingStatus", equalTo("INVOICED")).body("invoiceNo", equalTo("FP-A-" + caseId.substring(0, 8).toUpperCase()))
                .body("lines.size()", equalTo(1)).extract().path("id");
        as("FINANCE").body(invoiceBody("FP-B-" + caseId.substring(0, 8), today, parts)).post(invoices)
                .then().statusCode(409).body("type", equalTo("urn:problem:aftersales:cost_invoiced"));
        String second = as("ADMIN").body(invoiceBody("FP-C-" + caseId.substring(0, 8), today)).post(invoices)
                .then().statusCode(201).body("totalCny", equalTo("380.05"))
                .body("lines.costId", containsInAnyOrder(travel, labour))
                .extract().path("id");
        as("FINANCE").body(invoiceBody("FP-D-" + caseId.substring(0, 8), today)).post(invoices)
                .then().statusCode(409).body("type", equalTo("urn:problem:aftersales:nothing_to_invoice"));
        as("FINANCE").body(invoiceBody("fp-a-" + caseId.substring(0, 8), today)).post(invoices)
                .then().statusCode(409);
        assertThat(Sql.count("select count(*) from case_invoice_line l join case_invoice i on i.id = l.invoice_id "
                + "where i.case_id = cast(? as uuid)", caseId)).isEqualTo(3);

        // Payment: If-Match, the whole total, not before the invoice, once.
        String payment = invoices + "/" + first + "/payment";
        as("FINANCE").body(paymentBody(today, "R1", "171.00")).post(payment).then().statusCode(428);
        as("FINANCE").header("If-Match", "\"3\"").body(paymentBody(today, "R1", "171.00")).post(payment).then().statusCode(412);
        asCustomer(customer).header("If-Match", "\"0\"").body(paymentBody(today, "R1", "171.00")).post(payment).then().statusCode(403);
        as("FINANCE").header("If-Match", "\"0\"").body(paymentBody(today, "R1", "171")).post(payment + "x").then().statusCode(404);
        as("FINANCE").header("If-Match", "\"0\"").body(paymentBody(today, "R1", "170.99")).post(payment)
                .then().statusCode(422).body("errors[0].field", equalTo("amountCny"));
        as("FINANCE").header("If-Match", "\"0\"").body(paymentBody(today.minusDays(1), "R1", "171.00")).post(payment)
                .then().statusCode(422).body("errors[0].field", equalTo("paidOn"));
        as("FINANCE").header("If-Match", "\"0\"").body(paymentBody(today, "工行回单 7", "171")).post(payment)
                .then().statusCode(200).header("ETag", "\"1\"").body("billingStatus", equalTo("PAID"))
                .body("paidCny", equalTo("171.00")).body("paidBy", equalTo("test-finance"));
        as("FINANCE").header("If-Match", "\"1\"").body(paymentBody(today, "R2", "171.00")).post(payment)
                .then().statusCode(409).body("type", equalTo("urn:problem:aftersales:invoice_paid"));
        assertThat(Sql.count("select count(*) from audit_log where entity_type = 'case-invoice' and entity_id in (?, ?)",
                first, second)).isEqualTo(3);

        // The customer's bill: its invoices, their status, no staff accounts.
        asCustomer(customer).get(invoices).then().statusCode(200)
                .body("invoices.billingStatus", containsInAnyOrder("PAID", "INVOICED"))
                .body("invoicedCny", equalTo("551.05")).body("paidCny", equalTo("171.00"))
                .body("notInvoiced.size()", equalTo(0)).body("invoices[0].invoicedBy", nullValue());
        asCustomer(customer).get(invoices + "/" + first).then().statusCode(200).header("ETag", "\"1\"")
                .body("paidBy", nullValue());
        asCustomer(UUID.fromString(Api.newCustomer(Api.unique("ci")))).get(invoices).then().statusCode(404);
    }

    @Test
    void linesBilledToTheCompanyAreNeverInvoicedNorShownToTheCustomer() {
        CaseTestData.World w = CaseTestData.world("PASSENGER_CAR");
        String free = CaseTestData.openCase(w);
        String company = verifiedCost(free, "TRAVEL", "300.00");
        String invoices = "/api/v1/cases/" + free + "/invoices";
        LocalDate today = TestClock.today();
        as("FINANCE").body(invoiceBody("FP-F-" + free.substring(0, 8), today)).post(invoices)
                .then().statusCode(409).body("type", equalTo("urn:problem:aftersales:nothing_to_invoice"));
        as("FINANCE").body(invoiceBody("FP-F-" + free.substring(0, 8), today, company)).post(invoices)
                .then().statusCode(422).body("errors[0].field", equalTo("costIds"));
        asCustomer(UUID.fromString(w.customerId())).get(invoices).then().statusCode(200)
                .body("notInvoiced.size()", equalTo(0)).body("invoices.size()", equalTo(0))
                .body("notInvoicedCny", equalTo("0.00"));
        assertThat(Sql.count("select count(*) from case_invoice where case_id = cast(? as uuid)", free)).isZero();
    }

    /** The KPI "cost per unit in service by regime" (staff only): who bears each verified cost, ÷ units in the field. */
    @Test
    void costPerUnitByRegimeSplitsVerifiedCostsByWhoBearsThemWithContractFeesBeside() {
        CaseTestData.World w = CaseTestData.world("PASSENGER_CAR");
        String chargeable = chargeableCaseWithAcceptedQuote(w);
        verifiedCost(chargeable, "TRAVEL", "200.05");
        verifiedCost(CaseTestData.openCase(w), "TRAVEL", "300.00");
        // Not verified: not counted.
        as("SALES").body(CaseBodies.cost("PARTS", "999.00").json()).post("/api/v1/cases/" + chargeable + "/costs")
                .then().statusCode(201);
        LocalDate today = TestClock.today();
        String contract = "/api/v1/units/" + w.serial() + "/service-contracts/" + as("SALES")
                .body(com.aftersales.support.WarrantyBodies.contract("KPI-" + w.serial(), LocalDate.of(2027, 1, 10),
                        LocalDate.of(2028, 1, 9), "800.00").json())
                .post("/api/v1/units/" + w.serial() + "/service-contracts").then().statusCode(201).extract().path("id");
        as("FINANCE").header("If-Match", "\"0\"").body(com.aftersales.support.WarrantyBodies.invoice("FP-K-" + w.serial(), today))
                .post(contract + "/invoice").then().statusCode(200);
        as("FINANCE").header("If-Match", "\"1\"").body(com.aftersales.support.WarrantyBodies.payment(today, "R-K", "800.00"))
                .post(contract + "/payment").then().statusCode(200);

        String code = as("SALES").get("/api/v1/customers/" + w.customerId()).then().extract().path("code");
        String csv = new String(as("QUALITY_ENGINEER").accept("text/csv").header("Accept-Language", "en")
                .queryParam("from", "2025-06-01").queryParam("to", today.toString()).queryParam("kpi", "costPerUnitByRegime")
                .queryParam("groupBy", "customer").get("/api/v1/kpis").then().statusCode(200).extract().asByteArray(),
                java.nio.charset.StandardCharsets.UTF_8);
        assertThat(csv).startsWith("\uFEFF\"group\",\"units in the field\",\"free warranty CNY\",\"service contract CNY\","
                + "\"chargeable CNY\",\"free warranty CNY per unit\",\"service contract CNY per unit\",\"chargeable CNY per unit\","
                + "\"contract fees paid CNY\"\r\n");
        assertThat(csv.lines().filter(l -> l.contains(code)).toList()).singleElement().asString()
                .endsWith(",\"1\",\"300.00\",\"0.00\",\"551.05\",\"300.00\",\"0.00\",\"551.05\",\"800.00\"");
        // Staff only: a customer account is refused it like an unknown KPI.
        asCustomer(UUID.fromString(w.customerId())).queryParam("from", "2025-06-01").queryParam("to", today.toString())
                .queryParam("kpi", "costPerUnitByRegime").get("/api/v1/kpis").then().statusCode(400)
                .body("errors[0].field", equalTo("kpi"));
    }
}
