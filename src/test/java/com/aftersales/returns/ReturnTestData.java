package com.aftersales.returns;

/** Return fixtures for tests of other areas. */
public final class ReturnTestData {

    private ReturnTestData() {
    }

    /**
     * The body of a debit-note raise for a fresh purchased-part defect (share 0.35 of 500.00 verified costs) of a new
     * supplier, nothing raised yet.
     */
    public static String raisableDebitNote() {
        String supplier = com.aftersales.support.Fixtures.supplier("并发供应商");
        return SupplierRecoveryTest.raise(SupplierRecoveryTest.judged("PURCHASED_PART", supplier, 0.35, "500.00"), null);
    }
}
