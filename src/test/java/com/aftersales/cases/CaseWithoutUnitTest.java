package com.aftersales.cases;

import com.aftersales.support.Api;
import com.aftersales.support.CaseBodies;
import com.aftersales.support.Sql;
import com.aftersales.support.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.aftersales.cases.CaseFixtures.world;
import static com.aftersales.support.Api.as;
import static com.aftersales.support.Api.asCustomer;
import static com.aftersales.support.CaseBodies.completion;
import static com.aftersales.support.CaseBodies.cost;
import static com.aftersales.support.CaseBodies.decision;
import static com.aftersales.support.CaseBodies.visit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

/**
 * Cases that name no unit — a complaint or grievance about the service itself — and service requests (delivery service,
 * training, technical exchange, commissioning) that are no fault: how they are opened, routed, refused, costed and
 * counted.
 */
@QuarkusTest
class CaseWithoutUnitTest {

    /** A complaint about service by phone, dated yesterday, with no unit. */
    static CaseBodies.OpenCase aboutService(String customerId) {
        return CaseBodies.open(customerId).type("COMPLAINT").failureDate(TestClock.today().minusDays(1))
                .title("服务人员态度差").description("上门服务人员迟到三小时且未说明原因，客户要求道歉。");
    }

    /** A commissioning request for a customer, without failure date; add units with {@link CaseBodies.OpenCase#unit}. */
    static CaseBodies.OpenCase commissioning(String customerId) {
        return CaseBodies.open(customerId).type("SERVICE").purpose("COMMISSIONING").failureDate(null)
                .title("新车电驱系统调试").description("客户新到车辆，需现场调试电驱系统并培训司机。").severity("MEDIUM");
    }

