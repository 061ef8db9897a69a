package com.aftersales.spareparts;

import com.aftersales.cases.CaseTestData;
import com.aftersales.support.CaseBodies;
import com.aftersales.support.Fixtures;
import com.aftersales.support.SparePartBodies;
import com.aftersales.support.Sql;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static com.aftersales.support.Api.as;
import static com.aftersales.support.SparePartBodies.movement;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * Issue 21: parts issued from stock to a case become a PARTS cost line of the case by themselves — at the part's
 * standard cost when the company or a contract bears it, at the market price when the customer pays — submitted for
 * the after-sales manager's verification; an issue the case cannot take moves no stock.
 */
@QuarkusTest
class IssuedPartsCostTest {

    private static Response issue(String part, String location, int qty, String caseId, String serialNo) {
        return as("WAREHOUSE").body(movement("ISSUE", location, qty).caseId(caseId).serialNo(serialNo).json())
                .post("/api/v1/spare-parts/" + part + "/movements");
    }

    private static List<Map<String, Object>> costs(String caseId) {
        return as("AFTER_SALES_MANAGER").get("/api/v1/cases/" + caseId + "/costs").then().statusCode(200)
                .extract().jsonPath().getList("items");
    }

    @Test
    void anIssueToAWarrantyCaseIsAPartsLineAtStandardCostThatTheAfterSalesManagerVerifies() {
        String location = "IP" + System.nanoTime() % 100000;
        String part = Fixtures.part(SparePartBodies.part("控制器主板", "85.50").productModel("TM220").standardCost("40.10"));
        as("PRODUCT_MANAGER").get("/api/v1/spare-parts/" + part).then().statusCode(200)
                .body("standardCost", equalTo("40.10")).body("marketPrice", equalTo("85.50"));
        String caseId = CaseTestData.openCase(CaseTestData.world("COMMERCIAL_VEHICLE"));
        as("WAREHOUSE").body(movement("RECEIPT", location, 5).json()).post("/api/v1/spare-parts/" + part + "/movements")
                .then().statusCode(200);

        issue(part, location, 3, caseId, null).then().statusCode(200).body("quantity", equalTo(2));
        List<Map<String, Object>> lines = costs(caseId);
        assertThat(lines).hasSize(1);
        Map<String, Object> line = lines.get(0);
        assertThat(line).containsEntry("category", "PARTS").containsEntry("amountCny", "120.30")
                .containsEntry("billedTo", "COMPANY").containsEntry("status", "SUBMITTED");
        assertThat((String) line.get("description")).contains("× 3").contains("标准成本 40.10");
        as("AFTER_SALES_MANAGER").header("If-Match", "\"0\"").body(CaseBodies.decision("VERIFY", "出库单已核"))
                .post("/api/v1/cases/" + caseId + "/costs/" + line.get("id") + "/verification").then().statusCode(200)
                .body("status", equalTo("VERIFIED"));
        assertThat(Sql.count("select count(*) from audit_log where entity_type = 'case-cost' and entity_id = ?1 "
                + "and action = 'ISSUE_PARTS'", line.get("id").toString())).isEqualTo(1);

        // A part without a standard cost is valued at its market price, and the line says so.
        String noCost = Fixtures.part(SparePartBodies.part("霍尔传感器", "12.35").productModel("TM220"));
        as("WAREHOUSE").body(movement("RECEIPT", location, 2).json()).post("/api/v1/spare-parts/" + noCost + "/movements")
                .then().statusCode(200);
        issue(noCost, location, 2, caseId, null).then().statusCode(200);
        assertThat(costs(caseId)).filteredOn(c -> "24.70".equals(c.get("amountCny"))).singleElement()
                .satisfies(c -> assertThat((String) c.get("description")).contains("市场价 12.35"));
    }

    @Test
    void anIssueToAChargeableUnitIsBilledToTheCustomerAtTheMarketPrice() {
        CaseTestData.World w = CaseTestData.world("PASSENGER_CAR");
        String chargeable = as("SALES").body(CaseTestData.caseJson(w, 150000)).post("/api/v1/cases")
                .then().statusCode(201).extract().path("id");
        String location = "IC" + System.nanoTime() % 100000;
        String part = Fixtures.part(SparePartBodies.part("电机轴承 6205", "85.50").productModel("TM220").standardCost("30.00"));
        as("WAREHOUSE").body(movement("RECEIPT", location, 4).json()).post("/api/v1/spare-parts/" + part + "/movements")
                .then().statusCode(200);
        issue(part, location, 2, chargeable, w.serial()).then().statusCode(200);
        assertThat(costs(chargeable)).singleElement().satisfies(c -> assertThat(c)
                .containsEntry("amountCny", "171.00").containsEntry("billedTo", "CUSTOMER")
                .containsEntry("serialNo", w.serial()).containsEntry("status", "SUBMITTED"));
    }

    @Test
    void anIssueTheCaseCannotTakeMovesNoStockAndBooksNothing() {
        String location = "IR" + System.nanoTime() % 100000;
        String part = Fixtures.part(SparePartBodies.part("电机轴承 6205", "85.50").productModel("TM220"));
        as("WAREHOUSE").body(movement("RECEIPT", location, 4).json()).post("/api/v1/spare-parts/" + part + "/movements")
                .then().statusCode(200);
        String caseId = CaseTestData.openCase(CaseTestData.world("COMMERCIAL_VEHICLE"));

        // A unit that is not the case's: 422 on the serial, nothing moves.
        issue(part, location, 1, caseId, "NOT-IN-CASE-1").then().statusCode(422)
                .body("errors[0].field", equalTo("serialNo"));
        // A serial on a receipt means nothing: refused rather than ignored.
        as("WAREHOUSE").body(movement("RECEIPT", location, 1).serialNo("X1").json())
                .post("/api/v1/spare-parts/" + part + "/movements").then().statusCode(422)
                .body("errors[0].field", equalTo("serialNo"));
        // A rejected case takes no cost line, so it takes no parts either.
        as("AFTER_SALES_MANAGER").header("If-Match", "\"0\"").body(CaseBodies.transition("REJECTED", "非我司产品"))
                .post("/api/v1/cases/" + caseId + "/transitions").then().statusCode(200);
        issue(part, location, 1, caseId, null).then().statusCode(409)
                .body("type", equalTo("urn:problem:aftersales:cost_case_finished"));

        as("WAREHOUSE").get("/api/v1/spare-parts/" + part + "/stock/" + location).then().statusCode(200)
                .body("quantity", equalTo(4));
        assertThat(costs(caseId)).isEmpty();
        assertThat(Sql.count("select count(*) from stock_movement where part_id = cast(?1 as uuid) and kind = 'ISSUE'", part))
                .isZero();
    }
}
