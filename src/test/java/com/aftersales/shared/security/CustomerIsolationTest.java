package com.aftersales.shared.security;

import com.aftersales.cases.CaseTestData;
import com.aftersales.eightd.EightDTest;
import com.aftersales.recall.RecallTest;
import com.aftersales.spareparts.SparePartTest;
import com.aftersales.support.Api;
import com.aftersales.support.CaseBodies;
import com.aftersales.support.OpenApiOperations;
import com.aftersales.support.OpenApiOperations.Operation;
import com.aftersales.support.RecallBodies;
import com.aftersales.support.ReturnBodies;
import com.aftersales.support.SparePartBodies;
import com.aftersales.support.Sql;
import com.aftersales.support.WarrantyBodies;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.aftersales.support.Api.as;
import static com.aftersales.support.Api.asCustomer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * A customer account against another customer's objects, over every operation open to CUSTOMER in the OpenAPI
 * document: each object of customer A is 404 to customer B, whatever the method, and B's attempts change nothing.
 * Customer A reaching each of them first proves the objects are real.
 */
@QuarkusTest
class CustomerIsolationTest {

    /** Customer A's objects, by the path segment that names them ("cases", "attachments", …). */
    private static Map<String, String> objectsOfA(CaseTestData.World w) {
        Map<String, String> ids = new HashMap<>();
        UUID a = UUID.fromString(w.customerId());
        ids.put("customers", w.customerId());
        ids.put("units", w.serial());
        String caseId = as("SALES").body(CaseTestData.caseJson(w, 150_000)).post("/api/v1/cases").then().statusCode(201)
                .extract().path("id");
        ids.put("cases", caseId);
        var attachment = asCustomer(a).body(CaseBodies.attachment("故障件.jpg", "image/jpeg", 10))
                .post("/api/v1/cases/" + caseId + "/attachments").then().statusCode(201).extract();
        io.restassured.RestAssured.given().contentType("image/jpeg").body(new byte[10]).put(attachment.<String>path("upload.url"))
                .then().statusCode(200);
        ids.put("attachments", attachment.path("id"));
        asCustomer(a).post("/api/v1/cases/" + caseId + "/attachments/" + ids.get("attachments") + "/confirmation").then().statusCode(200);
        // The case's claim (索赔), recorded by the customer itself, and the customer's claim statement of a month.
        asCustomer(a).header("If-None-Match", "*").body(claimBody()).put("/api/v1/cases/" + caseId + "/claim")
                .then().statusCode(200);
        ids.put("claim-statements", "2026-01");
        // A verified market-price line of the (chargeable) case, invoiced: the customer's bill.
        String cost = as("SALES").body(CaseBodies.cost("TRAVEL", "120.00").json()).post("/api/v1/cases/" + caseId + "/costs")
                .then().statusCode(201).extract().path("id");
        as("AFTER_SALES_MANAGER").header("If-Match", "\"0\"").body(CaseBodies.decision("VERIFY"))
                .post("/api/v1/cases/" + caseId + "/costs/" + cost + "/verification").then().statusCode(200);
        ids.put("invoices", as("FINANCE").body(com.aftersales.support.JsonBody.of("invoiceNo", "FP-ISO-" + caseId.substring(0, 8),
                "invoicedOn", LocalDate.of(2025, 7, 1))).post("/api/v1/cases/" + caseId + "/invoices").then().statusCode(201)
                .extract().path("id"));
        ids.put("visits", as("REPAIR").body(CaseBodies.visit("ON_SITE_REPAIR", LocalDate.of(2025, 6, 5), "停车场").technician("周工").json())
                .post("/api/v1/cases/" + caseId + "/visits").then().statusCode(201).extract().path("id"));
        String part = SparePartTest.part("TM220", false);
        ids.put("quotes", as("SALES").body(SparePartBodies.quote("1", "100").part(part, 1).json()).post("/api/v1/cases/" + caseId + "/quotes").then().statusCode(201).extract().path("id"));
        ids.put("warranty-terms", as("SALES").get("/api/v1/customers/" + w.customerId() + "/warranty-terms").then()
                .statusCode(200).extract().path("items[0].id"));
        ids.put("service-contracts", as("SALES")
                .body(WarrantyBodies.contract("BX-" + w.serial(), LocalDate.of(2027, 1, 10), LocalDate.of(2028, 1, 9), "800").json()).post("/api/v1/units/" + w.serial() + "/service-contracts").then().statusCode(201)
                .extract().path("id"));
        ids.put("eight-d-reports", EightDTest.open(caseId));
        ids.put("returns", as("AFTER_SALES_MANAGER").body(ReturnBodies.authorise(caseId, "电机异响，退回检测", w.serial()))
                .post("/api/v1/returns").then().statusCode(201).extract().path("id"));
        String recall = RecallTest.campaign(RecallBodies.criteria().serial(w.serial()), null);
        as("GENERAL_MANAGER").header("If-Match", "\"0\"").body(RecallBodies.filing("SAMR-2026-0099"))
                .post("/api/v1/recalls/" + recall + "/filing").then().statusCode(200);
        as("QUALITY_ENGINEER").header("If-Match", "\"1\"").post("/api/v1/recalls/" + recall + "/activation").then().statusCode(200);
        ids.put("recalls", recall);
        ids.put("notifications", Sql.text("select cast(id as text) from notice where customer_id = ?1 and recipient_role is null limit 1", a));
        return ids;
    }

