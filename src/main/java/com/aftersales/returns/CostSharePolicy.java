package com.aftersales.returns;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * What the verdicts of a return mean for its case's verified costs. Pure: no clock, no database; unit-tested.
 * <ul>
 * <li>The verified costs are split evenly over the returned units (kept to 10 decimals until the end).</li>
 * <li>A unit with a supplier share (a purchased-part defect) recovers that share of its part from the supplier.</li>
 * <li>The customer bears the configured share of each NTF unit's part (no fault found).</li>
 * <li>Every figure is rounded half-up to fen (2 decimals) last.</li>
 * </ul>
 */
public final class CostSharePolicy {

    /** A returned unit as the cost split sees it. */
    public record UnitOutcome(ReturnUnit.Verdict verdict, BigDecimal supplierShare) {
    }

    private CostSharePolicy() {
    }

    public static ReturnView.CostShares shares(BigDecimal verifiedCaseCostsCny, List<UnitOutcome> units,
                                               BigDecimal ntfCustomerShare) {
        BigDecimal perUnit = perUnit(verifiedCaseCostsCny, units.size());
        BigDecimal supplier = units.stream().filter(u -> u.supplierShare() != null)
                .map(u -> perUnit.multiply(u.supplierShare())).reduce(BigDecimal.ZERO, BigDecimal::add);
        long ntf = units.stream().filter(u -> u.verdict() == ReturnUnit.Verdict.NTF).count();
        BigDecimal ntfShare = perUnit.multiply(BigDecimal.valueOf(ntf)).multiply(ntfCustomerShare);
        return new ReturnView.CostShares(fen(verifiedCaseCostsCny), fen(supplier), fen(ntfShare));
    }

    /**
     * What the supplier owes for one returned unit (its debit note): the unit's even part of the case's verified costs
     * × the supplier's share, rounded half-up to fen once, at the end.
     */
    public static BigDecimal supplierPart(BigDecimal verifiedCaseCostsCny, int unitsInReturn, BigDecimal supplierShare) {
        return fen(perUnit(verifiedCaseCostsCny, unitsInReturn).multiply(supplierShare));
    }

    private static BigDecimal perUnit(BigDecimal verifiedCaseCostsCny, int units) {
        return units == 0 ? BigDecimal.ZERO : verifiedCaseCostsCny.divide(BigDecimal.valueOf(units), 10, RoundingMode.HALF_UP);
    }

    private static BigDecimal fen(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_UP);
    }
}
