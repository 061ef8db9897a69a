package com.aftersales.packaged;

import com.aftersales.support.Api;
import com.aftersales.support.CaseBodies;
import com.aftersales.support.CustomerBodies;
import com.aftersales.support.Fixtures;
import com.aftersales.support.UnitBodies;
import com.aftersales.support.WarrantyBodies;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.UUID;

import static com.aftersales.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

/**
 * End-to-end flows through HTTP only (no CDI, no direct SQL), so that they run unchanged against the function in the
 * test JVM ({@link EndToEndTest}), the packaged JVM function ({@link PackagedJvmFunctionIT}) and the packaged native
 * function ({@link PackagedFunctionIT}), always through the Lambda event path.
 */
abstract class EndToEndFlows {

    /** A customer's unit delivered on 2025-01-10 under a 24-month term of its product line. */
    static String unit(String customer, String productLine, String model) {
        Fixtures.term(customer, WarrantyBodies.term(productLine));
        return Fixtures.unit(UnitBodies.unit(customer).productModel(model).productLine(productLine)
                .productionDate(LocalDate.of(2025, 1, 1)).deliveryDate(LocalDate.of(2025, 1, 10)));
    }

    @Test
    void aUnitIsRegisteredAndItsEntitlementDecided() {
        Api.anonymous().get("/api/v1/customers").then().statusCode(401).contentType("application/problem+json");
        String customer = Api.newCustomer(Api.unique("e2e"));
        String serial = unit(customer, "MICRO_CAR", "MC80");
        as("SALES").queryParam("date", "2025-06-01").get("/api/v1/units/" + serial + "/entitlement").then().statusCode(200)
                .body("regime", equalTo("FREE_WARRANTY"));
        as("SALES").queryParam("date", "2027-06-01").get("/api/v1/units/" + serial + "/entitlement").then().statusCode(200)
                .body("regime", equalTo("CHARGEABLE"));
        as("SALES").header("Accept-Language", "en").body(CustomerBodies.customer("").name("x").json())
                .post("/api/v1/customers").then().statusCode(422).contentType("application/problem+json")
                .body("errors[0].field", equalTo("code"));
        // The application's own constraint messages, in the caller's language: their bundles must be in the package
        // (a native image keeps only the resource bundles it was told about).
        as("SALES").header("Accept-Language", "zh-CN").body(CustomerBodies.customer("!").name("x").json())
                .post("/api/v1/customers").then().statusCode(422)
                .body("errors.find { it.field == 'code' }.message", equalTo("客户代码应为 2–32 位字母、数字、_ 或 -"));
        as("SALES").header("Accept-Language", "en").body(CustomerBodies.customer("!").name("x").json())
                .post("/api/v1/customers").then().statusCode(422)
                .body("errors.find { it.field == 'code' }.message", equalTo("a customer code has 2 to 32 letters, digits, _ or -"));
    }

    @Test
    void aCaseIsOpenedRoutedAnsweredAndItsOwnerToldAndTheCustomerSeesOnlyItsOwn() {
        String customer = Api.newCustomer(Api.unique("e2e"));
        String serial = unit(customer, "COMMERCIAL_VEHICLE", "TM220");
        String id = Api.asCustomer(UUID.fromString(customer)).header("Idempotency-Key", UUID.randomUUID().toString())
                .body(CaseBodies.open(customer).unit(serial, 20000).description("车辆行驶中电机有异响").reporter("王师傅", null).channel("PORTAL")
                        .json())
                .post("/api/v1/cases").then().statusCode(201).body("units[0].regime", equalTo("FREE_WARRANTY"))
                .extract().path("id");
        String owner = as("SALES").get("/api/v1/cases/" + id).then().statusCode(200).extract().path("ownerRole");
        String caseNo = as("SALES").get("/api/v1/cases/" + id).then().extract().path("caseNo");
        as(owner).queryParam("limit", "200").get("/api/v1/me/notifications").then().statusCode(200)
                .body("items.subject", hasItem(org.hamcrest.Matchers.startsWith("新客诉单：" + caseNo)));
        as("AFTER_SALES_MANAGER").header("If-Match", "\"0\"").body(CaseBodies.transition("ACKNOWLEDGED"))
                .post("/api/v1/cases/" + id + "/transitions").then().statusCode(200).header("ETag", "\"1\"");
        as("AFTER_SALES_MANAGER").header("If-Match", "\"0\"").body(CaseBodies.transition("INVESTIGATING"))
                .post("/api/v1/cases/" + id + "/transitions").then().statusCode(412);
        Api.asCustomer(UUID.fromString(customer)).get("/api/v1/cases/" + id).then().statusCode(200)
                .body("status", equalTo("ACKNOWLEDGED"));
        Api.asCustomer(UUID.fromString(Api.newCustomer(Api.unique("e2o")))).get("/api/v1/cases/" + id).then().statusCode(404);
    }

    @Test
    void kpisAreAnsweredAndAnAdminRunsAJob() {
        as("QUALITY_ENGINEER").queryParam("from", "2025-01-01").queryParam("to", "2025-12-31").queryParam("groupBy", "month")
                .get("/api/v1/kpis").then().statusCode(200).body("tables.key", hasItem("ppm"))
                .body("tables.find { it.key == 'ppm' }.rows.size()", equalTo(12));
        // The API function runs a job only for ADMIN; the schedules invoke the jobs function (PackagedJvmFunctionIT).
        as("ADMIN").post("/api/v1/admin/jobs/sla-breach/runs").then().statusCode(200).body("outcome", equalTo("OK"));
        as("QUALITY_ENGINEER").post("/api/v1/admin/jobs/sla-breach/runs").then().statusCode(403);
        as("ADMIN").queryParam("job", "sla-breach").get("/api/v1/admin/jobs/runs").then().statusCode(200)
                .body("trigger", hasItem("ADMIN")).body("[0].finishedAt", notNullValue());
    }
}
