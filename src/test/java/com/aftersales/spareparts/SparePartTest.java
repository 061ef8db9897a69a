package com.aftersales.spareparts;

import java.util.concurrent.CountDownLatch;
import com.aftersales.support.ServerRequests;
import org.junit.jupiter.api.Tag;
import com.aftersales.cases.CaseTestData;
import com.aftersales.support.Fixtures;
import com.aftersales.support.SparePartBodies;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static com.aftersales.support.Api.as;
import static com.aftersales.support.SparePartBodies.decision;
import static com.aftersales.support.SparePartBodies.movement;
import static com.aftersales.support.SparePartBodies.shipment;
import static com.aftersales.support.SparePartBodies.stockLevels;
import static com.aftersales.support.SparePartBodies.transfer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

@QuarkusTest
public class SparePartTest {

    public static String part(String model, boolean wear) {
        return Fixtures.part(SparePartBodies.part("电机轴承 6205", "85.50").productModel(model).wearPart(wear));
    }

    static Response move(String partId, String kind, String location, int qty, String caseId, String reason) {
        return as("WAREHOUSE").body(movement(kind, location, qty).caseId(caseId).reason(reason).json())
                .post("/api/v1/spare-parts/" + partId + "/movements");
    }

    @Test
    @Tag("concurrency")
    void concurrentIssuesOfTheLastPiecesNeverOversell() throws Exception {
        String part = part("TM220", true);
        String caseId = CaseTestData.openCase(CaseTestData.world("COMMERCIAL_VEHICLE"));
        move(part, "RECEIPT", "zz-main", 5, null, null).then().statusCode(200).body("quantity", equalTo(5)).body("location", equalTo("ZZ-MAIN"));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(pool.submit(() -> {
                    start.await();
                    return move(part, "ISSUE", "ZZ-MAIN", 1, caseId, null).statusCode();
                }));
            }
            long mark = ServerRequests.mark();
            start.countDown();
            List<Integer> codes = new ArrayList<>();
            for (Future<Integer> f : calls) {
                codes.add(f.get());
            }
            ServerRequests.proveOverlap("8 issues of the last 5 pieces", mark, "/api/v1/spare-parts/" + part);
            assertThat(codes).filteredOn(c -> c == 200).hasSize(5);
            assertThat(codes).filteredOn(c -> c == 409).hasSize(3);
        } finally {
            pool.shutdownNow();
        }
        as("WAREHOUSE").get("/api/v1/spare-parts/" + part + "/stock").then().body("[0].quantity", equalTo(0));
        move(part, "ISSUE", "ZZ-MAIN", 1, caseId, null).then().statusCode(409)
                .body("type", equalTo("urn:problem:aftersales:stock_insufficient")).body("available", equalTo(0));
    }

    @Test
    void movementsAreCheckedAndSafetyStockIsWatched() {
        String part = part("EM35", false);
        String caseId = CaseTestData.openCase(CaseTestData.world("MICRO_CAR"));
        move(part, "RECEIPT", "SH-01", -3, null, null).then().statusCode(422).body("errors[0].field", equalTo("quantity"));
        move(part, "ISSUE", "SH-01", 1, null, null).then().statusCode(422).body("errors[0].field", equalTo("caseId"));
        move(part, "ADJUSTMENT", "SH-01", 2, null, null).then().statusCode(422).body("errors[0].field", equalTo("reason"));
        move(part, "RECEIPT", "bad location!", 1, null, null).then().statusCode(422);
        move(part, "RECEIPT", "SH-01", 10, null, null).then().statusCode(200);
        move(part, "ADJUSTMENT", "SH-01", -11, null, "盘点差异").then().statusCode(409);
        move(part, "ADJUSTMENT", "SH-01", -2, null, "盘点差异").then().statusCode(200).body("quantity", equalTo(8));
        move(part, "ISSUE", "SH-01", 3, caseId, null).then().statusCode(200).body("quantity", equalTo(5));
        String etag = as("PRODUCT_MANAGER").get("/api/v1/spare-parts/" + part + "/stock/sh-01").then().statusCode(200)
                .extract().header("ETag");
        as("PRODUCT_MANAGER").header("If-Match", etag).body(stockLevels(6, 8)).put("/api/v1/spare-parts/" + part + "/stock/sh-01")
                .then().statusCode(200).body("belowSafetyStock", equalTo(true));
        as("WAREHOUSE").get("/api/v1/spare-parts/below-safety-stock").then().statusCode(200)
                .body("partId", hasItem(part));
        as("SALES").body(movement("RECEIPT", "SH-01", 1).json())
                .post("/api/v1/spare-parts/" + part + "/movements").then().statusCode(403);
        as("PRODUCT_MANAGER").queryParam("model", "EM35").queryParam("wearPart", "false").get("/api/v1/spare-parts")
                .then().body("id", org.hamcrest.Matchers.anything()).body("items.id", hasItem(part));
    }

    @Test
    void stockLevelsAreChangedUnderTheRowsETagAndCreatedWithIfNoneMatch() {
        String part = part("EM35", false);
        String url = "/api/v1/spare-parts/" + part + "/stock/sh-02";
        // No row at SH-02 yet: without a precondition 428, If-Match 412, If-None-Match: * creates it.
        as("PRODUCT_MANAGER").header("Accept-Language", "en").body(stockLevels(3, 5)).put(url).then().statusCode(428)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:problem:aftersales:precondition_required_put"))
                .body("detail", equalTo("Send If-Match with the record's ETag to change it, or If-None-Match: * to create it."));
        as("PRODUCT_MANAGER").header("If-Match", "\"0\"").body(stockLevels(3, 5)).put(url).then().statusCode(412);
        as("PRODUCT_MANAGER").get(url).then().statusCode(404);
        String created = as("PRODUCT_MANAGER").header("If-None-Match", "*").body(stockLevels(3, 5)).put(url).then()
                .statusCode(200).body("safetyStock", equalTo(3)).body("version", equalTo(0)).extract().header("ETag");
        assertThat(created).isEqualTo("\"0\"");
        // It exists now: If-None-Match: * is 412, no precondition 428, and neither changes it.
        as("PRODUCT_MANAGER").header("Accept-Language", "zh-CN").header("If-None-Match", "*").body(stockLevels(9, 9)).put(url)
                .then().statusCode(412).body("type", equalTo("urn:problem:aftersales:record_exists"))
                .body("detail", equalTo("该记录已存在：请先读取，并在 If-Match 中带上它的 ETag 再修改。"))
                .header("ETag", equalTo(created));
        as("PRODUCT_MANAGER").body(stockLevels(9, 9)).put(url).then().statusCode(428);
        // A receipt changes the row: the ETag read before it is stale.
        move(part, "RECEIPT", "SH-02", 4, null, null).then().statusCode(200);
        as("PRODUCT_MANAGER").header("If-Match", created).body(stockLevels(9, 9)).put(url).then().statusCode(412);
        String current = as("WAREHOUSE").get(url).then().statusCode(200).body("safetyStock", equalTo(3))
                .body("reorderPoint", equalTo(5)).body("quantity", equalTo(4)).extract().header("ETag");
        assertThat(current).isNotEqualTo(created);
        as("PRODUCT_MANAGER").header("If-Match", current).body(stockLevels(9, 10)).put(url).then().statusCode(200)
                .body("safetyStock", equalTo(9)).body("reorderPoint", equalTo(10)).header("ETag", not(equalTo(current)));
        as("WAREHOUSE").get("/api/v1/spare-parts/" + part + "/stock").then().body("find { it.location == 'SH-02' }.safetyStock", equalTo(9));
    }

    @Test
    void aTransferOrderMovesStockOnceAtEachStep() {
        String part = part("PX100", true);
        move(part, "RECEIPT", "HQ", 10, null, null).then().statusCode(200);
        String order = as("REPAIR").body(transfer("HQ", "ZZ-STATION").line(part, 4).json())
                .post("/api/v1/transfer-orders").then().statusCode(201).body("status", equalTo("REQUESTED"))
                .extract().path("id");
        String base = "/api/v1/transfer-orders/" + order;
        String dispatch = shipment("顺丰", "SF123456", LocalDate.of(2026, 11, 20));
        as("WAREHOUSE").header("If-Match", "\"0\"").body(dispatch).post(base + "/shipment").then().statusCode(409);
        as("WAREHOUSE").header("If-Match", "\"0\"").body(decision("APPROVE")).post(base + "/decision").then().statusCode(403);
        as("PRODUCT_MANAGER").header("If-Match", "\"0\"").body(decision("APPROVE")).post(base + "/decision")
                .then().statusCode(200).body("status", equalTo("APPROVED"));
        as("WAREHOUSE").header("If-Match", "\"1\"").body(dispatch).post(base + "/shipment").then().statusCode(200)
                .body("status", equalTo("SHIPPED")).body("trackingNo", equalTo("SF123456"));
        as("WAREHOUSE").header("If-Match", "\"2\"").body(dispatch).post(base + "/shipment").then().statusCode(409);
        as("WAREHOUSE").get("/api/v1/spare-parts/" + part + "/stock").then().body("find { it.location == 'HQ' }.quantity", equalTo(6));
        as("WAREHOUSE").header("If-Match", "\"2\"").post(base + "/receipt").then().statusCode(200).body("status", equalTo("RECEIVED"));
        as("WAREHOUSE").header("If-Match", "\"3\"").post(base + "/receipt").then().statusCode(409);
        as("WAREHOUSE").get("/api/v1/spare-parts/" + part + "/stock")
                .then().body("find { it.location == 'ZZ-STATION' }.quantity", equalTo(4))
                .body("find { it.location == 'HQ' }.quantity", equalTo(6));

        // A shipment larger than the stock moves nothing.
        String big = as("REPAIR").body(transfer("HQ", "ZZ-STATION").line(part, 7).json())
                .post("/api/v1/transfer-orders").then().statusCode(201).extract().path("id");
        as("PRODUCT_MANAGER").header("If-Match", "\"0\"").body(decision("APPROVE"))
                .post("/api/v1/transfer-orders/" + big + "/decision").then().statusCode(200);
        as("WAREHOUSE").header("If-Match", "\"1\"").body(dispatch).post("/api/v1/transfer-orders/" + big + "/shipment")
                .then().statusCode(409).body("type", equalTo("urn:problem:aftersales:stock_insufficient"));
        as("WAREHOUSE").get("/api/v1/transfer-orders/" + big).then().body("status", equalTo("APPROVED"));
        as("WAREHOUSE").get("/api/v1/spare-parts/" + part + "/stock").then().body("find { it.location == 'HQ' }.quantity", equalTo(6));
        as("REPAIR").body(transfer("HQ", "HQ").line(part, 1).json())
                .post("/api/v1/transfer-orders").then().statusCode(422);
        as("REPAIR").body(transfer("HQ", "X").line(part, -1).json())
                .post("/api/v1/transfer-orders").then().statusCode(422);
    }
}
