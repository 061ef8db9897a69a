package com.aftersales.warranty;

import com.aftersales.support.Api;
import com.aftersales.support.CaseBodies;
import com.aftersales.support.Fixtures;
import com.aftersales.support.Sql;
import com.aftersales.support.TestClock;
import com.aftersales.support.WarrantyBodies;
import com.aftersales.support.UnitBodies;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Map;

import static com.aftersales.support.Api.as;
import static com.aftersales.support.WarrantyBodies.contract;
import static com.aftersales.support.WarrantyBodies.invoice;
import static com.aftersales.support.WarrantyBodies.payment;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The payment activation rule (AFTERSALES_WARRANTY_CONTRACT_ACTIVATION=payment): a contract signed under it covers its
 * dates only from the day its fee was paid; a case opened before the payment keeps the entitlement frozen on it; a
 * contract signed under the signing rule (before the setting changed) keeps covering at once.
 */
@QuarkusTest
@TestProfile(ContractActivationTest.PaymentRule.class)
class ContractActivationTest {

    public static class PaymentRule implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("aftersales.warranty.contract-activation", "payment");
        }
    }

    static String unitOf(String customer) {
        // No free-warranty term: outside a contract the unit is chargeable.
        return Fixtures.unit(UnitBodies.unit(customer).productModel("MC80").deliveryDate(LocalDate.of(2022, 1, 15)));
    }

    static String sign(String serial) {
        return as("SALES").body(contract("PA-" + serial, LocalDate.of(2025, 1, 1), LocalDate.of(2027, 12, 31), "6000.00")
                        .signedOn(LocalDate.of(2024, 12, 20)).json())
                .post("/api/v1/units/" + serial + "/service-contracts").then().statusCode(201)
                .body("activationRule", equalTo("PAYMENT")).extract().path("id");
    }

    static String regimeOfNewCase(String customer, String serial) {
        String caseId = Fixtures.openCase(CaseBodies.open(customer).failureDate(LocalDate.of(2025, 6, 1)).unit(serial));
        return as("SALES").get("/api/v1/cases/" + caseId).then().statusCode(200).extract().path("units[0].regime");
    }

    @Test
    void aContractCoversFromItsPaymentAndFrozenCaseEntitlementsStay() {
        String customer = Api.newCustomer(Api.unique("pa"));
        String serial = unitOf(customer);
        String base = "/api/v1/units/" + serial + "/service-contracts/" + sign(serial);
        String entitlement = "/api/v1/units/" + serial + "/entitlement";

        as("SALES").header("Accept-Language", "en").queryParam("date", "2025-06-01").get(entitlement).then().statusCode(200)
                .body("regime", equalTo("CHARGEABLE")).body("reasons.code", hasItem("contract_awaiting_payment"))
                .body("reason", containsString("covers only once its fee is paid"));
        as("SALES").header("Accept-Language", "zh-CN").queryParam("date", "2025-06-01").get(entitlement).then()
                .body("reason", containsString("须在协议费用付清后生效"));
        String caseBefore = Fixtures.openCase(CaseBodies.open(customer).failureDate(LocalDate.of(2025, 6, 1)).unit(serial));
        as("SALES").get("/api/v1/cases/" + caseBefore).then().body("units[0].regime", equalTo("CHARGEABLE"));

        as("FINANCE").header("If-Match", "\"0\"").body(invoice("FP-PA-" + serial, LocalDate.of(2025, 5, 1)))
                .post(base + "/invoice").then().statusCode(200);
        as("FINANCE").header("If-Match", "\"1\"").body(payment(LocalDate.of(2025, 5, 20), "R-PA", "6000.00"))
                .post(base + "/payment").then().statusCode(200).body("billingStatus", equalTo("PAID"));

        // Covered from the payment day, not before it.
        as("SALES").header("Accept-Language", "en").queryParam("date", "2025-05-19").get(entitlement).then()
                .body("regime", equalTo("CHARGEABLE")).body("validUntil", equalTo("2025-05-19"))
                .body("reasons.code", hasItem("contract_paid_later"));
        as("SALES").queryParam("date", "2025-05-20").get(entitlement).then()
                .body("regime", equalTo("SERVICE_CONTRACT")).body("decidedBy.reference", equalTo("PA-" + serial));
        // The case opened before the payment keeps what was frozen on it; a new case gets the contract.
        as("SALES").get("/api/v1/cases/" + caseBefore).then().body("units[0].regime", equalTo("CHARGEABLE"));
        assertThat(regimeOfNewCase(customer, serial)).isEqualTo("SERVICE_CONTRACT");
    }

    @Test
    void aContractSignedUnderTheSigningRuleKeepsCoveringAtOnce() {
        String customer = Api.newCustomer(Api.unique("pa"));
        String serial = unitOf(customer);
        String id = sign(serial);
        // As if signed before the setting changed to payment: the rule is the contract's, not today's setting.
        Sql.exec("update service_contract set activation_rule = 'SIGNING' where id = cast(? as uuid)", id);
        as("SALES").queryParam("date", "2025-06-01").get("/api/v1/units/" + serial + "/entitlement").then()
                .body("regime", equalTo("SERVICE_CONTRACT"));
    }

    /** The warranty-expiry job counts a contract only once it is in force: an unpaid one does not spare the alert. */
    @Test
    void anUnpaidContractDoesNotSpareTheWarrantyExpiryAlert() {
        String customer = Api.newCustomer(Api.unique("pa"));
        as("SALES").body(WarrantyBodies.term("COMMERCIAL_VEHICLE").effectiveFrom(LocalDate.of(2015, 1, 1)).json())
                .post("/api/v1/customers/" + customer + "/warranty-terms").then().statusCode(201);
        LocalDate today = TestClock.today();
        LocalDate delivered = today.plusDays(21).minusMonths(24);
        String unpaid = Fixtures.unit(UnitBodies.unit(customer).productModel("MC80").deliveryDate(delivered));
        String paid = Fixtures.unit(UnitBodies.unit(customer).productModel("MC80").deliveryDate(delivered));
        for (String serial : new String[]{unpaid, paid}) {
            as("SALES").body(contract("PX-" + serial, today.plusDays(21), today.plusYears(2), "100.00").json())
                    .post("/api/v1/units/" + serial + "/service-contracts").then().statusCode(201);
        }
        String base = "/api/v1/units/" + paid + "/service-contracts/"
                + as("SALES").get("/api/v1/units/" + paid + "/service-contracts").then().extract().path("items[0].id");
        as("FINANCE").header("If-Match", "\"0\"").body(invoice("FP-PX-" + paid, today)).post(base + "/invoice")
                .then().statusCode(200);
        as("FINANCE").header("If-Match", "\"1\"").body(payment(today, "R-PX", "100.00")).post(base + "/payment")
                .then().statusCode(200);

        as("ADMIN").post("/api/v1/admin/jobs/warranty-expiry/runs").then().statusCode(200).body("outcome", equalTo("OK"));

        assertThat(Sql.count("select count(*) from notice where kind = 'WARRANTY_EXPIRY' and payload ->> 'serialNo' = ?",
                unpaid)).isEqualTo(2);
        assertThat(Sql.count("select count(*) from notice where kind = 'WARRANTY_EXPIRY' and payload ->> 'serialNo' = ?",
                paid)).isZero();
    }
}
