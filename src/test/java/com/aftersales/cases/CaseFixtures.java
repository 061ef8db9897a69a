package com.aftersales.cases;

import com.aftersales.support.Api;
import com.aftersales.support.CaseBodies;
import com.aftersales.support.Fixtures;
import com.aftersales.support.UnitBodies;
import com.aftersales.support.WarrantyBodies;
import io.restassured.response.Response;

import java.time.LocalDate;

import static com.aftersales.support.Api.as;

/** Customers, terms, units and cases made through the API for case tests (and, through CaseTestData, for other areas). */
final class CaseFixtures {

    private CaseFixtures() {
    }

    /** A customer with a 24-month / 100,000 km term for the product line and one unit delivered 2025-01-10. */
    static CaseTestData.World world(String productLine, String projectCode) {
        String customer = Api.newCustomer(Api.unique("cs"));
        Fixtures.term(customer, WarrantyBodies.term(productLine).mileageKm(100000));
        return new CaseTestData.World(customer, unit(customer, productLine, projectCode));
    }

    /** A unit delivered 2025-01-10, optionally in a development project. */
    static String unit(String customer, String productLine, String projectCode) {
        return Fixtures.unit(UnitBodies.unit(customer).productLine(productLine).projectCode(projectCode)
                .delivered(LocalDate.of(2025, 1, 10)));
    }

    /** A claim on the world's unit with its mileage, failed 2025-06-01. */
    static CaseBodies.OpenCase claim(CaseTestData.World w, int mileageKm, String description) {
        return CaseBodies.open(w.customerId()).unit(w.serial(), mileageKm).description(description);
    }

    static Response open(String role, CaseTestData.World w, String description) {
        return as(role).body(claim(w, 30000, description).json()).post("/api/v1/cases");
    }

    static String openId(CaseTestData.World w) {
        return open("SALES", w, "车辆行驶中电机有异响，伴随抖动。").then().statusCode(201).extract().path("id");
    }

    /** Moves a case and returns its new ETag version. */
    static int move(String role, String caseId, int version, String to) {
        return Integer.parseInt(as(role).header("If-Match", "\"" + version + "\"")
                .body(CaseBodies.transition(to, "处理中"))
                .post("/api/v1/cases/" + caseId + "/transitions")
                .then().statusCode(200).extract().header("ETag").replace("\"", ""));
    }
}
