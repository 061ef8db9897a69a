package com.aftersales.warranty;

import com.aftersales.support.Api;
import com.aftersales.support.Fixtures;
import com.aftersales.support.Sql;
import com.aftersales.support.TestClock;
import com.aftersales.support.UnitBodies;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.UUID;

import static com.aftersales.support.Api.as;
import static com.aftersales.support.Api.asCustomer;
import static com.aftersales.support.WarrantyBodies.cancellation;
import static com.aftersales.support.WarrantyBodies.contract;
import static com.aftersales.support.WarrantyBodies.invoice;
import static com.aftersales.support.WarrantyBodies.payment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/**
 * A service contract's fee over HTTP: signed (NOT_INVOICED, under the default signing rule), invoiced once, paid once in
 * full, each step audited and behind If-Match; the refused paths change nothing.
 */
@QuarkusTest
class ContractBillingTest {

    record Signed(String customer, String serial, String base, String id) {
    }

    static Signed signed(String feeCny) {
        String customer = Api.newCustomer(Api.unique("cb"));
        String serial = Fixtures.unit(UnitBodies.unit(customer).productModel("MC80").deliveryDate(LocalDate.of(2022, 1, 15)));
        String base = "/api/v1/units/" + serial + "/service-contracts";
        String id = as("SALES").body(contract("CB-" + serial, LocalDate.of(2025, 1, 1), LocalDate.of(2027, 12, 31), feeCny)
                        .signedOn(LocalDate.of(2024, 12, 20)).json())
                .post(base).then().statusCode(201).body("billingStatus", equalTo("NOT_INVOICED"))
                .body("activationRule", equalTo("SIGNING")).body("invoiceNo", nullValue()).extract().path("id");
        return new Signed(customer, serial, base + "/" + id, id);
    }

    @Test
    void aContractGoesFromSignedToInvoicedToPaidWithExactAmounts() {
        Signed c = signed("12800.5");
        as("FINANCE").header("If-Match", "\"0\"").body(invoice("fp-2025-0001-" + c.serial(), LocalDate.of(2025, 1, 5)))
                .post(c.base() + "/invoice").then().statusCode(200).header("ETag", "\"1\"")
                .body("billingStatus", equalTo("INVOICED")).body("invoiceNo", equalTo("FP-2025-0001-" + c.serial()))
                .body("invoicedOn", equalTo("2025-01-05")).body("paidOn", nullValue());
        as("ADMIN").header("If-Match", "\"1\"").body(payment(LocalDate.of(2025, 1, 20), "工行回单 0099", "12800.50"))
                .post(c.base() + "/payment").then().statusCode(200).header("ETag", "\"2\"")
                .body("billingStatus", equalTo("PAID")).body("paidOn", equalTo("2025-01-20"))
                .body("paidCny", equalTo("12800.50")).body("feeCny", equalTo("12800.50"))
                .body("paymentRef", equalTo("工行回单 0099"));
        assertThat(Sql.text("select cast(paid_cny as text) from service_contract where id = cast(? as uuid)", c.id()))
                .isEqualTo("12800.50");
        assertThat(Sql.count("select count(*) from audit_log where entity_type = 'service-contract' and entity_id = ? "
                + "and action in ('INVOICE', 'PAY')", c.id())).isEqualTo(2);
        // Sales read it; the contract's own customer reads its billing status too (it is the customer's bill).
        as("SALES_MANAGER").get(c.base()).then().statusCode(200).body("billingStatus", equalTo("PAID"));
        asCustomer(UUID.fromString(c.customer())).get(c.base()).then().statusCode(200)
                .body("billingStatus", equalTo("PAID")).body("paidCny", equalTo("12800.50"));
        // Under the signing rule the contract covered its dates before the payment too.
        as("SALES").queryParam("date", "2025-01-02").get("/api/v1/units/" + c.serial() + "/entitlement")
                .then().statusCode(200).body("regime", equalTo("SERVICE_CONTRACT"));
    }

    @Test
    void recordingIsFinanceWorkBehindIfMatch() {
        Signed c = signed("800.00");
        String body = invoice("FP-R-" + c.serial(), LocalDate.of(2025, 1, 5));
        asCustomer(UUID.fromString(c.customer())).header("If-Match", "\"0\"").body(body).post(c.base() + "/invoice")
                .then().statusCode(403);
        as("SALES").header("If-Match", "\"0\"").body(body).post(c.base() + "/invoice").then().statusCode(403);
        as("FINANCE").body(body).post(c.base() + "/invoice").then().statusCode(428);
        as("FINANCE").header("If-Match", "\"7\"").body(body).post(c.base() + "/invoice").then().statusCode(412);
        as("FINANCE").header("If-Match", "\"0\"").body(payment(LocalDate.of(2025, 1, 6), "R1", "800.00"))
                .post(c.base() + "/payment").then().statusCode(409)
                .body("type", equalTo("urn:problem:aftersales:contract_not_invoiced"));
        as("FINANCE").get(c.base()).then().statusCode(200).header("ETag", "\"0\"").body("billingStatus", equalTo("NOT_INVOICED"));
    }

