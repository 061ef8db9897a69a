package com.aftersales.spareparts;

import com.aftersales.support.Fixtures;
import com.aftersales.cases.CaseTestData;
import com.aftersales.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static com.aftersales.spareparts.SparePartTest.move;
import static com.aftersales.spareparts.SparePartTest.part;
import static com.aftersales.support.Api.as;
import static com.aftersales.support.Api.asCustomer;
import static com.aftersales.support.SparePartBodies.plan;
import static com.aftersales.support.SparePartBodies.quote;
import static com.aftersales.support.SparePartBodies.quoteDecision;
import static com.aftersales.support.SparePartBodies.review;
import static com.aftersales.support.SparePartBodies.transfer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
class PlanAndQuoteTest {

    @Test
    void suggestionArithmetic() {
        // 12 used in 6 months → 2 a month → 6 for 3 months; + safety 4 − on hand 3 − on the way 2 = 5
        assertThat(SparePlans.suggest(12, 6, 3, 4, 3, 2)).isEqualTo(5);
        assertThat(SparePlans.suggest(1, 6, 3, 0, 0, 0)).isEqualTo(1);
        assertThat(SparePlans.suggest(0, 6, 3, 2, 10, 0)).isZero();
    }

    @Test
    void thePlanComesFromConsumptionSafetyStockAndOpenTransfers() {
        String location = Api.unique("PL").replace("-", "_");
        String part = part("TM220", true);
        String caseId = CaseTestData.openCase(CaseTestData.world("COMMERCIAL_VEHICLE"));
        move(part, "RECEIPT", location, 15, null, null).then().statusCode(200);
        move(part, "ISSUE", location, 12, caseId, null).then().statusCode(200);
        Fixtures.stockLevels(part, location, 4, 6);
        move(part, "RECEIPT", "HQ2", 5, null, null).then().statusCode(200);
        as("REPAIR").body(transfer("HQ2", location).line(part, 2).json())
                .post("/api/v1/transfer-orders").then().statusCode(201);
        String plan = as("PRODUCT_MANAGER").body(plan(location, 6, 3))
                .post("/api/v1/spare-plans").then().statusCode(201)
                .body("lines.size()", equalTo(1))
                .body("lines[0].consumption", equalTo(12)).body("lines[0].onHand", equalTo(3))
                .body("lines[0].safetyStock", equalTo(4)).body("lines[0].openTransfers", equalTo(2))
                .body("lines[0].suggested", equalTo(5)).body("status", equalTo("DRAFT")).extract().path("id");
        as("WAREHOUSE").header("If-Match", "\"0\"").body(review(true).json()).put("/api/v1/spare-plans/" + plan).then().statusCode(403);
        as("PRODUCT_MANAGER").header("If-Match", "\"0\"")
                .body(review(true).accepted(part, 8).json()).put("/api/v1/spare-plans/" + plan)
                .then().statusCode(200).body("status", equalTo("ACCEPTED")).body("lines[0].accepted", equalTo(8))
                .body("lines[0].suggested", equalTo(5));
        as("PRODUCT_MANAGER").header("If-Match", "\"1\"").body(review(true).json()).put("/api/v1/spare-plans/" + plan).then().statusCode(409);
        as("PRODUCT_MANAGER").body(plan("X", 0, null)).post("/api/v1/spare-plans").then().statusCode(422);
    }

