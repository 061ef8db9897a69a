package com.aftersales.cases;

import com.aftersales.support.Api;
import io.restassured.response.Response;

import static com.aftersales.support.Api.as;

/** Customers, terms, units and cases made through the API for case tests. */
final class CaseFixtures {

    private CaseFixtures() {
    }

    record World(String customerId, String serial) {
    }

    /** A customer with a 24-month / 100,000 km term for the product line and one unit delivered 2025-01-10. */
    static World world(String productLine, String projectCode) {
        String customer = Api.newCustomer(Api.unique("cs"));
        as("SALES").body("""
                        {"productLine":"%s","months":24,"mileageKm":100000,"effectiveFrom":"2020-01-01"}""".formatted(productLine))
                .post("/api/v1/customers/" + customer + "/warranty-terms").then().statusCode(201);
        String serial = unit(customer, productLine, projectCode, "2025-01-10");
        return new World(customer, serial);
    }

    static String unit(String customer, String productLine, String projectCode, String delivered) {
        String serial = Api.unique("CS");
        as("SALES").body("""
                        {"serialNo":"%s","productModel":"TM220","productLine":"%s","customerId":"%s",%s
                         "productionDate":"%s","deliveryDate":"%s"}""".formatted(serial, productLine, customer,
                        projectCode == null ? "" : "\"projectCode\":\"" + projectCode + "\",", delivered, delivered))
                .post("/api/v1/units").then().statusCode(201);
        return serial;
    }

    static String caseJson(String customer, String serial, String failureDate, Integer km, String description) {
        return """
                {"type":"CLAIM","customerId":"%s","units":[{"serialNo":"%s","mileageKm":%s}],
                 "failureDate":"%s","title":"驱动电机异响","description":"%s",
                 "reporter":{"name":"王师傅","phone":"+86 138 0000 0000"},"channel":"PHONE","severity":"HIGH"}"""
                .formatted(customer, serial, km == null ? "null" : km, failureDate, description);
    }

    static Response open(String role, World w, String description) {
        return as(role).body(caseJson(w.customerId(), w.serial(), "2025-06-01", 30000, description)).post("/api/v1/cases");
    }

    static String openId(World w) {
        return open("SALES", w, "车辆行驶中电机有异响，伴随抖动。").then().statusCode(201).extract().path("id");
    }

    /** Moves a case and returns its new ETag version. */
    static int move(String role, String caseId, int version, String to) {
        return Integer.parseInt(as(role).header("If-Match", "\"" + version + "\"")
                .body("{\"to\":\"" + to + "\",\"comment\":\"处理中\"}")
                .post("/api/v1/cases/" + caseId + "/transitions")
                .then().statusCode(200).extract().header("ETag").replace("\"", ""));
    }
}