    @Test
    void badDatesAmountsAndSecondRecordsAreRefusedAndChangeNothing() {
        Signed c = signed("800.00");
        LocalDate tomorrow = TestClock.today().plusDays(1);
        as("FINANCE").header("If-Match", "\"0\"").body(invoice("FP-F-" + c.serial(), tomorrow)).post(c.base() + "/invoice")
                .then().statusCode(422).body("errors[0].field", equalTo("invoicedOn"));
        as("FINANCE").header("If-Match", "\"0\"").header("Accept-Language", "en")
                .body(invoice("FP-F-" + c.serial(), LocalDate.of(2024, 12, 19))).post(c.base() + "/invoice")
                .then().statusCode(422).body("errors[0].field", equalTo("invoicedOn"))
                .body("errors[0].message", equalTo("the invoice cannot be dated before the contract was signed (2024-12-20)"));
        as("FINANCE").header("If-Match", "\"0\"").body(invoice("FP-F-" + c.serial(), LocalDate.of(2025, 2, 1)))
                .post(c.base() + "/invoice").then().statusCode(200);
        as("FINANCE").header("If-Match", "\"1\"").body(invoice("FP-G-" + c.serial(), LocalDate.of(2025, 2, 1)))
                .post(c.base() + "/invoice").then().statusCode(409).body("type", equalTo("urn:problem:aftersales:contract_invoiced"));
        // Another contract cannot take the same invoice number.
        Signed other = signed("10.00");
        as("FINANCE").header("If-Match", "\"0\"").body(invoice("fp-f-" + c.serial(), LocalDate.of(2025, 2, 1)))
                .post(other.base() + "/invoice").then().statusCode(409).body("type", equalTo("urn:problem:aftersales:invoice_no_taken"));

        as("FINANCE").header("If-Match", "\"1\"").body(payment(LocalDate.of(2025, 1, 31), "R", "800.00"))
                .post(c.base() + "/payment").then().statusCode(422).body("errors[0].field", equalTo("paidOn"));
        as("FINANCE").header("If-Match", "\"1\"").body(payment(tomorrow, "R", "800.00"))
                .post(c.base() + "/payment").then().statusCode(422).body("errors[0].field", equalTo("paidOn"));
        as("FINANCE").header("If-Match", "\"1\"").header("Accept-Language", "zh-CN").body(payment(LocalDate.of(2025, 2, 3), "R", "400.00"))
                .post(c.base() + "/payment").then().statusCode(422).body("errors[0].field", equalTo("amountCny"))
                .body("errors[0].message", equalTo("收款金额须为应收全额 800.00 元（不接受部分付款）"));
        as("FINANCE").header("If-Match", "\"1\"").body(payment(LocalDate.of(2025, 2, 3), "R", "800.001"))
                .post(c.base() + "/payment").then().statusCode(422).body("errors[0].field", equalTo("amountCny"));
        as("FINANCE").get(c.base()).then().header("ETag", "\"1\"").body("billingStatus", equalTo("INVOICED"))
                .body("paidOn", nullValue());

        as("FINANCE").header("If-Match", "\"1\"").body(payment(LocalDate.of(2025, 2, 1), "R", "800"))
                .post(c.base() + "/payment").then().statusCode(200).body("billingStatus", equalTo("PAID"));
        as("FINANCE").header("If-Match", "\"2\"").body(payment(LocalDate.of(2025, 2, 2), "R2", "800.00"))
                .post(c.base() + "/payment").then().statusCode(409).body("type", equalTo("urn:problem:aftersales:contract_paid"));
        assertThat(Sql.count("select count(*) from audit_log where entity_type = 'service-contract' and entity_id = ? "
                + "and action = 'PAY'", c.id())).isEqualTo(1);
    }

    @Test
    void aCancelledContractIsNeitherInvoicedNorPaid() {
        Signed c = signed("500.00");
        as("SALES").header("If-Match", "\"0\"").body(cancellation("客户退车")).post(c.base() + "/cancellation")
                .then().statusCode(200);
        as("FINANCE").header("If-Match", "\"1\"").body(invoice("FP-C-" + c.serial(), LocalDate.of(2025, 1, 5)))
                .post(c.base() + "/invoice").then().statusCode(409).body("type", equalTo("urn:problem:aftersales:contract_cancelled"));
    }
}
