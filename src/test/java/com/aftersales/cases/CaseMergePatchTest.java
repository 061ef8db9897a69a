package com.aftersales.cases;

import com.aftersales.support.JsonBody;
import com.aftersales.support.Sql;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static com.aftersales.support.Api.as;
import static com.aftersales.support.Api.mergePatchAs;
import static com.aftersales.support.CaseBodies.decision;
import static com.aftersales.support.CaseBodies.transition;
import static com.aftersales.support.CaseBodies.visit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/** JSON Merge Patch (RFC 7396) of a case's details and of a planned visit: only what changed is sent. */
@QuarkusTest
public class CaseMergePatchTest {

    @Test
    void aCasesDetailsArePatchedAndTheRestStays() {
        String id = CaseFixtures.openId(CaseTestData.world("COMMERCIAL_VEHICLE"));
        String url = "/api/v1/cases/" + id;
        int v = Integer.parseInt(as("QUALITY_ENGINEER").get(url).then().statusCode(200).extract().header("ETag").replace("\"", ""));
        String etag = "\"" + v + "\"";
        mergePatchAs("QUALITY_ENGINEER").header("If-Match", etag)
                .body("{\"title\":\"驱动电机异响（复核）\",\"reporter\":{\"phone\":null,\"email\":\"wang@example.cn\"}}")
                .patch(url).then().statusCode(200).header("ETag", "\"" + (v + 1) + "\"")
                .body("title", equalTo("驱动电机异响（复核）")).body("description", equalTo("车辆行驶中电机有异响，伴随抖动。"))
                .body("reporter.name", equalTo("王师傅")).body("reporter.phone", nullValue())
                .body("reporter.email", equalTo("wang@example.cn")).body("channel", equalTo("PHONE"))
                .body("severity", equalTo("HIGH")).body("status", equalTo("NEW"));
        as("ADMIN").queryParam("entity", "case").queryParam("id", id).get("/api/v1/audit")
                .then().body("items[0].action", equalTo("PATCH"));

        etag = "\"" + (v + 1) + "\"";
        // Refused, and nothing changes: a null for a required field, a broken rule, fields with calls of their own or
        // that rules derive from, a stale or missing ETag, a customer account, a staff member who may not act on it.
        mergePatchAs("QUALITY_ENGINEER").header("If-Match", etag).header("Accept-Language", "en")
                .body("{\"description\":null,\"reporter\":{\"name\":null}}").patch(url).then().statusCode(422)
                .body("errors.field", equalTo(List.of("description", "reporter.name")))
                .body("errors[0].message", equalTo("required: null cannot clear it"));
        mergePatchAs("QUALITY_ENGINEER").header("If-Match", etag).body(JsonBody.of("reporter", JsonBody.object("email", "not-mail")))
                .patch(url).then().statusCode(422).body("errors[0].field", equalTo("reporter.email"));
        for (String field : List.of("severity", "status", "failureDate", "customerId")) {
            mergePatchAs("QUALITY_ENGINEER").header("If-Match", etag).body(JsonBody.of(field, "LOW")).patch(url)
                    .then().statusCode(400).body("errors[0].field", equalTo(field));
        }
        mergePatchAs("QUALITY_ENGINEER").header("If-Match", "\"" + v + "\"").body(JsonBody.of("title", "x")).patch(url)
                .then().statusCode(412).header("ETag", etag);
        mergePatchAs("QUALITY_ENGINEER").body(JsonBody.of("title", "x")).patch(url).then().statusCode(428);
        mergePatchAs("CUSTOMER").header("If-Match", etag).body(JsonBody.of("title", "x")).patch(url).then().statusCode(403);
        mergePatchAs("WAREHOUSE").header("If-Match", etag).body(JsonBody.of("title", "x")).patch(url).then().statusCode(403)
                .body("type", equalTo("urn:problem:aftersales:case_actor_not_allowed"));
        as("QUALITY_ENGINEER").get(url).then().header("ETag", etag).body("title", equalTo("驱动电机异响（复核）"))
                .body("description", equalTo("车辆行驶中电机有异响，伴随抖动。")).body("severity", equalTo("HIGH"));

        // A finished case keeps what it says.
        as("QUALITY_ENGINEER").header("If-Match", etag).body(transition("REJECTED", "重复报修")).post(url + "/transitions")
                .then().statusCode(200);
        mergePatchAs("QUALITY_ENGINEER").header("If-Match", "\"" + (v + 2) + "\"").body(JsonBody.of("title", "x")).patch(url)
                .then().statusCode(409).body("type", equalTo("urn:problem:aftersales:case_not_open"));
    }

