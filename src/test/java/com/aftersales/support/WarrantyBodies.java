package com.aftersales.support;

import java.time.LocalDate;

/** Bodies of the warranty endpoints: free-warranty terms, service contracts, their cancellation, invoice and payment. */
public final class WarrantyBodies {

    private WarrantyBodies() {
    }

    /** A 24-month term of a product line, in force from 2020-01-01 with no end. */
    public static Term term(String productLine) {
        return new Term().set("productLine", productLine).set("months", 24).set("effectiveFrom", LocalDate.of(2020, 1, 1));
    }

    /** A service contract (contract numbers are unique, so it is named) covering the whole unit. */
    public static Contract contract(String contractNo, LocalDate start, LocalDate end, String feeCny) {
        return new Contract().set("contractNo", contractNo).set("startDate", start).set("endDate", end).set("feeCny", feeCny)
                .set("coverage", "整机");
    }

    public static String cancellation(String reason) {
        return JsonBody.of("reason", reason);
    }

    /** A contract fee's invoice (发票号, date). */
    public static String invoice(String invoiceNo, LocalDate invoicedOn) {
        return JsonBody.of("invoiceNo", invoiceNo, "invoicedOn", invoicedOn);
    }

    /** A contract fee's payment: date, bank reference, amount (CNY text). */
    public static String payment(LocalDate paidOn, String paymentRef, String amountCny) {
        return JsonBody.of("paidOn", paidOn, "paymentRef", paymentRef, "amountCny", amountCny);
    }

    public static final class Term extends JsonBody<Term> {

        /** Null leaves the months out (a mileage-only term). */
        public Term months(Integer months) {
            return set("months", months);
        }

        public Term mileageKm(Integer mileageKm) {
            return set("mileageKm", mileageKm);
        }

        public Term effectiveFrom(LocalDate date) {
            return set("effectiveFrom", date);
        }

        public Term effectiveTo(LocalDate date) {
            return set("effectiveTo", date);
        }

        /** INHERIT (the default: a replacement keeps the replaced unit's warranty) or OWN. */
        public Term replacementWarranty(String what) {
            return set("replacementWarranty", what);
        }
    }

    public static final class Contract extends JsonBody<Contract> {

        public Contract contractNo(String contractNo) {
            return set("contractNo", contractNo);
        }

        /** CNY as the API writes money: a decimal text. */
        public Contract feeCny(String feeCny) {
            return set("feeCny", feeCny);
        }

        public Contract coverage(String coverage) {
            return set("coverage", coverage);
        }

        public Contract signedOn(LocalDate signedOn) {
            return set("signedOn", signedOn);
        }
    }
}
