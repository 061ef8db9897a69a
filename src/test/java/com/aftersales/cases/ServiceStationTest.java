package com.aftersales.cases;

import com.aftersales.support.Api;
import com.aftersales.support.CaseBodies;
import com.aftersales.support.CustomerBodies;
import com.aftersales.support.JsonBody;
import com.aftersales.support.Sql;
import com.aftersales.support.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static com.aftersales.cases.CaseFixtures.world;
import static com.aftersales.support.Api.as;
import static com.aftersales.support.Api.asCustomer;
import static com.aftersales.support.Api.asStation;
import static com.aftersales.support.CaseBodies.attachment;
import static com.aftersales.support.CaseBodies.cost;
import static com.aftersales.support.CaseBodies.visit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

/**
 * Service stations (issue 21): a station's account sees the visits assigned to its station, submits its fees for them
 * with documents, and sees their verification; its lines are checked against its rate card for the after-sales manager.
 */
@QuarkusTest
class ServiceStationTest {

    /** A customer of type SERVICE_STATION. */
    static UUID station() {
        String code = Api.unique("fwz");
        return UUID.fromString(as("SALES").body(CustomerBodies.customer(code).type("SERVICE_STATION").name("服务站" + code).json())
                .post("/api/v1/customers").then().statusCode(201).extract().path("id"));
    }

    /** A visit of the case planned by REPAIR and assigned to the station; the visit's id. */
    static String assignedVisit(String caseId, UUID station) {
        Response planned = as("REPAIR").body(visit("ON_SITE_REPAIR", LocalDate.of(2025, 6, 5), "郑州宇通停车场")
                        .technician("服务站王工").json())
                .post("/api/v1/cases/" + caseId + "/visits").then().statusCode(201).extract().response();
        String visitId = planned.path("id");
        as("AFTER_SALES_MANAGER").header("If-Match", planned.header("ETag")).body(JsonBody.of("stationId", station))
                .post("/api/v1/cases/" + caseId + "/visits/" + visitId + "/station-assignment")
                .then().statusCode(200).body("stationId", equalTo(station.toString()));
        return visitId;
    }

    /** A document the station uploads for the visit: announced, bytes put, confirmed; its id. */
    static String document(UUID station, String visitId) {
        Response announced = asStation(station).body(attachment("维修单.pdf", "application/pdf", 12))
                .post("/api/v1/station/visits/" + visitId + "/attachments").then().statusCode(201)
                .body("visitId", equalTo(visitId)).extract().response();
        RestAssured.given().contentType("application/pdf").body(new byte[12]).put(announced.<String>path("upload.url"))
                .then().statusCode(200);
        String id = announced.path("id");
        asStation(station).post("/api/v1/station/visits/" + visitId + "/attachments/" + id + "/confirmation")
                .then().statusCode(200).body("uploaded", equalTo(true));
        return id;
    }

    @Test
    void aStationSubmitsItsFeeWithADocumentAndSeesItsVerification() {
        CaseTestData.World w = world("COMMERCIAL_VEHICLE", null);
        String caseId = CaseFixtures.openId(w);
        UUID station = station();
        UUID other = station();
        LocalDate today = TestClock.today();

        // The rate card: 80/h, 2/km, 150/day from a month ago; dearer rates from next week do not price today's lines.
        as("AFTER_SALES_MANAGER").header("If-None-Match", "*").body(CaseBodies.rateCard(today.minusDays(30), "80.00", "2.00", "150.00"))
                .put("/api/v1/customers/" + station + "/rate-card").then().statusCode(200).header("ETag", "\"0\"")
                .body("current.labourRateCny", equalTo("80.00"));
        as("AFTER_SALES_MANAGER").header("If-Match", "\"0\"").body(CaseBodies.rateCard(today.plusDays(7), "120.00", "3.00", "200.00"))
                .put("/api/v1/customers/" + station + "/rate-card").then().statusCode(200).header("ETag", "\"1\"")
                .body("history", hasSize(2)).body("current.validFrom", equalTo(today.minusDays(30).toString()));
        asStation(station).get("/api/v1/customers/" + station + "/rate-card").then().statusCode(200)
                .body("current.travelPerDayCny", equalTo("150.00"))
                // Which staff accounts recorded the rates is internal.
                .body("history.recordedBy", everyItem(nullValue()));
        as("AFTER_SALES_MANAGER").get("/api/v1/customers/" + station + "/rate-card").then()
                .body("current.recordedBy", equalTo(Api.subject("AFTER_SALES_MANAGER")));
        asStation(other).get("/api/v1/customers/" + station + "/rate-card").then().statusCode(404);

        String visitId = assignedVisit(caseId, station);

        // The station sees its visit: case number, customer, site, units; no trip, no internal fields.
        asStation(station).get("/api/v1/station/visits").then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].id", equalTo(visitId));
        asStation(station).get("/api/v1/station/visits/" + visitId).then().statusCode(200)
                .body("caseId", equalTo(caseId)).body("caseNo", not(nullValue()))
                .body("customerName", not(nullValue())).body("site", equalTo("郑州宇通停车场"))
                .body("units[0].serialNo", equalTo(w.serial()))
                .body("$", not(hasKey("travelRequired"))).body("$", not(hasKey("createdBy")))
                .body("$", not(hasKey("travelComment")));