    @Test
    void aChargeableCaseGetsAQuoteTheCustomerAccepts() {
        CaseTestData.World w = CaseTestData.world("PASSENGER_CAR");
        String free = CaseTestData.openCase(w);
        String part = part("TM220", false);
        String body = quote("1.5", "120").part(part, 2).json();
        as("SALES").body(body).post("/api/v1/cases/" + free + "/quotes").then().statusCode(409)
                .body("type", equalTo("urn:problem:aftersales:quote_not_chargeable"));
        String chargeable = as("SALES").body(CaseTestData.caseJson(w, 150000)).post("/api/v1/cases")
                .then().statusCode(201).extract().path("id");
        String quote = as("SALES").body(body).post("/api/v1/cases/" + chargeable + "/quotes").then().statusCode(201)
                .body("lines[0].unitPriceCny", equalTo("85.50")).body("lines[0].amountCny", equalTo("171.00"))
                .body("labourCny", equalTo("180.00")).body("totalCny", equalTo("351.00")).body("status", equalTo("ISSUED"))
                .extract().path("id");
        UUID customer = UUID.fromString(w.customerId());
        asCustomer(customer).get("/api/v1/cases/" + chargeable + "/quotes").then().statusCode(200).body("size()", equalTo(1))
                .body("[0].location", equalTo("HQ"));
        // Accepting issues the parts from HQ: with one in stock there, 409 names the short part and nothing moves.
        move(part, "RECEIPT", "HQ", 1, null, "入库").then().statusCode(200);
        String partNo = as("WAREHOUSE").get("/api/v1/spare-parts/" + part).then().extract().path("partNo");
        asCustomer(customer).header("If-Match", "\"0\"").body(quoteDecision(true))
                .post("/api/v1/cases/" + chargeable + "/quotes/" + quote + "/decision").then().statusCode(409)
                .body("type", equalTo("urn:problem:aftersales:quote_stock_short"))
                .body("errors[0].field", equalTo("lines[0]"))
                .body("errors[0].message", equalTo("备件 " + partNo + " 在库位 HQ 现有 1，需要 2"));
        as("WAREHOUSE").get("/api/v1/spare-parts/" + part + "/stock/HQ").then().body("quantity", equalTo(1));
        as("SALES").get("/api/v1/cases/" + chargeable + "/costs").then().body("items.size()", equalTo(0));
        move(part, "RECEIPT", "HQ", 4, null, "入库").then().statusCode(200);
        asCustomer(customer).header("If-Match", "\"0\"").body(quoteDecision(true))
                .post("/api/v1/cases/" + chargeable + "/quotes/" + quote + "/decision").then().statusCode(200)
                .body("status", equalTo("ACCEPTED")).body("decidedBy", equalTo("customer-" + customer));
        // Two issued to the case from HQ, and the agreed 351.00 booked on the case as a sale: parts and labour.
        as("WAREHOUSE").get("/api/v1/spare-parts/" + part + "/stock/HQ").then().body("quantity", equalTo(3));
        assertThat(com.aftersales.support.Sql.count("select count(*) from stock_movement where part_id = cast(?1 as uuid) "
                + "and kind = 'ISSUE' and quantity = -2 and case_id = cast(?2 as uuid)", part, chargeable)).isEqualTo(1);
        as("SALES").get("/api/v1/cases/" + chargeable + "/costs").then()
                .body("items.category", org.hamcrest.Matchers.containsInAnyOrder("PARTS", "LABOUR"))
                .body("items.find { it.category == 'PARTS' }.amountCny", equalTo("171.00"))
                .body("items.find { it.category == 'LABOUR' }.amountCny", equalTo("180.00"))
                .body("items.billedTo", org.hamcrest.Matchers.everyItem(equalTo("CUSTOMER")))
                .body("items.status", org.hamcrest.Matchers.everyItem(equalTo("VERIFIED")));
        asCustomer(customer).header("If-Match", "\"1\"").body(quoteDecision(false))
                .post("/api/v1/cases/" + chargeable + "/quotes/" + quote + "/decision").then().statusCode(409);
        CaseTestData.World other = CaseTestData.world("PASSENGER_CAR");
        asCustomer(UUID.fromString(other.customerId())).get("/api/v1/cases/" + chargeable + "/quotes").then().statusCode(404);
        as("SALES").body(quote("1.5", "120").part(part, -2).json()).post("/api/v1/cases/" + chargeable + "/quotes").then().statusCode(422);
        // Declining needs the customer's reason; it issues nothing and books nothing.
        String declined = as("SALES").body(quote("2", "100").part(part, 1).json()).post("/api/v1/cases/" + chargeable + "/quotes")
                .then().statusCode(201).extract().path("id");
        asCustomer(customer).header("If-Match", "\"0\"").body(quoteDecision(false))
                .post("/api/v1/cases/" + chargeable + "/quotes/" + declined + "/decision").then().statusCode(422)
                .body("errors[0].field", equalTo("reason"));
        asCustomer(customer).header("If-Match", "\"0\"").body(com.aftersales.support.SparePartBodies.quoteDeclined("价格高于当地维修站"))
                .post("/api/v1/cases/" + chargeable + "/quotes/" + declined + "/decision").then().statusCode(200)
                .body("status", equalTo("DECLINED")).body("declineReason", equalTo("价格高于当地维修站"));
        as("WAREHOUSE").get("/api/v1/spare-parts/" + part + "/stock/HQ").then().body("quantity", equalTo(3));
        as("SALES").get("/api/v1/cases/" + chargeable + "/costs").then().body("items.size()", equalTo(2));
        as("SALES").body(quote("1", "100").part(part, 1).location("库 1").json())
                .post("/api/v1/cases/" + chargeable + "/quotes").then().statusCode(422).body("errors[0].field", equalTo("location"));
    }
}
