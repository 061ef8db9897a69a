package com.aftersales.warranty;

import com.aftersales.support.Api;
import com.aftersales.support.Fixtures;
import com.aftersales.support.UnitBodies;
import com.aftersales.support.WarrantyBodies;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.UUID;

import static com.aftersales.support.Api.as;
import static com.aftersales.support.Api.asCustomer;
import static com.aftersales.support.WarrantyBodies.cancellation;
import static com.aftersales.support.WarrantyBodies.contract;
import static com.aftersales.support.WarrantyBodies.term;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class WarrantyResourceTest {

    static String newUnit(String customerId, String deliveryDate) {
        return Fixtures.unit(UnitBodies.unit(customerId).productModel("MC80").deliveryDate(LocalDate.parse(deliveryDate)));
    }

    @Test
    void aMissingTermNamesTheProductLineInTheReadersLanguage() {
        String customer = Api.newCustomer(Api.unique("w"));
        String serial = newUnit(customer, "2024-01-15");
        String zh = as("SALES").header("Accept-Language", "zh-CN").queryParam("date", "2025-06-01")
                .get("/api/v1/units/" + serial + "/entitlement").then().statusCode(200)
                .body("reasons.code", org.hamcrest.Matchers.hasItem("no_term")).extract().path("reason");
        org.assertj.core.api.Assertions.assertThat(zh).contains("商用车").doesNotContain("COMMERCIAL_VEHICLE")
                .doesNotContain("commercial");
        String en = as("SALES").header("Accept-Language", "en").queryParam("date", "2025-06-01")
                .get("/api/v1/units/" + serial + "/entitlement").then().statusCode(200).extract().path("reason");
        org.assertj.core.api.Assertions.assertThat(en).contains("commercial vehicles").doesNotContain("COMMERCIAL_VEHICLE")
                .doesNotContainPattern("\\p{IsHan}");
    }

    @Test
    void entitlementFollowsTermsAndContractsOverHttp() {
        String customer = Api.newCustomer(Api.unique("w"));
        Fixtures.term(customer, term("COMMERCIAL_VEHICLE").mileageKm(100000));
        String serial = newUnit(customer, "2024-01-15");

        as("SALES").queryParam("date", "2026-01-14").queryParam("mileageKm", 60000)
                .get("/api/v1/units/" + serial + "/entitlement")
                .then().statusCode(200)
                .body("regime", equalTo("FREE_WARRANTY"))
                .body("validUntil", equalTo("2026-01-14"))
                .body("remainingMileageKm", equalTo(40000))
                .body("decidedBy.kind", equalTo("WARRANTY_TERM"))
                .body("reason", containsString("包修期内"));
        as("SALES").header("Accept-Language", "en").queryParam("date", "2025-06-01").queryParam("mileageKm", 100001)
                .get("/api/v1/units/" + serial + "/entitlement")
                .then().statusCode(200)
                .body("regime", equalTo("CHARGEABLE"))
                .body("reason", containsString("over the warranty limit"))
                .body("validUntil", nullValue());

        as("SALES").body(contract("bx-" + serial, LocalDate.of(2026, 2, 1), LocalDate.of(2028, 1, 31), "12800.5")
                        .coverage("整机保修，含上门服务").json())
                .post("/api/v1/units/" + serial + "/service-contracts")
                .then().statusCode(201).body("feeCny", equalTo("12800.50")).body("signedBy", equalTo("test-sales"))
                .body("contractNo", equalTo("BX-" + serial));
        as("QUALITY_ENGINEER").queryParam("date", "2026-01-20").get("/api/v1/units/" + serial + "/entitlement")
                .then().body("regime", equalTo("CHARGEABLE")).body("validUntil", equalTo("2026-01-31"));
        as("QUALITY_ENGINEER").queryParam("date", "2026-02-01").get("/api/v1/units/" + serial + "/entitlement")
                .then().body("regime", equalTo("SERVICE_CONTRACT")).body("validUntil", equalTo("2028-01-31"))
                .body("decidedBy.reference", equalTo("BX-" + serial));
    }

    @Test
    void aNewTermEndsTheOpenTermBeforeItAndOverlapsAreRefused() {
        String customer = Api.newCustomer(Api.unique("w"));
        String first = Fixtures.term(customer, term("COMMERCIAL_VEHICLE"));
        Fixtures.term(customer, term("COMMERCIAL_VEHICLE").months(36).effectiveFrom(LocalDate.of(2025, 1, 1)));
        as("SALES").get("/api/v1/customers/" + customer + "/warranty-terms/" + first)
                .then().body("effectiveTo", equalTo("2024-12-31")).header("ETag", "\"1\"");
        as("SALES").body(term("COMMERCIAL_VEHICLE").months(12).effectiveFrom(LocalDate.of(2024, 6, 1))
                        .effectiveTo(LocalDate.of(2024, 7, 1)).json())
                .post("/api/v1/customers/" + customer + "/warranty-terms")
                .then().statusCode(409).body("conflictingTermId", equalTo(first));
        // Units keep the term in force on their delivery date.
        String old = newUnit(customer, "2024-03-01");
        String recent = newUnit(customer, "2025-03-01");
        as("SALES").queryParam("date", "2026-06-01").get("/api/v1/units/" + old + "/entitlement")
                .then().body("regime", equalTo("CHARGEABLE")).body("warrantyEnd", equalTo("2026-02-28"));
        as("SALES").queryParam("date", "2026-06-01").get("/api/v1/units/" + recent + "/entitlement")
                .then().body("regime", equalTo("FREE_WARRANTY")).body("warrantyEnd", equalTo("2028-02-29"));
        as("SALES").body(term("COMMERCIAL_VEHICLE").months(null).effectiveFrom(LocalDate.of(2030, 1, 1)).json())
                .post("/api/v1/customers/" + customer + "/warranty-terms")
                .then().statusCode(422).body("errors[0].field", equalTo("months"));
    }

    @Test
    void onlySalesSignContractsAndFeesAreExactToTheFen() {
        String customer = Api.newCustomer(Api.unique("w"));
        String serial = newUnit(customer, "2024-01-15");
        WarrantyBodies.Contract contract = contract("C-" + serial, LocalDate.of(2026, 1, 15), LocalDate.of(2027, 1, 14), "100.001")
                .coverage("c");
        as("QUALITY_ENGINEER").body(contract.json()).post("/api/v1/units/" + serial + "/service-contracts").then().statusCode(403);
        as("SALES").body(contract.json()).post("/api/v1/units/" + serial + "/service-contracts")
                .then().statusCode(422).body("errors[0].field", equalTo("feeCny"));
        contract.feeCny("100.01");
        String id = as("SALES").body(contract.json()).post("/api/v1/units/" + serial + "/service-contracts")
                .then().statusCode(201).extract().path("id");
        as("SALES").body(contract.contractNo("D-" + serial).json()).post("/api/v1/units/" + serial + "/service-contracts")
                .then().statusCode(409).body("type", equalTo("urn:problem:aftersales:contract_overlap"));
        as("SALES").header("If-Match", "\"0\"").body(cancellation("客户退车"))
                .post("/api/v1/units/" + serial + "/service-contracts/" + id + "/cancellation")
                .then().statusCode(200).body("status", equalTo("CANCELLED"));
        as("SALES").queryParam("date", "2026-06-01").get("/api/v1/units/" + serial + "/entitlement")
                .then().body("regime", equalTo("CHARGEABLE"));
    }

    @Test
    void customersReadTheirOwnTermsOnly() {
        String mine = Api.newCustomer(Api.unique("w"));
        String other = Api.newCustomer(Api.unique("w"));
        Fixtures.term(other, term("SYSTEM").months(12));
        asCustomer(UUID.fromString(mine)).get("/api/v1/customers/" + mine + "/warranty-terms").then().statusCode(200);
        asCustomer(UUID.fromString(mine)).get("/api/v1/customers/" + other + "/warranty-terms").then().statusCode(404);
        asCustomer(UUID.fromString(mine)).body(term("SYSTEM").months(120).json())
                .post("/api/v1/customers/" + mine + "/warranty-terms").then().statusCode(403);
    }

    @Test
    void badQueryParametersAre400() {
        String customer = Api.newCustomer(Api.unique("w"));
        String serial = newUnit(customer, "2024-01-15");
        as("SALES").queryParam("date", "2026-02-30").get("/api/v1/units/" + serial + "/entitlement")
                .then().statusCode(400).body("errors[0].field", equalTo("date"));
        as("SALES").queryParam("mileageKm", "-5").get("/api/v1/units/" + serial + "/entitlement")
                .then().statusCode(400).body("errors[0].field", equalTo("mileageKm"));
        as("SALES").queryParam("mileageKm", "lots").get("/api/v1/units/" + serial + "/entitlement")
                .then().statusCode(400);
    }
}