        String doc = document(station, visitId);
        // The station's documents are the evidence of its fees to the company: staff see them, the case's customer not.
        as("AFTER_SALES_MANAGER").get("/api/v1/cases/" + caseId + "/attachments").then().statusCode(200)
                .body("items.id", hasItem(doc));
        asCustomer(UUID.fromString(w.customerId())).get("/api/v1/cases/" + caseId + "/attachments").then().statusCode(200)
                .body("items.id", not(hasItem(doc)));
        asCustomer(UUID.fromString(w.customerId())).get("/api/v1/cases/" + caseId + "/attachments/" + doc).then().statusCode(404);

        // 5 h at 80/h is 400.00 on the card: 500.00 is above it.
        String above = asStation(station).body(CaseBodies.stationFee("LABOUR", "500.00", today).labourHours("5")
                        .document(doc).json())
                .post("/api/v1/station/visits/" + visitId + "/fees").then().statusCode(201)
                .body("status", equalTo("SUBMITTED")).body("amountCny", equalTo("500.00"))
                .body("documents[0]", equalTo(doc))
                .body("$", not(hasKey("rateCardCny"))).body("$", not(hasKey("billedTo"))).extract().path("id");
        // 100 km at 2 + 1 day at 150 is 350.00: 300.00 is within it.
        String within = asStation(station).body(CaseBodies.stationFee("TRAVEL", "300.00", today).travelKm("100").travelDays("1").json())
                .post("/api/v1/station/visits/" + visitId + "/fees").then().statusCode(201).extract().path("id");

