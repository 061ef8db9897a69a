package com.aftersales.warranty;

import com.aftersales.support.Api;
import com.aftersales.support.CaseBodies;
import com.aftersales.support.Fixtures;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.aftersales.support.Api.as;
import static com.aftersales.support.Api.asCustomer;
import static com.aftersales.support.WarrantyBodies.cancellation;
import static com.aftersales.support.WarrantyBodies.contract;
import static com.aftersales.support.WarrantyBodies.term;
import static com.aftersales.warranty.WarrantyResourceTest.newUnit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

/**
 * The entitlement facts come from one statement (terms and contracts aggregated per unit): each unit must get exactly
 * its customer's terms for its product line and exactly its own contracts, with their status, and decide as before.
 */
@QuarkusTest
class EntitlementFactsTest {

    @Inject
    Entitlements entitlements;

    @Test
    void eachUnitGetsItsOwnTermsAndContractsAndDecidesAsThePolicySays() {
        String customer = Api.newCustomer(Api.unique("ef"));
        String other = Api.newCustomer(Api.unique("ef"));
        // Two terms in time for the line (the second ends the first on 2024-12-31), one for another line, and a generous
        // term of another customer for the same line: only the first two may reach this customer's units.
        String first = Fixtures.term(customer, term("COMMERCIAL_VEHICLE").months(24).mileageKm(100000));
        String second = Fixtures.term(customer, term("COMMERCIAL_VEHICLE").months(36).effectiveFrom(LocalDate.of(2025, 1, 1)));
        Fixtures.term(customer, term("PASSENGER_CAR").months(120));
        Fixtures.term(other, term("COMMERCIAL_VEHICLE").months(120));
        String old = newUnit(customer, "2024-03-01");
        String recent = newUnit(customer, "2025-03-01");
        String foreign = newUnit(other, "2024-03-01");
        // Three contracts on the old unit: one active, then one cancelled and an active one for the same later period.
        sign(old, "Z-" + old, "2026-03-01", "2027-02-28");
        String cancelled = sign(old, "X-" + old, "2027-03-01", "2028-02-29");
        as("SALES").header("If-Match", "\"0\"").body(cancellation("客户退车"))
                .post("/api/v1/units/" + old + "/service-contracts/" + cancelled + "/cancellation").then().statusCode(200);
        sign(old, "Y-" + old, "2027-03-01", "2028-02-29");
        sign(foreign, "F-" + foreign, "2026-03-01", "2030-02-28");

        Map<String, Entitlements.Facts> facts = QuarkusTransaction.requiringNew()
                .call(() -> entitlements.facts(List.of(old, recent, foreign, "NO-SUCH-UNIT")));
        assertThat(facts).containsOnlyKeys(old, recent, foreign);
        assertThat(facts.get(old).customerId()).isEqualTo(UUID.fromString(customer));
        assertThat(facts.get(old).unit().deliveryDate()).isEqualTo(LocalDate.of(2024, 3, 1));
        assertThat(facts.get(old).terms()).extracting(t -> t.id().toString()).containsExactly(first, second);
        assertThat(facts.get(old).terms().get(0).effectiveTo()).isEqualTo(LocalDate.of(2024, 12, 31));
        assertThat(facts.get(old).terms().get(0).mileageKm()).isEqualTo(100000);
        assertThat(facts.get(old).terms().get(1).mileageKm()).isNull();
        assertThat(facts.get(old).terms().get(1).basis()).isEqualTo(StartBasis.DELIVERY);
        assertThat(facts.get(recent).terms()).isEqualTo(facts.get(old).terms());
        assertThat(facts.get(old).contracts()).extracting(EntitlementPolicy.Contract::contractNo, EntitlementPolicy.Contract::active)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Z-" + old, true),
                        org.assertj.core.groups.Tuple.tuple("X-" + old, false),
                        org.assertj.core.groups.Tuple.tuple("Y-" + old, true));
        assertThat(facts.get(recent).contracts()).isEmpty();
        assertThat(facts.get(foreign).terms()).extracting(EntitlementPolicy.Term::months).containsExactly(120);
        assertThat(facts.get(foreign).contracts()).extracting(EntitlementPolicy.Contract::contractNo).containsExactly("F-" + foreign);

        // The first term (24 months, 100,000 km) decides the old unit; its next contract follows.
        entitlement(old, "2026-02-28", 100001).body("regime", equalTo("CHARGEABLE")).body("validUntil", equalTo("2026-02-28"))
                .body("reasons.code", contains("mileage_exceeded", "next_contract"));
        entitlement(old, "2026-02-28", 100000).body("regime", equalTo("FREE_WARRANTY"))
                .body("decidedBy.id", equalTo(first)).body("remainingMileageKm", equalTo(0));
        entitlement(old, "2026-03-01", null).body("regime", equalTo("SERVICE_CONTRACT"))
                .body("decidedBy.reference", equalTo("Z-" + old)).body("validUntil", equalTo("2027-02-28"));
        // The cancelled contract never decides; the active one for the same period does.
        entitlement(old, "2027-06-01", null).body("regime", equalTo("SERVICE_CONTRACT"))
                .body("decidedBy.reference", equalTo("Y-" + old));
        entitlement(recent, "2027-06-01", null).body("regime", equalTo("FREE_WARRANTY"))
                .body("decidedBy.id", equalTo(second)).body("warrantyEnd", equalTo("2028-02-29"));
        // Another customer's account does not learn the unit exists.
        asCustomer(UUID.fromString(other)).get("/api/v1/units/" + old + "/entitlement").then().statusCode(404);
        asCustomer(UUID.fromString(customer)).get("/api/v1/units/" + old + "/entitlement").then().statusCode(200);

        // A case on both units freezes each unit's own decision (one statement for both units' facts).
        String caseId = Fixtures.openCase(CaseBodies.open(customer).unit(recent, 5000).unit(old, 5000)
                .failureDate(LocalDate.of(2026, 3, 5)));
        as("SALES").get("/api/v1/cases/" + caseId).then().statusCode(200)
                .body("units.find { it.serialNo == '" + old + "' }.regime", equalTo("SERVICE_CONTRACT"))
                .body("units.find { it.serialNo == '" + old + "' }.decidedByRef", equalTo("Z-" + old))
                .body("units.find { it.serialNo == '" + recent + "' }.regime", equalTo("FREE_WARRANTY"))
                .body("units.find { it.serialNo == '" + recent + "' }.decidedById", equalTo(second));
    }

    private static String sign(String serial, String contractNo, String start, String end) {
        return as("SALES").body(contract(contractNo, LocalDate.parse(start), LocalDate.parse(end), "1000").json())
                .post("/api/v1/units/" + serial + "/service-contracts").then().statusCode(201).extract().path("id");
    }

    private static io.restassured.response.ValidatableResponse entitlement(String serial, String date, Integer mileageKm) {
        var request = as("SALES").queryParam("date", date);
        if (mileageKm != null) {
            request.queryParam("mileageKm", mileageKm);
        }
        return request.get("/api/v1/units/" + serial + "/entitlement").then().statusCode(200);
    }
}