    @Test
    void aPlannedVisitsPlanIsPatchedAndAnApprovedTripToAnotherSiteIsAskedForAgain() {
        String id = CaseFixtures.openId(CaseTestData.world("COMMERCIAL_VEHICLE"));
        String visitId = as("REPAIR").body(visit("ON_SITE_REPAIR", LocalDate.of(2025, 6, 5), "郑州公交三公司停车场")
                        .technician("周工").technician("吴工").travelRequired(true).json())
                .post("/api/v1/cases/" + id + "/visits").then().statusCode(201).extract().path("id");
        String url = "/api/v1/cases/" + id + "/visits/" + visitId;
        as("AFTER_SALES_MANAGER").header("If-Match", "\"0\"").body(decision("APPROVE")).post(url + "/travel-approval")
                .then().statusCode(200).body("travelStatus", equalTo("APPROVED"));

        // Only the technicians change: the approved trip stays approved.
        mergePatchAs("ENGINEER").header("If-Match", "\"1\"").body("{\"technicians\":[\"周工\"]}").patch(url).then()
                .statusCode(200).header("ETag", "\"2\"").body("technicians", equalTo(List.of("周工")))
                .body("site", equalTo("郑州公交三公司停车场")).body("plannedDate", equalTo("2025-06-05"))
                .body("travelStatus", equalTo("APPROVED")).body("purpose", equalTo("ON_SITE_REPAIR"));
        // Another site: the after-sales manager is asked again.
        mergePatchAs("REPAIR").header("If-Match", "\"2\"").body(JsonBody.of("site", "郑州公交五公司停车场")).patch(url).then()
                .statusCode(200).header("ETag", "\"3\"").body("site", equalTo("郑州公交五公司停车场"))
                .body("technicians", equalTo(List.of("周工"))).body("travelStatus", equalTo("REQUESTED"))
                .body("travelDecidedBy", nullValue());
        assertThat(Sql.count("select count(*) from notice where kind = 'TRAVEL_APPROVAL_REQUESTED' and dedupe_key like ?1",
                "travel-approval:" + visitId + "%")).isEqualTo(2);

        // Refused, and nothing changes.
        mergePatchAs("REPAIR").header("If-Match", "\"3\"").body("{\"plannedDate\":null}").patch(url).then().statusCode(422)
                .body("errors[0].field", equalTo("plannedDate"));
        mergePatchAs("REPAIR").header("If-Match", "\"3\"").body("{\"technicians\":[]}").patch(url).then().statusCode(422)
                .body("errors[0].field", equalTo("technicians"));
        mergePatchAs("REPAIR").header("If-Match", "\"3\"").body(JsonBody.of("travelRequired", false)).patch(url).then()
                .statusCode(400).body("errors[0].field", equalTo("travelRequired"));
        mergePatchAs("REPAIR").header("If-Match", "\"3\"").body(JsonBody.of("purpose", "PICNIC")).patch(url).then()
                .statusCode(400).body("errors[0].field", equalTo("purpose"));
        mergePatchAs("REPAIR").header("If-Match", "\"2\"").body(JsonBody.of("site", "x")).patch(url).then().statusCode(412);
        mergePatchAs("REPAIR").body(JsonBody.of("site", "x")).patch(url).then().statusCode(428);
        mergePatchAs("CUSTOMER").header("If-Match", "\"3\"").body(JsonBody.of("site", "x")).patch(url).then().statusCode(403);
        mergePatchAs("WAREHOUSE").header("If-Match", "\"3\"").body(JsonBody.of("site", "x")).patch(url).then().statusCode(403);
        as("REPAIR").get(url).then().header("ETag", "\"3\"").body("site", equalTo("郑州公交五公司停车场"))
                .body("plannedDate", equalTo("2025-06-05"));

        // Once started, the plan is history.
        as("AFTER_SALES_MANAGER").header("If-Match", "\"3\"").body(decision("APPROVE")).post(url + "/travel-approval")
                .then().statusCode(200);
        as("REPAIR").header("If-Match", "\"4\"").post(url + "/start").then().statusCode(200);
        mergePatchAs("REPAIR").header("If-Match", "\"5\"").body(JsonBody.of("site", "x")).patch(url).then().statusCode(409)
                .body("type", equalTo("urn:problem:aftersales:visit_wrong_status"));
    }
}
