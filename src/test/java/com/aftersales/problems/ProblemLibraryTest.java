package com.aftersales.problems;

import com.aftersales.cases.CaseTestData;
import com.aftersales.eightd.EightDTestData;
import com.aftersales.support.Api;
import com.aftersales.support.ProblemBodies;
import com.aftersales.support.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static com.aftersales.support.Api.as;
import static com.aftersales.support.Api.asCustomer;
import static com.aftersales.support.ProblemBodies.digest;
import static com.aftersales.support.ProblemBodies.scope;
import static com.aftersales.support.ProblemBodies.problem;
import static com.aftersales.support.ProblemBodies.subscriber;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

@QuarkusTest
class ProblemLibraryTest {

    @Test
    void aClosedEightDBecomesALibraryEntryInOneStep() {
        CaseTestData.World w = CaseTestData.world("COMMERCIAL_VEHICLE");
        String open = com.aftersales.eightd.EightDTest.open(CaseTestData.openCase(w));
        as("QUALITY_ENGINEER").post("/api/v1/problems/from-report/" + open).then().statusCode(409)
                .body("type", equalTo("urn:problem:aftersales:problem_report_not_closed"));
        String report = EightDTestData.closedReport(w, "MC80 控制器受潮短路");
        String id = as("QUALITY_ENGINEER").post("/api/v1/problems/from-report/" + report).then().statusCode(201)
                .body("failureMode", equalTo("MC80 控制器受潮短路"))
                .body("rootCause", containsString("灌封存在气泡"))
                .body("countermeasure", containsString("真空灌封"))
                .body("productModels", equalTo(List.of("TM220")))
                .body("productLines", equalTo(List.of("COMMERCIAL_VEHICLE")))
                .body("severity", equalTo("HIGH"))
                .body("status", equalTo("COUNTERMEASURE_EFFECTIVE"))
                .body("fmeaLinks[0].reference", equalTo("CP-MC80-03"))
                .body("reportIds", equalTo(List.of(report)))
                .extract().path("id");
        as("QUALITY_ENGINEER").post("/api/v1/problems/from-report/" + report).then().statusCode(409);
        as("ENGINEER").get("/api/v1/problems/" + id).then().statusCode(200).body("caseIds.size()", equalTo(1));
        asCustomer(UUID.fromString(w.customerId())).get("/api/v1/problems/" + id).then().statusCode(403);
    }

    @Test
    void searchByModelFailureModeCauseAndChineseText() {
        String model = Api.unique("EM");
        String body = encoderProblem(model).json();
        String id = as("ENGINEER").body(body).post("/api/v1/problems").then().statusCode(201)
                .body("status", equalTo("OPEN")).extract().path("id");
        as("SALES").queryParam("model", model).get("/api/v1/problems").then().body("items.id", equalTo(List.of(id)));
        as("SALES").queryParam("model", model).queryParam("failureMode", "信号").get("/api/v1/problems")
                .then().body("items.id", equalTo(List.of(id)));
        as("SALES").queryParam("model", model).queryParam("cause", "退针").get("/api/v1/problems")
                .then().body("items.id", equalTo(List.of(id)));
        as("SALES").queryParam("model", model).queryParam("q", "二次锁止").get("/api/v1/problems")
                .then().body("items.id", equalTo(List.of(id)));
        as("SALES").queryParam("model", model).queryParam("q", "锁止退针").get("/api/v1/problems")
                .then().body("items.size()", equalTo(0));
        as("ENGINEER").body(encoderProblem(model).severity("ENORMOUS").json()).post("/api/v1/problems").then().statusCode(400);
        as("ENGINEER").body(encoderProblem(model).rootCause(null).json()).post("/api/v1/problems")
                .then().statusCode(422).body("errors[0].field", equalTo("rootCause"));
        as("ENGINEER").body(encoderProblem(model).caseId(UUID.randomUUID().toString()).json()).post("/api/v1/problems")
                .then().statusCode(404);
        as("SALES").body(body).post("/api/v1/problems").then().statusCode(403);
    }

    static ProblemBodies.Problem encoderProblem(String model) {
        return problem("编码器信号丢失", "线束插接件退针", "插接件增加二次锁止", "MEDIUM").productModel(model).detectionMethod("拉拔力测试");
    }

