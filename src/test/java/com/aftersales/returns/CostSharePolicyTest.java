package com.aftersales.returns;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static com.aftersales.returns.CostSharePolicy.UnitOutcome;
import static org.assertj.core.api.Assertions.assertThat;

/** How verified case costs split over a return's verdicts, without a container. */
class CostSharePolicyTest {

    static final BigDecimal HALF = new BigDecimal("0.5");

    static UnitOutcome ntf() {
        return new UnitOutcome(ReturnUnit.Verdict.NTF, null);
    }

    static UnitOutcome purchasedPart(String share) {
        return new UnitOutcome(ReturnUnit.Verdict.DEFECT_CONFIRMED, new BigDecimal(share));
    }

    static UnitOutcome defect() {
        return new UnitOutcome(ReturnUnit.Verdict.DEFECT_CONFIRMED, null);
    }

    @Test
    void oneNtfUnitLeavesTheConfiguredShareWithTheCustomer() {
        ReturnView.CostShares s = CostSharePolicy.shares(new BigDecimal("1000"), List.of(ntf()), HALF);
        assertThat(s.verifiedCaseCostsCny()).isEqualByComparingTo("1000").hasToString("1000.00");
        assertThat(s.ntfCustomerShareCny()).hasToString("500.00");
        assertThat(s.supplierRecoveryCny()).hasToString("0.00");
    }

    @Test
    void costsSplitEvenlyOverTheUnitsBeforeSharesApply() {
        ReturnView.CostShares s = CostSharePolicy.shares(new BigDecimal("900.00"),
                List.of(purchasedPart("0.6"), ntf(), defect()), HALF);
        assertThat(s.supplierRecoveryCny()).hasToString("180.00");
        assertThat(s.ntfCustomerShareCny()).hasToString("150.00");
        assertThat(s.verifiedCaseCostsCny()).hasToString("900.00");
    }

    @Test
    void roundingHappensOnceAtTheEndHalfUp() {
        // 100 / 3 = 33.3333333333 per unit; two suppliers at 0.5 recover 16.666… each: 33.33 together, not 2 × 16.67.
        ReturnView.CostShares s = CostSharePolicy.shares(new BigDecimal("100"),
                List.of(purchasedPart("0.5"), purchasedPart("0.5"), ntf()), new BigDecimal("0.3"));
        assertThat(s.supplierRecoveryCny()).hasToString("33.33");
        assertThat(s.ntfCustomerShareCny()).hasToString("10.00");
        ReturnView.CostShares halfUp = CostSharePolicy.shares(new BigDecimal("0.05"), List.of(purchasedPart("0.5")), HALF);
        assertThat(halfUp.supplierRecoveryCny()).hasToString("0.03");
    }

    @Test
    void aReturnWithoutUnitsOrCostsSharesNothing() {
        ReturnView.CostShares none = CostSharePolicy.shares(BigDecimal.ZERO, List.of(ntf(), purchasedPart("1.0")), HALF);
        assertThat(none.supplierRecoveryCny()).hasToString("0.00");
        assertThat(none.ntfCustomerShareCny()).hasToString("0.00");
        ReturnView.CostShares empty = CostSharePolicy.shares(new BigDecimal("250.5"), List.of(), HALF);
        assertThat(empty.verifiedCaseCostsCny()).hasToString("250.50");
        assertThat(empty.supplierRecoveryCny()).hasToString("0.00");
    }

    @Test
    void unjudgedUnitsCountInTheSplitButShareNothing() {
        ReturnView.CostShares s = CostSharePolicy.shares(new BigDecimal("300"),
                List.of(new UnitOutcome(null, null), ntf(), new UnitOutcome(null, null)), BigDecimal.ONE);
        assertThat(s.ntfCustomerShareCny()).hasToString("100.00");
    }

    @Test
    void aDebitNoteClaimsTheUnitsPartTimesTheShareRoundedToTheFenOnce() {
        // 1333.33 × 0.35 = 466.6655 → 466.67 (half-up, once).
        assertThat(CostSharePolicy.supplierPart(new BigDecimal("1333.33"), 1, new BigDecimal("0.35"))).hasToString("466.67");
        // 100 / 3 = 33.3333333333 per unit × 0.5 = 16.66666666665 → 16.67, not 16.665 rounded twice.
        assertThat(CostSharePolicy.supplierPart(new BigDecimal("100"), 3, HALF)).hasToString("16.67");
        assertThat(CostSharePolicy.supplierPart(new BigDecimal("0.01"), 1, new BigDecimal("0.4"))).hasToString("0.00");
        assertThat(CostSharePolicy.supplierPart(BigDecimal.ZERO, 0, HALF)).hasToString("0.00");
    }
}