    /** The first sheet's label → text pairs (first and second column). */
    static Map<String, String> labels(byte[] xlsx) {
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
            Map<String, String> pairs = new java.util.HashMap<>();
            for (Row row : wb.getFirstSheet().read()) {
                if (row.getCellCount() > 1 && row.getCellText(0) != null) {
                    pairs.putIfAbsent(row.getCellText(0), row.getCellText(1));
                }
            }
            return pairs;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static int casesOf(String customerId) {
        return Sql.count("select count(*) from service_case where customer_id = cast(?1 as uuid)", customerId);
    }

    @Test
    void aComplaintAboutServiceNeedsNoUnitAndIsRoutedByTheCustomersProductLineOrTheDefaultOwner() {
        // The customer's units are passenger cars: the complaint is routed as one of theirs (to the sales manager).
        CaseTestData.World w = world("PASSENGER_CAR", null);
        String id = as("SALES").body(aboutService(w.customerId()).json()).post("/api/v1/cases").then().statusCode(201)
                .body("caseNo", startsWith("KS-")).body("type", equalTo("COMPLAINT"))
                .body("units.size()", equalTo(0)).body("productLine", equalTo("PASSENGER_CAR"))
                .body("ownerRole", equalTo("SALES_MANAGER")).body("purpose", nullValue())
                .extract().path("id");
        String caseNo = as("SALES").get("/api/v1/cases/" + id).then().statusCode(200).extract().path("caseNo");
        // A complaint is handed to quality and product management, with or without a unit.
        assertThat(Sql.text("select string_agg(recipient_role, ',' order by recipient_role) from notice "
                + "where kind = 'CASE_OPENED' and payload ->> 'caseNo' = ?1", caseNo)).isEqualTo("PRODUCT_MANAGER,QUALITY_ENGINEER");
        as("QUALITY_ENGINEER").queryParam("limit", "200").get("/api/v1/me/notifications").then().statusCode(200)
                .body("items.find { it.subject.contains('" + caseNo + "') }.body", containsString("服务人员态度差"));

        // The product line given wins over the customer's units.
        as("SALES").body(aboutService(w.customerId()).productLine("COMMERCIAL_VEHICLE").json())
                .post("/api/v1/cases").then().statusCode(201)
                .body("productLine", equalTo("COMMERCIAL_VEHICLE")).body("ownerRole", equalTo("AFTER_SALES_MANAGER"));

        // A customer without any unit: no product line, the default owner (aftersales.cases.default-owner-role).
        String bare = Api.newCustomer(Api.unique("bare"));
        as("SALES").body(aboutService(bare).type("GRIEVANCE").json()).post("/api/v1/cases").then().statusCode(201)
                .body("productLine", nullValue()).body("ownerRole", equalTo("AFTER_SALES_MANAGER"))
                .body("units.size()", equalTo(0));

        // A customer account records its own, not another's.
        asCustomer(UUID.fromString(w.customerId())).body(aboutService(w.customerId()).json()).post("/api/v1/cases")
                .then().statusCode(201).body("units.size()", equalTo(0));
        asCustomer(UUID.fromString(w.customerId())).body(aboutService(bare).json()).post("/api/v1/cases")
                .then().statusCode(404);
    }

    @Test
    void claimsReturnsAndRepairsStillNeedAUnitAndAStatedLineMustBeTheUnitsOwn() {
        CaseTestData.World w = world("COMMERCIAL_VEHICLE", null);
        int before = casesOf(w.customerId());
        int notices = Sql.count("select count(*) from notice where kind in ('CASE_OPENED', 'CASE_ROUTED')");
        for (String type : List.of("CLAIM", "RETURN_EXCHANGE", "REPAIR")) {
            as("SALES").body(aboutService(w.customerId()).type(type).json()).post("/api/v1/cases").then().statusCode(422)
                    .body("errors[0].field", equalTo("units"))
                    .body("errors[0].message", containsString("至少需要一个产品"));
        }
        as("SALES").header("Accept-Language", "en").body(aboutService(w.customerId()).type("CLAIM").json())
                .post("/api/v1/cases").then().statusCode(422)
                .body("errors[0].message", equalTo("a claim case needs at least one unit"));
        // A complaint on a unit takes the unit's line: another line is refused, naming the unit.
        as("SALES").body(aboutService(w.customerId()).unit(w.serial()).productLine("MICRO_CAR").json())
                .post("/api/v1/cases").then().statusCode(422)
                .body("errors[0].field", equalTo("productLine")).body("errors[0].message", containsString(w.serial()));
        // A complaint needs its date (of the failure, or of the incident with the service) and has no purpose.
        as("SALES").body(aboutService(w.customerId()).failureDate(null).json()).post("/api/v1/cases").then().statusCode(422)
                .body("errors[0].field", equalTo("failureDate"));
        as("SALES").body(aboutService(w.customerId()).purpose("TRAINING").json()).post("/api/v1/cases")
                .then().statusCode(422).body("errors[0].field", equalTo("purpose"));
        assertThat(casesOf(w.customerId())).isEqualTo(before);
        assertThat(Sql.count("select count(*) from notice where kind in ('CASE_OPENED', 'CASE_ROUTED')")).isEqualTo(notices);
    }

    @Test
    void aCaseWithoutUnitsBillsItsCostsToTheCompany() {
        CaseTestData.World w = world("COMMERCIAL_VEHICLE", null);
        String id = as("SALES").body(aboutService(w.customerId()).json()).post("/api/v1/cases").then().statusCode(201)
                .extract().path("id");
        as("SALES").body(cost("TRAVEL", "420.50").serialNo(w.serial()).json()).post("/api/v1/cases/" + id + "/costs")
                .then().statusCode(422).body("errors[0].field", equalTo("serialNo"));
        as("SALES").body(cost("TRAVEL", "420.50").json()).post("/api/v1/cases/" + id + "/costs").then().statusCode(201)
                .body("billedTo", equalTo("COMPANY")).body("serialNo", nullValue()).body("amountCny", equalTo("420.50"));
    }

    @Test
    void aServiceRequestHasAPurposeNoFailureDateAndItsVisitsTravelCostsAndReportWorkAsACasesDo() {
        CaseTestData.World w = world("COMMERCIAL_VEHICLE", null);
        // Refused: no purpose, a failure date, an on-site repair (a fault case's); nothing is stored.
        int before = casesOf(w.customerId());
        as("SALES").body(commissioning(w.customerId()).purpose(null).json()).post("/api/v1/cases")
                .then().statusCode(422).body("errors[0].field", equalTo("purpose"));
        as("SALES").header("Accept-Language", "en").body(commissioning(w.customerId()).failureDate(LocalDate.of(2025, 6, 1)).json())
                .post("/api/v1/cases").then().statusCode(422).body("errors[0].field", equalTo("failureDate"))
                .body("errors[0].message", equalTo("a service request has no failure date"));
        as("SALES").body(commissioning(w.customerId()).purpose("ON_SITE_REPAIR").json()).post("/api/v1/cases")
                .then().statusCode(400).body("errors[0].field", equalTo("purpose"));
        assertThat(casesOf(w.customerId())).isEqualTo(before);

        // Commissioning of a unit: number FW-…, the unit's entitlement frozen on the day it was opened.
        String id = as("SALES").body(commissioning(w.customerId()).unit(w.serial()).json()).post("/api/v1/cases")
                .then().statusCode(201)
                .body("caseNo", startsWith("FW-" + TestClock.today().getYear() + "-"))
                .body("type", equalTo("SERVICE")).body("purpose", equalTo("COMMISSIONING"))
                .body("failureDate", nullValue()).body("ownerRole", equalTo("AFTER_SALES_MANAGER"))
                .body("units[0].serialNo", equalTo(w.serial())).body("units[0].regime", notNullValue())
                .extract().path("id");
        // Training needs no unit at all.
        as("SALES").body(commissioning(w.customerId()).purpose("TRAINING").json()).post("/api/v1/cases")
                .then().statusCode(201).body("units.size()", equalTo(0)).body("productLine", equalTo("COMMERCIAL_VEHICLE"));

        // Its visit: the trip asks the after-sales manager, starts once approved, completes with the work done.
        String visit = as("REPAIR").body(visit("COMMISSIONING", TestClock.today().plusDays(3), "西安整车厂总装车间")
                        .technician("周工").travelRequired(true).json())
                .post("/api/v1/cases/" + id + "/visits").then().statusCode(201)
                .body("travelStatus", equalTo("REQUESTED")).extract().path("id");
        String base = "/api/v1/cases/" + id + "/visits/" + visit;
        assertThat(Sql.count("select count(*) from notice where kind = 'TRAVEL_APPROVAL_REQUESTED' and dedupe_key like ?1",
                "travel-approval:" + visit + "%")).isEqualTo(1);
        as("REPAIR").header("If-Match", "\"0\"").post(base + "/start").then().statusCode(409);
        as("AFTER_SALES_MANAGER").header("If-Match", "\"0\"").body(decision("APPROVE", "同意出差"))
                .post(base + "/travel-approval").then().statusCode(200).body("travelStatus", equalTo("APPROVED"));
        as("REPAIR").header("If-Match", "\"1\"").post(base + "/start").then().statusCode(200);
        as("REPAIR").header("If-Match", "\"2\"").body(completion("完成电驱系统标定与参数下载", "调试完成，整车运行正常").json())
                .post(base + "/completion").then().statusCode(200).body("status", equalTo("COMPLETED"));
        byte[] workbook = as("REPAIR").accept(FieldVisitWorkbook.MEDIA_TYPE).get(base).then().statusCode(200)
                .extract().asByteArray();
        assertThat(labels(workbook)).containsEntry("服务单号", as("SALES").get("/api/v1/cases/" + id).then().extract().path("caseNo"))
                .containsEntry("服务类型", "调试").containsEntry("工作内容", "完成电驱系统标定与参数下载");

        // Its travel cost is a line like any case's, verified by the after-sales manager, billed as the unit's regime.
        String line = as("REPAIR").body(cost("TRAVEL", "1380.00").json()).post("/api/v1/cases/" + id + "/costs")
                .then().statusCode(201).body("serialNo", equalTo(w.serial())).extract().path("id");
        as("AFTER_SALES_MANAGER").header("If-Match", "\"0\"").body(decision("VERIFY"))
                .post("/api/v1/cases/" + id + "/costs/" + line + "/verification").then().statusCode(200)
                .body("status", equalTo("VERIFIED"));
        // The customer sees its service request and the visit.
        asCustomer(UUID.fromString(w.customerId())).get("/api/v1/cases/" + id).then().statusCode(200)
                .body("purpose", equalTo("COMMISSIONING"));
        asCustomer(UUID.fromString(w.customerId())).get("/api/v1/cases/" + id + "/visits").then().statusCode(200)
                .body("items.size()", equalTo(1));
    }

    @Test
    void complaintKpisCountACaseWithoutUnitsAndLeaveServiceRequestsOut() {
        CaseTestData.World w = world("COMMERCIAL_VEHICLE", null);
        as("SALES").body(aboutService(w.customerId()).severity("LOW").json()).post("/api/v1/cases").then().statusCode(201);
        as("SALES").body(commissioning(w.customerId()).unit(w.serial()).json()).post("/api/v1/cases").then().statusCode(201);
        as("SALES").body(commissioning(w.customerId()).purpose("TECHNICAL_EXCHANGE").json()).post("/api/v1/cases")
                .then().statusCode(201);
        // The customer's own figures (one group, ALL).
        JsonPath r = asCustomer(UUID.fromString(w.customerId())).queryParam("from", TestClock.today().minusDays(7).toString())
                .queryParam("to", TestClock.today().toString())
                .get("/api/v1/kpis").then().statusCode(200).extract().jsonPath();
        // The complaint without a unit is one complaint case; the two service requests are none.
        assertThat(r.getList("tables.find { it.key == 'cases' }.rows"))
                .containsExactly(Map.of("group", "ALL", "type", "COMPLAINT", "severity", "LOW", "cases", 1));
        // No per-unit figure moves: the customer's unit is in the field and in no failure case.
        assertThat(r.getList("tables.find { it.key == 'ppm' }.rows"))
                .containsExactly(Map.of("group", "ALL", "failedUnits", 0, "fieldUnits", 1, "ppm", 0.0f));
    }
}