    @Test
    void digestsAreAcknowledgedBySubscribersAndLateReadersAreListed() {
        String reader = Api.unique("eng");
        String late = Api.unique("eng");
        for (String s : new String[]{reader, late}) {
            as("QUALITY_ENGINEER").header("If-None-Match", "*")
                    .body(subscriber("ENGINEERING", s, "工程师 " + s).email(s.toLowerCase() + "@example.cn").json())
                    .put("/api/v1/problem-digests/subscribers").then().statusCode(200).header("ETag", equalTo("\"0\""));
        }
        // A subscription exists now: a second create 412, no precondition 428; changed under its ETag only.
        as("QUALITY_ENGINEER").header("If-None-Match", "*").body(subscriber("ENGINEERING", late, "别人").json())
                .put("/api/v1/problem-digests/subscribers").then().statusCode(412);
        as("QUALITY_ENGINEER").body(subscriber("ENGINEERING", late, "别人").json())
                .put("/api/v1/problem-digests/subscribers").then().statusCode(428);
        as("QUALITY_ENGINEER").queryParam("department", "ENGINEERING").get("/api/v1/problem-digests/subscribers").then()
                .body("find { it.subscriber == '" + late + "' }.name", equalTo("工程师 " + late))
                .body("find { it.subscriber == '" + late + "' }.version", equalTo(0));
        as("QUALITY_ENGINEER").header("If-Match", "\"0\"").body(subscriber("ENGINEERING", late, "工程师 " + late)
                .email(late.toLowerCase() + "@example.cn").json())
                .put("/api/v1/problem-digests/subscribers").then().statusCode(200).header("ETag", equalTo("\"1\""));
        // Engineering's digest follows failure modes with a keyword: a problem without it is left out of its content.
        String failure = Api.unique("磁钢脱落");
        String keyword = failure.substring(failure.indexOf('-') + 1).toLowerCase();
        as("QUALITY_ENGINEER").body(scope("ENGINEERING").failureMode(keyword).json()).put("/api/v1/problem-digests/scopes")
                .then().statusCode(428);
        as("QUALITY_ENGINEER").header("If-None-Match", "*").body(scope("ENGINEERING").productLine("TRACTOR").json())
                .put("/api/v1/problem-digests/scopes").then().statusCode(400);
        as("QUALITY_ENGINEER").header("If-None-Match", "*").body(scope("MARKETING").json())
                .put("/api/v1/problem-digests/scopes").then().statusCode(400)
                .body("errors[0].field", equalTo("department"));
        as("ENGINEER").header("If-None-Match", "*").body(scope("ENGINEERING").json())
                .put("/api/v1/problem-digests/scopes").then().statusCode(403);
        as("QUALITY_ENGINEER").header("If-None-Match", "*").body(scope("ENGINEERING").productModel("X").json())
                .put("/api/v1/problem-digests/scopes").then().statusCode(200).header("ETag", equalTo("\"0\""));
        as("QUALITY_ENGINEER").header("If-None-Match", "*").body(scope("ENGINEERING").json())
                .put("/api/v1/problem-digests/scopes").then().statusCode(412);
        as("QUALITY_ENGINEER").header("If-Match", "\"0\"").body(scope("ENGINEERING").failureMode(keyword).json())
                .put("/api/v1/problem-digests/scopes").then().statusCode(200).header("ETag", equalTo("\"1\""))
                .body("failureModes", equalTo(List.of(keyword))).body("productModels", equalTo(List.of()));
        as("PRODUCT_MANAGER").queryParam("department", "ENGINEERING").get("/api/v1/problem-digests/scopes").then()
                .statusCode(200).body("[0].failureModes", equalTo(List.of(keyword))).body("[0].version", equalTo(1));

        OffsetDateTime since = TestClock.now().minusMinutes(1);
        as("ENGINEER").body(problem(failure, "胶粘剂固化不足", "延长固化时间", "HIGH").json()).post("/api/v1/problems").then().statusCode(201);
        String other = Api.unique("绕组匝间短路");
        as("ENGINEER").body(problem(other, "漆包线损伤", "改进嵌线工装", "HIGH").json()).post("/api/v1/problems").then().statusCode(201);
        as("ENGINEER").queryParam("since", since.toString()).queryParam("department", "ENGINEERING")
                .get("/api/v1/problems/digest").then().statusCode(200).body("failureMode", hasItem(failure))
                .body("failureMode", not(hasItem(other)));
        as("ENGINEER").queryParam("since", since.toString())
                .get("/api/v1/problems/digest").then().statusCode(200).body("failureMode", hasItems(failure, other));
        String digest = as("QUALITY_ENGINEER").body(digest("ENGINEERING", since))
                .post("/api/v1/problem-digests").then().statusCode(201)
                .body("problems.failureMode", equalTo(List.of(failure))).extract().path("id");

        RestAssured.given().auth().oauth2(Api.jwt(reader).groups(Set.of("ENGINEER")).sign())
                .post("/api/v1/problem-digests/" + digest + "/acknowledgement").then().statusCode(200)
                .body("subscriber", equalTo(reader));
        as("ENGINEER").post("/api/v1/problem-digests/" + digest + "/acknowledgement").then().statusCode(403);
        as("QUALITY_ENGINEER").queryParam("overdueAfterDays", 0).get("/api/v1/problem-digests/" + digest + "/acknowledgements")
                .then().statusCode(200)
                .body("acknowledged.subscriber", hasItem(reader))
                .body("pending.find { it.subscriber == '" + late + "' }.overdue", equalTo(true));
        as("QUALITY_ENGINEER").get("/api/v1/problem-digests/" + digest + "/acknowledgements")
                .then().body("pending.find { it.subscriber == '" + late + "' }.overdue", equalTo(false));
        as("QUALITY_ENGINEER").delete("/api/v1/problem-digests/subscribers/ENGINEERING/" + late).then().statusCode(428);
        as("QUALITY_ENGINEER").header("If-Match", "\"0\"").delete("/api/v1/problem-digests/subscribers/ENGINEERING/" + late)
                .then().statusCode(412);
        as("QUALITY_ENGINEER").header("If-Match", "\"1\"").delete("/api/v1/problem-digests/subscribers/ENGINEERING/" + late)
                .then().statusCode(204);
        as("QUALITY_ENGINEER").body(digest("ENGINEERING", OffsetDateTime.parse("2999-01-01T00:00:00Z")))
                .post("/api/v1/problem-digests").then().statusCode(422);
    }
}