    @Test
    void anotherCustomersObjectsAreNotFoundAndUntouched() {
        CaseTestData.World w = CaseTestData.world("COMMERCIAL_VEHICLE");
        Map<String, String> ids = objectsOfA(w);
        UUID a = UUID.fromString(w.customerId());
        UUID b = UUID.fromString(Api.newCustomer(Api.unique("iso")));

        List<Operation> reachable = OpenApiOperations.all().stream()
                .filter(op -> op.roles().contains(Roles.CUSTOMER) && op.path().contains("{")).toList();
        assertThat(reachable).hasSizeGreaterThan(20);
        List<String> wrong = new ArrayList<>();
        for (Operation op : reachable) {
            String path = path(op.path(), ids);
            if (!op.writes()) {
                int own = asCustomer(a).get(path).statusCode();
                if (own != 200) {
                    wrong.add(op.key() + ": customer A reads its own object with " + own);
                }
            }
        }
        Map<String, Sql.TableState> before = Sql.fingerprint();
        for (Operation op : reachable) {
            String path = path(op.path(), ids);
            var request = asCustomer(b).header("If-Match", "\"0\"");
            if (op.bodyType() != null) {
                request.contentType(op.bodyType()).body(validBody(op));
            }
            Response r = request.request(op.method(), path);
            if (r.statusCode() != 404 || !r.contentType().startsWith("application/problem+json")) {
                wrong.add(op.key() + ": customer B gets " + r.statusCode() + " for A's object");
            }
        }
        System.out.printf("[measure] customer isolation: %d operations against %d objects of another customer, %d wrong%n",
                reachable.size(), ids.size(), wrong.size());
        assertThat(wrong).isEmpty();
        assertThat(Sql.fingerprint()).isEqualTo(before);

        // Lists and searches name none of A's objects to B, even when B asks for A by id.
        for (String list : List.of("/api/v1/cases", "/api/v1/cases?customerId=" + a, "/api/v1/units", "/api/v1/units?customerId=" + a,
                "/api/v1/customers", "/api/v1/customers?q=" + w.customerId(), "/api/v1/returns", "/api/v1/eight-d-reports",
                "/api/v1/recalls", "/api/v1/me/notifications")) {
            Response r = asCustomer(b).get(list);
            assertThat(r.statusCode()).as(list).isIn(200, 403, 404);
            ids.forEach((kind, id) -> assertThat(r.asString()).as(list + " names A's " + kind).doesNotContain(id));
        }
    }

    @Test
    void aCustomerCannotSetWhatItDoesNotOwn() {
        CaseTestData.World mine = CaseTestData.world("COMMERCIAL_VEHICLE");
        CaseTestData.World theirs = CaseTestData.world("COMMERCIAL_VEHICLE");
        UUID me = UUID.fromString(mine.customerId());
        // A case filed for another customer's unit, or naming another customer, is refused and creates nothing.
        int cases = Sql.count("select count(*) from service_case where customer_id = ?1", UUID.fromString(theirs.customerId()));
        asCustomer(me).body(CaseTestData.caseJson(theirs, 1000)).post("/api/v1/cases").then().statusCode(404);
        asCustomer(me).body(CaseTestData.caseJson(new CaseTestData.World(theirs.customerId(), mine.serial()), 1000))
                .post("/api/v1/cases").then().statusCode(404);
        assertThat(Sql.count("select count(*) from service_case where customer_id = ?1", UUID.fromString(theirs.customerId())))
                .isEqualTo(cases);
        // Fields the service sets itself (state, owner, case number, version) are unknown properties, not silently taken.
        // Raw text: a builder has no setter for them, which is the point.
        for (String extra : List.of("\"status\":\"CLOSED\"", "\"ownerPerson\":\"me\"", "\"caseNo\":\"C-1\"", "\"version\":9",
                "\"id\":\"" + UUID.randomUUID() + "\"", "\"createdBy\":\"admin\"")) {
            String body = CaseTestData.caseJson(mine, 1000).replaceFirst("\\{", "{" + extra + ",");
            asCustomer(me).body(body).post("/api/v1/cases").then().statusCode(400)
                    .contentType("application/problem+json").body("errors[0].message", org.hamcrest.Matchers.notNullValue());
        }
        // A note by a customer is always visible to the customer, whatever it asks for.
        String caseId = CaseTestData.openCase(mine);
        asCustomer(me).body(CaseBodies.note("请尽快", "INTERNAL")).post("/api/v1/cases/" + caseId + "/notes")
                .then().statusCode(201).body("visibility", equalTo("CUSTOMER"));
    }

    private static String path(String template, Map<String, String> ids) {
        return OpenApiOperations.fillBySegment(template, ids);
    }

    private static String claimBody() {
        return com.aftersales.support.JsonBody.of("lines", List.of(com.aftersales.support.JsonBody.object("category", "PARTS",
                "claimedCny", "10.00", "description", "配件")));
    }

    /** Bodies that customer A could send to these operations: B's must fail on the object, not on the body. */
    private static String validBody(Operation op) {
        if (op.path().endsWith("/attachments")) {
            return CaseBodies.attachment("a.jpg", "image/jpeg", 10);
        }
        if (op.path().endsWith("/notes")) {
            return CaseBodies.note("你好", null);
        }
        if (op.path().endsWith("/claim")) {
            return claimBody();
        }
        if (op.path().endsWith("/decision")) {
            return SparePartBodies.quoteDecision(true);
        }
        return "{}";
    }
}
