package com.aftersales.cases;

import com.aftersales.support.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static com.aftersales.cases.CaseFixtures.world;
import static com.aftersales.support.Api.as;
import static com.aftersales.support.CaseBodies.major;
import static com.aftersales.support.CaseBodies.sla;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
class CaseSearchTest {

    @Test
    void findsChineseSubstringsIncludingTwoCharacterWords() {
        CaseTestData.World w = world("SYSTEM", null);
        String a = CaseFixtures.open("SALES", w, "冷却液泄漏导致控制器短路").then().statusCode(201).extract().path("id");
        CaseFixtures.open("SALES", w, "仪表显示异常").then().statusCode(201);
        as("SALES").queryParam("customerId", w.customerId()).queryParam("q", "泄漏").get("/api/v1/cases")
                .then().statusCode(200).body("items.id", equalTo(List.of(a)));
        as("SALES").queryParam("customerId", w.customerId()).queryParam("q", "控制器短路").get("/api/v1/cases")
                .then().body("items.id", equalTo(List.of(a)));
        as("SALES").queryParam("customerId", w.customerId()).queryParam("q", "漏").get("/api/v1/cases")
                .then().body("items.id", equalTo(List.of(a)));
        as("SALES").queryParam("customerId", w.customerId()).queryParam("q", "短路泄漏").get("/api/v1/cases")
                .then().body("items", hasSize(0));
        as("SALES").queryParam("customerId", w.customerId()).queryParam("q", "100%").get("/api/v1/cases")
                .then().statusCode(200).body("items", hasSize(0));
    }

    @Test
    void filtersCombineAndPagesFollowTheCursor() {
        CaseTestData.World w = world("PASSENGER_CAR", null);
        for (int i = 0; i < 3; i++) {
            CaseFixtures.open("SALES", w, "分页测试 " + i).then().statusCode(201);
        }
        String major = CaseFixtures.openId(w);
        as("SALES_MANAGER").header("If-Match", "\"0\"").body(major("财产损失"))
                .post("/api/v1/cases/" + major + "/major").then().statusCode(200);
        String base = "/api/v1/cases";
        as("SALES").queryParam("customerId", w.customerId()).queryParam("major", "true").get(base)
                .then().body("items.id", equalTo(List.of(major)));
        as("SALES").queryParam("serialNo", w.serial().toLowerCase()).queryParam("productLine", "PASSENGER_CAR")
                .queryParam("ownerRole", "SALES_MANAGER").queryParam("status", "NEW").queryParam("type", "CLAIM")
                .queryParam("severity", "HIGH").queryParam("from", "2020-01-01").queryParam("to", "2099-12-31")
                .queryParam("overdue", "false").get(base)
                .then().statusCode(200).body("items", hasSize(4)).body("items.customerId", everyItem(equalTo(w.customerId())));
        String cursor = as("SALES").queryParam("customerId", w.customerId()).queryParam("limit", 3).get(base)
                .then().body("items", hasSize(3)).body("items[0].id", equalTo(major))
                .body("nextCursor", notNullValue()).extract().path("nextCursor");
        as("SALES").queryParam("customerId", w.customerId()).queryParam("limit", 3).queryParam("cursor", cursor).get(base)
                .then().body("items", hasSize(1)).body("nextCursor", equalTo(null));
        as("SALES").queryParam("status", "DONE").get(base).then().statusCode(400).body("errors[0].field", equalTo("status"));
        as("SALES").queryParam("overdue", "maybe").get(base).then().statusCode(400);
        as("SALES").queryParam("from", "2025-13-01").get(base).then().statusCode(400);
        as("SALES").queryParam("cursor", "bm90LWEtY3Vyc29y").get(base).then().statusCode(400);
    }

    @Test
    void overdueFindsBreachedSlas() {
        CaseTestData.World w = world("SYSTEM", null);
        as("ADMIN").header("If-None-Match", "*").body(sla("CRITICAL", w.customerId(), 1, 1))
                .put("/api/v1/case-settings/slas").then().statusCode(200);
        String id = as("SALES").body(CaseFixtures.claim(w, 1, "紧急").severity("CRITICAL").json())
                .post("/api/v1/cases").then().statusCode(201).extract().path("id");
        // Nothing is overdue yet; two hours later both due times have passed.
        as("SALES").queryParam("customerId", w.customerId()).queryParam("overdue", "true").get("/api/v1/cases")
                .then().body("items", hasSize(0));
        TestClock.advance(Duration.ofHours(2));
        as("SALES").queryParam("customerId", w.customerId()).queryParam("overdue", "true").get("/api/v1/cases")
                .then().body("items.id", equalTo(List.of(id))).body("items[0].overdue", equalTo(true));
    }
}