        // The after-sales manager sees the flag and the card's figure, and can list the flagged lines only.
        as("AFTER_SALES_MANAGER").get("/api/v1/cases/" + caseId + "/costs").then().statusCode(200).body("items", hasSize(2));
        as("AFTER_SALES_MANAGER").get("/api/v1/cases/" + caseId + "/costs?flagged=true").then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].id", equalTo(above))
                .body("items[0].rateCardExceeded", equalTo(true)).body("items[0].rateCardCny", equalTo("400.00"))
                .body("items[0].noRateCard", equalTo(false)).body("items[0].stationId", equalTo(station.toString()))
                .body("items[0].visitId", equalTo(visitId)).body("items[0].billedTo", equalTo("COMPANY"));

        // The manager's verification, which the station then sees (a rejection with its comment).
        as("AFTER_SALES_MANAGER").header("If-Match", "\"0\"").body(JsonBody.of("decision", "VERIFY", "comment", "已核实"))
                .post("/api/v1/cases/" + caseId + "/costs/" + above + "/verification").then().statusCode(200)
                .body("status", equalTo("VERIFIED"));
        as("AFTER_SALES_MANAGER").header("If-Match", "\"0\"").body(JsonBody.of("decision", "REJECT", "comment", "里程不符"))
                .post("/api/v1/cases/" + caseId + "/costs/" + within + "/verification").then().statusCode(200);
        Response fees = asStation(station).get("/api/v1/station/visits/" + visitId + "/fees").then().statusCode(200)
                .body("items", hasSize(2)).extract().response();
        Map<String, String> status = Map.of(fees.path("items[0].id"), fees.path("items[0].status"),
                fees.path("items[1].id"), fees.path("items[1].status"));
        assertThat(status).containsEntry(above, "VERIFIED").containsEntry(within, "REJECTED");
        assertThat(fees.asString()).contains("里程不符").doesNotContain(Api.subject("AFTER_SALES_MANAGER"));

        // A visit its station has billed stays with it: neither given to another station nor taken back.
        String visitTag = as("AFTER_SALES_MANAGER").get("/api/v1/cases/" + caseId + "/visits/" + visitId).then()
                .extract().header("ETag");
        for (Object to : java.util.Arrays.asList(other, null)) {
            as("AFTER_SALES_MANAGER").header("If-Match", visitTag).body("{\"stationId\": " + (to == null ? "null" : "\"" + to + "\"") + "}")
                    .post("/api/v1/cases/" + caseId + "/visits/" + visitId + "/station-assignment").then().statusCode(409)
                    .body("type", equalTo("urn:problem:aftersales:visit_has_station_fees"));
        }
        asStation(station).get("/api/v1/station/visits/" + visitId + "/fees").then().statusCode(200).body("items", hasSize(2));

        // A station without a card: its lines are flagged noRateCard.
        String otherVisit = assignedVisit(caseId, other);
        asStation(other).body(CaseBodies.stationFee("SERVICE_STATION_FEE", "90.00", today).labourHours("1").json())
                .post("/api/v1/station/visits/" + otherVisit + "/fees").then().statusCode(201);
        as("AFTER_SALES_MANAGER").get("/api/v1/cases/" + caseId + "/costs?flagged=true").then().statusCode(200)
                .body("items", hasSize(2)).body("items.find { it.stationId == '" + other + "' }.noRateCard", equalTo(true));
    }

    @Test
    void aStationReachesOnlyItsOwnVisitsAndNoStaffEndpoint() {
        CaseTestData.World w = world("COMMERCIAL_VEHICLE", null);
        String caseId = CaseFixtures.openId(w);
        UUID station = station();
        UUID other = station();
        String visitId = assignedVisit(caseId, station);
        String doc = document(station, visitId);
        LocalDate today = TestClock.today();
        String unassigned = as("REPAIR").body(visit("ON_SITE_REPAIR", LocalDate.of(2025, 6, 5), "车间").technician("李工").json())
                .post("/api/v1/cases/" + caseId + "/visits").then().statusCode(201).extract().path("id");
        int lines = Sql.count("select count(*) from case_cost where case_id = ?1", UUID.fromString(caseId));

        // Another station's visit, and a visit of no station, do not exist for it: read, submit, attach.
        for (String v : List.of(visitId, unassigned)) {
            asStation(other).get("/api/v1/station/visits/" + v).then().statusCode(404).contentType("application/problem+json");
            asStation(other).get("/api/v1/station/visits/" + v + "/fees").then().statusCode(404);
            asStation(other).body(CaseBodies.stationFee("LABOUR", "100.00", today).labourHours("1").json())
                    .post("/api/v1/station/visits/" + v + "/fees").then().statusCode(404);
            asStation(other).body(attachment("a.pdf", "application/pdf", 10))
                    .post("/api/v1/station/visits/" + v + "/attachments").then().statusCode(404);
        }
        asStation(other).post("/api/v1/station/visits/" + visitId + "/attachments/" + doc + "/confirmation").then().statusCode(404);
        asStation(other).get("/api/v1/station/visits").then().statusCode(200).body("items", hasSize(0));

        // A station token without its claim sees nothing; one that also holds ADMIN is still a station token.
        RestAssured.given().auth().oauth2(Api.jwt("station-noclaim").groups(Set.of("SERVICE_STATION")).sign())
                .get("/api/v1/station/visits").then().statusCode(403)
                .body("type", equalTo("urn:problem:aftersales:station_claim_missing"));
        String mixed = Api.jwt("station-admin").groups(Set.of("SERVICE_STATION", "ADMIN", "CUSTOMER"))
                .claim("station_id", station.toString()).claim("customer_id", w.customerId()).sign();
        RestAssured.given().auth().oauth2(mixed).get("/api/v1/station/visits").then().statusCode(200).body("items", hasSize(1));
        for (String staffOnly : List.of("/api/v1/cases", "/api/v1/cases/" + caseId, "/api/v1/units/" + w.serial(),
                "/api/v1/cases/" + caseId + "/costs", "/api/v1/cases/" + caseId + "/visits/" + visitId,
                "/api/v1/customers/" + w.customerId())) {
            RestAssured.given().auth().oauth2(mixed).get(staffOnly).then().statusCode(403);
            asStation(station).get(staffOnly).then().statusCode(403);
        }
        asStation(station).body(cost("LABOUR", "100").json()).post("/api/v1/cases/" + caseId + "/costs").then().statusCode(403);
        // Staff do not use the station's endpoints.
        as("ADMIN").get("/api/v1/station/visits").then().statusCode(403);

        // Bad amounts, missing or foreign quantities, documents not of the visit: 422 naming the field.
        for (String bad : List.of("1.001", "-1", "0")) {
            asStation(station).body(CaseBodies.stationFee("LABOUR", bad, today).labourHours("1").json())
                    .post("/api/v1/station/visits/" + visitId + "/fees").then().statusCode(422)
                    .body("errors[0].field", equalTo("amountCny"));
        }
        asStation(station).body(CaseBodies.stationFee("LABOUR", "100.00", today).json())
                .post("/api/v1/station/visits/" + visitId + "/fees").then().statusCode(422)
                .body("errors[0].field", equalTo("labourHours"));
        asStation(station).body(CaseBodies.stationFee("PARTS", "100.00", today).travelKm("3").json())
                .post("/api/v1/station/visits/" + visitId + "/fees").then().statusCode(422)
                .body("errors[0].field", equalTo("travelKm"));
        asStation(station).body(CaseBodies.stationFee("FREIGHT", "100.00", today).json())
                .post("/api/v1/station/visits/" + visitId + "/fees").then().statusCode(422)
                .body("errors[0].field", equalTo("category"));
        asStation(station).body(CaseBodies.stationFee("LABOUR", "100.00", today).labourHours("1").document(UUID.randomUUID().toString()).json())
                .post("/api/v1/station/visits/" + visitId + "/fees").then().statusCode(422)
                .body("errors[0].field", equalTo("documents"));
        assertThat(Sql.count("select count(*) from case_cost where case_id = ?1", UUID.fromString(caseId))).isEqualTo(lines);

        // Only a customer of type SERVICE_STATION takes a visit or a rate card.
        Response planned = as("REPAIR").get("/api/v1/cases/" + caseId + "/visits/" + unassigned).then().extract().response();
        as("AFTER_SALES_MANAGER").header("If-Match", planned.header("ETag")).body(JsonBody.of("stationId", w.customerId()))
                .post("/api/v1/cases/" + caseId + "/visits/" + unassigned + "/station-assignment")
                .then().statusCode(422).body("errors[0].field", equalTo("stationId"));
        as("AFTER_SALES_MANAGER").header("If-None-Match", "*").body(CaseBodies.rateCard(today, "80.00", "2.00", "150.00"))
                .put("/api/v1/customers/" + w.customerId() + "/rate-card").then().statusCode(409);
        as("AFTER_SALES_MANAGER").header("If-None-Match", "*").body(CaseBodies.rateCard(today, "80.001", "2.00", "150.00"))
                .put("/api/v1/customers/" + station + "/rate-card").then().statusCode(422)
                .body("errors[0].field", equalTo("labourRateCny"));
    }

    @Test
    void aStationFeeIsAcceptedUpToTheWindowAfterTheCaseClosed() {
        CaseTestData.World w = world("COMMERCIAL_VEHICLE", null);
        String caseId = CaseFixtures.openId(w);
        UUID station = station();
        String visitId = assignedVisit(caseId, station);
        LocalDate workedOn = TestClock.today();
        int v = CaseGatesTest.resolved(caseId);
        CaseGatesTest.close("AFTER_SALES_MANAGER", caseId, v, "en").then().statusCode(200).body("status", equalTo("CLOSED"));

        // Staff lines stay refused on a closed case.
        as("REPAIR").body(cost("LABOUR", "100").json()).post("/api/v1/cases/" + caseId + "/costs").then().statusCode(409)
                .body("type", equalTo("urn:problem:aftersales:cost_case_finished"));

        TestClock.advance(Duration.ofDays(59));
        asStation(station).body(CaseBodies.stationFee("LABOUR", "100.00", workedOn).labourHours("1").json())
                .post("/api/v1/station/visits/" + visitId + "/fees").then().statusCode(201)
                .body("status", equalTo("SUBMITTED"));

        TestClock.advance(Duration.ofDays(2));
        asStation(station).body(CaseBodies.stationFee("LABOUR", "120.00", workedOn).labourHours("1").json())
                .post("/api/v1/station/visits/" + visitId + "/fees").then().statusCode(409)
                .body("type", equalTo("urn:problem:aftersales:cost_case_finished"));
        assertThat(Sql.count("select count(*) from case_cost where case_id = ?1", UUID.fromString(caseId))).isEqualTo(1);
    }
}
