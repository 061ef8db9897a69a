package com.aftersales.shared.security;

import com.aftersales.cases.CaseTestData;
import com.aftersales.support.Api;
import com.aftersales.support.CaseBodies;
import com.aftersales.support.CustomerBodies;
import com.aftersales.support.JsonBody;
import com.aftersales.support.OpenApiOperations;
import com.aftersales.support.OpenApiOperations.Operation;
import com.aftersales.support.Sql;
import com.aftersales.support.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.aftersales.support.Api.as;
import static com.aftersales.support.Api.asStation;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A service station's account against another station's objects, over every operation open to SERVICE_STATION in the
 * OpenAPI document that names an object in its path: each of station A's objects is 404 to station B, whatever the
 * method, and B's attempts change nothing. Station A reaching each of them first proves the objects are real.
 */
@QuarkusTest
class StationIsolationTest {

    static UUID station() {
        String code = Api.unique("fwz");
        return UUID.fromString(as("SALES").body(CustomerBodies.customer(code).type("SERVICE_STATION").json())
                .post("/api/v1/customers").then().statusCode(201).extract().path("id"));
    }

    /** Station A's objects, by the path segment that names them. */
    private static Map<String, String> objectsOf(UUID a) {
        Map<String, String> ids = new HashMap<>();
        CaseTestData.World w = CaseTestData.world("COMMERCIAL_VEHICLE");
        String caseId = CaseTestData.openCase(w);
        Response planned = as("REPAIR").body(CaseBodies.visit("ON_SITE_REPAIR", LocalDate.of(2025, 6, 5), "服务站").technician("王工").json())
                .post("/api/v1/cases/" + caseId + "/visits").then().statusCode(201).extract().response();
        String visitId = planned.path("id");
        as("AFTER_SALES_MANAGER").header("If-Match", planned.header("ETag")).body(JsonBody.of("stationId", a))
                .post("/api/v1/cases/" + caseId + "/visits/" + visitId + "/station-assignment").then().statusCode(200);
        ids.put("visits", visitId);
        var announced = asStation(a).body(CaseBodies.attachment("维修单.pdf", "application/pdf", 10))
                .post("/api/v1/station/visits/" + visitId + "/attachments").then().statusCode(201).extract();
        RestAssured.given().contentType("application/pdf").body(new byte[10]).put(announced.<String>path("upload.url"))
                .then().statusCode(200);
        ids.put("attachments", announced.path("id"));
        asStation(a).post("/api/v1/station/visits/" + visitId + "/attachments/" + ids.get("attachments") + "/confirmation")
                .then().statusCode(200);
        asStation(a).body(CaseBodies.stationFee("LABOUR", "100.00", TestClock.today()).labourHours("1").json())
                .post("/api/v1/station/visits/" + visitId + "/fees").then().statusCode(201);
        as("AFTER_SALES_MANAGER").header("If-None-Match", "*").body(CaseBodies.rateCard(TestClock.today(), "80.00", "2.00", "150.00"))
                .put("/api/v1/customers/" + a + "/rate-card").then().statusCode(200);
        ids.put("customers", a.toString());
        return ids;
    }

    @Test
    void anotherStationsObjectsAreNotFoundAndUntouched() {
        UUID a = station();
        UUID b = station();
        Map<String, String> ids = objectsOf(a);

        List<Operation> reachable = OpenApiOperations.all().stream()
                .filter(op -> op.roles().contains(Roles.SERVICE_STATION) && op.path().contains("{")).toList();
        assertThat(reachable).hasSizeGreaterThanOrEqualTo(6);
        List<String> wrong = new ArrayList<>();
        for (Operation op : reachable) {
            if (!op.writes()) {
                int own = asStation(a).get(path(op.path(), ids)).statusCode();
                if (own != 200) {
                    wrong.add(op.key() + ": station A reads its own object with " + own);
                }
            }
        }
        Map<String, Sql.TableState> before = Sql.fingerprint();
        for (Operation op : reachable) {
            var request = asStation(b).header("If-Match", "\"0\"");
            if (op.bodyType() != null) {
                request.contentType(op.bodyType()).body(validBody(op));
            }
            Response r = request.request(op.method(), path(op.path(), ids));
            if (r.statusCode() != 404 || !r.contentType().startsWith("application/problem+json")) {
                wrong.add(op.key() + ": station B gets " + r.statusCode() + " for A's object");
            }
        }
        System.out.printf("[measure] station isolation: %d operations against %d objects of another station, %d wrong%n",
                reachable.size(), ids.size(), wrong.size());
        assertThat(wrong).isEmpty();
        assertThat(Sql.fingerprint()).isEqualTo(before);

        // B's list names none of A's objects.
        String list = asStation(b).get("/api/v1/station/visits").then().statusCode(200).extract().asString();
        ids.forEach((kind, id) -> assertThat(list).as("B's visits name A's " + kind).doesNotContain(id));
    }

    private static String path(String template, Map<String, String> ids) {
        return OpenApiOperations.fillBySegment(template, ids);
    }

    /** Bodies station A could send to these operations: B's must fail on the object, not on the body. */
    private static String validBody(Operation op) {
        if (op.path().endsWith("/attachments")) {
            return CaseBodies.attachment("a.pdf", "application/pdf", 10);
        }
        if (op.path().endsWith("/fees")) {
            return CaseBodies.stationFee("LABOUR", "100.00", TestClock.today()).labourHours("1").json();
        }
        return "{}";
    }
}
