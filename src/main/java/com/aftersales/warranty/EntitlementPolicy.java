package com.aftersales.warranty;

import com.aftersales.unit.ProductLine;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Decides a unit's regime on a date: free warranty, paid service contract, or chargeable. Pure: no clock,
 * no database; every boundary is unit-tested.
 * <ul>
 * <li>The warranty term is the customer's term for the unit's product line that was in force on the delivery
 *     date (terms changed later do not change what was agreed for units already delivered).</li>
 * <li>Counting starts at delivery, or at the first sale if the term says so and it is known; the unit is covered
 *     from delivery. The last day is inclusive: 24 months from 2024-01-15 cover up to 2026-01-14.</li>
 * <li>Whichever limit comes first ends the warranty: a mileage (or operating-hours) reading above the limit ends
 *     it even before the end date; a reading equal to the limit is still covered.</li>
 * <li>Outside the warranty, an active service contract in force on the date (and covering the mileage, if it has a
 *     limit) applies; otherwise the service is chargeable, until the next contract comes into force if one is known.
 *     A contract signed under {@link ActivationRule#SIGNING} is in force over its dates; one signed under
 *     {@link ActivationRule#PAYMENT} only from the day its fee was paid (a date before it, or any date while it is
 *     unpaid, is not covered by it: reason {@code contract_awaiting_payment} or {@code contract_paid_later}).</li>
 * <li>A replacement unit (disposition REPLACE on a return) inherits the free warranty of the first unit of its
 *     replacement chain, as that unit's own term and start basis give it; it is covered from its own delivery. When
 *     the term that applies to the replacement itself says {@link ReplacementWarranty#OWN}, the replacement has its
 *     own free warranty instead, as a new unit would.</li>
 * </ul>
 */
public final class EntitlementPolicy {

    public record UnitFacts(String serialNo, ProductLine productLine, LocalDate deliveryDate, LocalDate firstSaleDate) {
    }

    /**
     * For a replacement unit: the first unit of its replacement chain and that unit's customer's terms for its product
     * line. The replacement's free warranty is that unit's (its term and start basis), so it ends where the original's
     * does: replacing a unit does not restart the free warranty.
     */
    public record Original(UnitFacts unit, List<Term> terms) {
    }

    public record Term(UUID id, ProductLine productLine, Integer months, Integer mileageKm, Integer operatingHours,
                       StartBasis basis, LocalDate effectiveFrom, LocalDate effectiveTo, ReplacementWarranty replacement) {

        /** A term that lets a replacement inherit (the default). */
        public Term(UUID id, ProductLine productLine, Integer months, Integer mileageKm, Integer operatingHours,
                    StartBasis basis, LocalDate effectiveFrom, LocalDate effectiveTo) {
            this(id, productLine, months, mileageKm, operatingHours, basis, effectiveFrom, effectiveTo,
                    ReplacementWarranty.INHERIT);
        }

        boolean inForceOn(LocalDate day) {
            return !effectiveFrom.isAfter(day) && (effectiveTo == null || !effectiveTo.isBefore(day));
        }
    }

    public record Contract(UUID id, String contractNo, LocalDate start, LocalDate end, Integer mileageLimitKm,
                           boolean active, ActivationRule rule, LocalDate paidOn) {

        /** A contract signed under the signing rule. */
        public Contract(UUID id, String contractNo, LocalDate start, LocalDate end, Integer mileageLimitKm, boolean active) {
            this(id, contractNo, start, end, mileageLimitKm, active, ActivationRule.SIGNING, null);
        }

        /** The first day it covers (null: not in force on any day yet, an unpaid contract under the payment rule). */
        LocalDate inForceFrom() {
            if (rule != ActivationRule.PAYMENT) {
                return start;
            }
            return paidOn == null ? null : paidOn.isAfter(start) ? paidOn : start;
        }

        boolean inForceOn(LocalDate day) {
            LocalDate from = inForceFrom();
            return from != null && !from.isAfter(day) && !end.isBefore(day);
        }

        boolean spans(LocalDate day) {
            return !start.isAfter(day) && !end.isBefore(day);
        }
    }

    /** One reason, as a message key ({@code entitlement.<code>}) and its arguments. */
    public record Reason(String code, List<Object> args) {
        static Reason of(String code, Object... args) {
            return new Reason(code, List.of(args));
        }
    }

    public enum Source { WARRANTY_TERM, SERVICE_CONTRACT }

    public record DecidedBy(Source kind, UUID id, String reference) {
    }

    public record Decision(Regime regime, LocalDate validUntil, Integer remainingMileageKm,
                           Integer remainingOperatingHours, DecidedBy decidedBy, LocalDate warrantyStart,
                           LocalDate warrantyEnd, List<Reason> reasons) {
    }

    private EntitlementPolicy() {
    }

    public static Decision decide(UnitFacts unit, List<Term> terms, List<Contract> contracts, LocalDate date,
                                  Integer mileageKm, Integer operatingHours) {
        return decide(unit, null, terms, contracts, date, mileageKm, operatingHours);
    }

    /** As above; a replacement ({@code original} not null) is covered from its own delivery by the original's warranty. */
    public static Decision decide(UnitFacts unit, Original original, List<Term> terms, List<Contract> contracts,
                                  LocalDate date, Integer mileageKm, Integer operatingHours) {
        Objects.requireNonNull(date, "date");
        List<Reason> reasons = new ArrayList<>();
        if (unit.deliveryDate() == null || date.isBefore(unit.deliveryDate())) {
            reasons.add(unit.deliveryDate() == null ? Reason.of("not_delivered")
                    : Reason.of("before_delivery", unit.deliveryDate()));
            LocalDate until = unit.deliveryDate() == null ? null : unit.deliveryDate().minusDays(1);
            return new Decision(Regime.CHARGEABLE, until, null, null, null, null, null, reasons);
        }

        // The free warranty is the original's for a replacement, the unit's own otherwise, or when the replacement's
        // own term gives replacements a warranty of their own (OWN).
        boolean ownWarranty = original != null && original.unit().deliveryDate() != null && terms.stream()
                .filter(t -> t.productLine() == unit.productLine() && t.inForceOn(unit.deliveryDate()))
                .max(Comparator.comparing(Term::effectiveFrom))
                .map(t -> t.replacement() == ReplacementWarranty.OWN).orElse(false);
        if (ownWarranty) {
            reasons.add(Reason.of("replacement_own_warranty", original.unit().serialNo()));
        }
        UnitFacts covered = original == null || ownWarranty || original.unit().deliveryDate() == null ? unit : original.unit();
        List<Term> coveredTerms = covered == unit ? terms : original.terms();
        Optional<Term> term = coveredTerms.stream()
                .filter(t -> t.productLine() == covered.productLine() && t.inForceOn(covered.deliveryDate()))
                .max(Comparator.comparing(Term::effectiveFrom));
        LocalDate warrantyStart = null;
        LocalDate warrantyEnd = null;
        if (term.isEmpty()) {
            if (covered != unit) {
                reasons.add(Reason.of("replacement_nothing_inherited", covered.serialNo()));
            }
            reasons.add(Reason.of("no_term", covered.productLine(), covered.deliveryDate()));
        } else {
            Term t = term.get();
            warrantyStart = t.basis() == StartBasis.FIRST_SALE && covered.firstSaleDate() != null
                    ? covered.firstSaleDate() : covered.deliveryDate();
            warrantyEnd = t.months() == null ? null : warrantyStart.plusMonths(t.months()).minusDays(1);
            if (covered != unit) {
                reasons.add(warrantyEnd == null ? Reason.of("replacement_inherited_no_end", covered.serialNo())
                        : Reason.of("replacement_inherited", covered.serialNo(), warrantyEnd));
            }
            boolean dateOk = warrantyEnd == null || !date.isAfter(warrantyEnd);
            boolean mileageOk = t.mileageKm() == null || mileageKm == null || mileageKm <= t.mileageKm();
            boolean hoursOk = t.operatingHours() == null || operatingHours == null || operatingHours <= t.operatingHours();
            if (dateOk && mileageOk && hoursOk) {
                reasons.add(warrantyEnd == null ? Reason.of("in_warranty_no_end", warrantyStart)
                        : Reason.of("in_warranty", warrantyStart, warrantyEnd));
                if (t.mileageKm() != null && mileageKm == null) {
                    reasons.add(Reason.of("mileage_not_given", t.mileageKm()));
                }
                if (t.operatingHours() != null && operatingHours == null) {
                    reasons.add(Reason.of("hours_not_given", t.operatingHours()));
                }
                return new Decision(Regime.FREE_WARRANTY, warrantyEnd,
                        remaining(t.mileageKm(), mileageKm), remaining(t.operatingHours(), operatingHours),
                        new DecidedBy(Source.WARRANTY_TERM, t.id(), describe(t)), warrantyStart, warrantyEnd, reasons);
            }
            if (!dateOk) {
                reasons.add(Reason.of("warranty_ended", warrantyEnd));
            }
            if (!mileageOk) {
                reasons.add(Reason.of("mileage_exceeded", mileageKm, t.mileageKm()));
            }
            if (!hoursOk) {
                reasons.add(Reason.of("hours_exceeded", operatingHours, t.operatingHours()));
            }
        }

        List<Contract> active = contracts.stream().filter(Contract::active).toList();
        Optional<Contract> covering = active.stream()
                .filter(c -> c.inForceOn(date))
                .max(Comparator.comparing(Contract::start));
        if (covering.isEmpty()) {
            // Signed under the payment rule, dated over the day, but not (yet) paid by then: it does not cover the day.
            active.stream().filter(c -> c.spans(date)).max(Comparator.comparing(Contract::start)).ifPresent(c ->
                    reasons.add(c.paidOn() == null ? Reason.of("contract_awaiting_payment", c.contractNo(), c.start(), c.end())
                            : Reason.of("contract_paid_later", c.contractNo(), c.paidOn())));
        }
        if (covering.isPresent()) {
            Contract c = covering.get();
            if (c.mileageLimitKm() == null || mileageKm == null || mileageKm <= c.mileageLimitKm()) {
                reasons.add(Reason.of("in_contract", c.contractNo(), c.start(), c.end()));
                if (c.mileageLimitKm() != null && mileageKm == null) {
                    reasons.add(Reason.of("mileage_not_given", c.mileageLimitKm()));
                }
                return new Decision(Regime.SERVICE_CONTRACT, c.end(), remaining(c.mileageLimitKm(), mileageKm), null,
                        new DecidedBy(Source.SERVICE_CONTRACT, c.id(), c.contractNo()), warrantyStart, warrantyEnd, reasons);
            }
            reasons.add(Reason.of("contract_mileage_exceeded", c.contractNo(), mileageKm, c.mileageLimitKm()));
        }
        Optional<Contract> next = active.stream()
                .filter(c -> c.inForceFrom() != null && c.inForceFrom().isAfter(date) && !c.inForceFrom().isAfter(c.end()))
                .min(Comparator.comparing(Contract::inForceFrom));
        if (next.isPresent()) {
            reasons.add(Reason.of("next_contract", next.get().contractNo(), next.get().inForceFrom()));
        } else if (covering.isEmpty()) {
            reasons.add(Reason.of("no_contract"));
        }
        return new Decision(Regime.CHARGEABLE, next.map(c -> c.inForceFrom().minusDays(1)).orElse(null), null, null, null,
                warrantyStart, warrantyEnd, reasons);
    }

    private static Integer remaining(Integer limit, Integer used) {
        return limit == null || used == null ? null : limit - used;
    }

    private static String describe(Term t) {
        List<String> parts = new ArrayList<>();
        if (t.months() != null) {
            parts.add(t.months() + "M");
        }
        if (t.mileageKm() != null) {
            parts.add(t.mileageKm() + "KM");
        }
        if (t.operatingHours() != null) {
            parts.add(t.operatingHours() + "H");
        }
        return String.join("/", parts) + " " + t.basis();
    }
}
