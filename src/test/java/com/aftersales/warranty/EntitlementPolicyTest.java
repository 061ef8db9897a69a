package com.aftersales.warranty;

import com.aftersales.unit.ProductLine;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static com.aftersales.warranty.EntitlementPolicy.Contract;
import static com.aftersales.warranty.EntitlementPolicy.Decision;
import static com.aftersales.warranty.EntitlementPolicy.Term;
import static com.aftersales.warranty.EntitlementPolicy.UnitFacts;
import static org.assertj.core.api.Assertions.assertThat;

/** The entitlement rules at every boundary, without a container. */
class EntitlementPolicyTest {

    static final LocalDate DELIVERED = LocalDate.of(2024, 1, 15);
    static final UnitFacts UNIT = new UnitFacts("SN1", ProductLine.COMMERCIAL_VEHICLE, DELIVERED, null);
    static final Term TWO_YEARS_100K = term(24, 100_000, null, StartBasis.DELIVERY, "2020-01-01", null);

    static Term term(Integer months, Integer km, Integer hours, StartBasis basis, String from, String to) {
        return new Term(UUID.randomUUID(), ProductLine.COMMERCIAL_VEHICLE, months, km, hours, basis,
                LocalDate.parse(from), to == null ? null : LocalDate.parse(to));
    }

    static Contract contract(String no, String start, String end, Integer km, boolean active) {
        return new Contract(UUID.randomUUID(), no, LocalDate.parse(start), LocalDate.parse(end), km, active);
    }

    static Decision decide(UnitFacts unit, List<Term> terms, List<Contract> contracts, String date, Integer km) {
        return EntitlementPolicy.decide(unit, terms, contracts, LocalDate.parse(date), km, null);
    }

    static List<String> codes(Decision d) {
        return d.reasons().stream().map(EntitlementPolicy.Reason::code).toList();
    }

    @Test
    void lastDayOfTheWarrantyIsInclusive() {
        Decision last = decide(UNIT, List.of(TWO_YEARS_100K), List.of(), "2026-01-14", 50_000);
        assertThat(last.regime()).isEqualTo(Regime.FREE_WARRANTY);
        assertThat(last.validUntil()).isEqualTo(LocalDate.of(2026, 1, 14));
        assertThat(last.remainingMileageKm()).isEqualTo(50_000);
        assertThat(last.decidedBy().kind()).isEqualTo(EntitlementPolicy.Source.WARRANTY_TERM);
        assertThat(last.decidedBy().id()).isEqualTo(TWO_YEARS_100K.id());

        Decision dayAfter = decide(UNIT, List.of(TWO_YEARS_100K), List.of(), "2026-01-15", 50_000);
        assertThat(dayAfter.regime()).isEqualTo(Regime.CHARGEABLE);
        assertThat(codes(dayAfter)).containsExactly("warranty_ended", "no_contract");
        assertThat(dayAfter.validUntil()).isNull();
    }

    @Test
    void underThePaymentRuleAContractCoversFromItsPaymentDayOnly() {
        UUID id = UUID.randomUUID();
        Contract unpaid = new Contract(id, "SC-P", LocalDate.of(2026, 2, 1), LocalDate.of(2027, 1, 31), null, true,
                ActivationRule.PAYMENT, null);
        Decision awaiting = decide(UNIT, List.of(TWO_YEARS_100K), List.of(unpaid), "2026-06-01", 0);
        assertThat(awaiting.regime()).isEqualTo(Regime.CHARGEABLE);
        assertThat(codes(awaiting)).containsExactly("warranty_ended", "contract_awaiting_payment", "no_contract");
        assertThat(awaiting.validUntil()).isNull();

        Contract paidLater = new Contract(id, "SC-P", LocalDate.of(2026, 2, 1), LocalDate.of(2027, 1, 31), null, true,
                ActivationRule.PAYMENT, LocalDate.of(2026, 3, 10));
        Decision before = decide(UNIT, List.of(TWO_YEARS_100K), List.of(paidLater), "2026-03-09", 0);
        assertThat(before.regime()).isEqualTo(Regime.CHARGEABLE);
        assertThat(codes(before)).containsExactly("warranty_ended", "contract_paid_later", "next_contract");
        assertThat(before.validUntil()).isEqualTo(LocalDate.of(2026, 3, 9));
        Decision onPaymentDay = decide(UNIT, List.of(TWO_YEARS_100K), List.of(paidLater), "2026-03-10", 0);
        assertThat(onPaymentDay.regime()).isEqualTo(Regime.SERVICE_CONTRACT);
        assertThat(onPaymentDay.decidedBy().id()).isEqualTo(id);

        // Paid before its start: it covers from its start, as under the signing rule.
        Contract paidEarly = new Contract(id, "SC-P", LocalDate.of(2026, 2, 1), LocalDate.of(2027, 1, 31), null, true,
                ActivationRule.PAYMENT, LocalDate.of(2026, 1, 5));
        assertThat(decide(UNIT, List.of(TWO_YEARS_100K), List.of(paidEarly), "2026-02-01", 0).regime())
                .isEqualTo(Regime.SERVICE_CONTRACT);
        Decision waiting = decide(UNIT, List.of(TWO_YEARS_100K), List.of(paidEarly), "2026-01-20", 0);
        assertThat(waiting.validUntil()).isEqualTo(LocalDate.of(2026, 1, 31));
        // The same dates under the signing rule cover at once, paid or not.
        Contract signing = new Contract(id, "SC-S", LocalDate.of(2026, 2, 1), LocalDate.of(2027, 1, 31), null, true,
                ActivationRule.SIGNING, null);
        assertThat(decide(UNIT, List.of(TWO_YEARS_100K), List.of(signing), "2026-06-01", 0).regime())
                .isEqualTo(Regime.SERVICE_CONTRACT);
    }

    @Test
    void deliveryDayItselfIsCovered() {
        assertThat(decide(UNIT, List.of(TWO_YEARS_100K), List.of(), "2024-01-15", 0).regime()).isEqualTo(Regime.FREE_WARRANTY);
    }

    @Test
    void mileageReachedBeforeTheDateEndsTheWarranty() {
        Decision atLimit = decide(UNIT, List.of(TWO_YEARS_100K), List.of(), "2025-01-01", 100_000);
        assertThat(atLimit.regime()).isEqualTo(Regime.FREE_WARRANTY);
        assertThat(atLimit.remainingMileageKm()).isZero();

        Decision over = decide(UNIT, List.of(TWO_YEARS_100K), List.of(), "2025-01-01", 100_001);
        assertThat(over.regime()).isEqualTo(Regime.CHARGEABLE);
        assertThat(codes(over)).contains("mileage_exceeded");
    }

    @Test
    void operatingHoursLimitWorksLikeMileage() {
        Term hours = term(24, null, 10_000, StartBasis.DELIVERY, "2020-01-01", null);
        Decision within = EntitlementPolicy.decide(UNIT, List.of(hours), List.of(), LocalDate.of(2025, 1, 1), null, 9_000);
        assertThat(within.regime()).isEqualTo(Regime.FREE_WARRANTY);
        assertThat(within.remainingOperatingHours()).isEqualTo(1_000);
        Decision over = EntitlementPolicy.decide(UNIT, List.of(hours), List.of(), LocalDate.of(2025, 1, 1), null, 10_001);
        assertThat(over.regime()).isEqualTo(Regime.CHARGEABLE);
        assertThat(codes(over)).contains("hours_exceeded");
    }

    @Test
    void unknownMileageIsCoveredWithAWarning() {
        Decision d = decide(UNIT, List.of(TWO_YEARS_100K), List.of(), "2025-01-01", null);
        assertThat(d.regime()).isEqualTo(Regime.FREE_WARRANTY);
        assertThat(d.remainingMileageKm()).isNull();
        assertThat(codes(d)).contains("mileage_not_given");
    }

    @Test
    void mileageOnlyTermHasNoEndDate() {
        Term km = term(null, 300_000, null, StartBasis.DELIVERY, "2020-01-01", null);
        Decision d = decide(UNIT, List.of(km), List.of(), "2035-01-01", 299_999);
        assertThat(d.regime()).isEqualTo(Regime.FREE_WARRANTY);
        assertThat(d.validUntil()).isNull();
        assertThat(d.remainingMileageKm()).isEqualTo(1);
    }

    @Test
    void gapBetweenWarrantyAndContractIsChargeableUntilTheContractStarts() {
        List<Contract> contracts = List.of(contract("BX-1", "2026-03-01", "2028-02-28", null, true));
        Decision gap = decide(UNIT, List.of(TWO_YEARS_100K), contracts, "2026-02-01", 80_000);
        assertThat(gap.regime()).isEqualTo(Regime.CHARGEABLE);
        assertThat(gap.validUntil()).isEqualTo(LocalDate.of(2026, 2, 28));
        assertThat(codes(gap)).containsExactly("warranty_ended", "next_contract");

        Decision first = decide(UNIT, List.of(TWO_YEARS_100K), contracts, "2026-03-01", 80_000);
        assertThat(first.regime()).isEqualTo(Regime.SERVICE_CONTRACT);
        assertThat(first.validUntil()).isEqualTo(LocalDate.of(2028, 2, 28));
        assertThat(first.decidedBy().reference()).isEqualTo("BX-1");

        Decision last = decide(UNIT, List.of(TWO_YEARS_100K), contracts, "2028-02-28", 80_000);
        assertThat(last.regime()).isEqualTo(Regime.SERVICE_CONTRACT);
        Decision after = decide(UNIT, List.of(TWO_YEARS_100K), contracts, "2028-02-29", 80_000);
        assertThat(after.regime()).isEqualTo(Regime.CHARGEABLE);
    }

    @Test
    void warrantyWinsOverAContractThatOverlapsIt() {
        List<Contract> contracts = List.of(contract("BX-2", "2025-06-01", "2027-12-31", null, true));
        assertThat(decide(UNIT, List.of(TWO_YEARS_100K), contracts, "2025-07-01", 10).regime())
                .isEqualTo(Regime.FREE_WARRANTY);
    }

    @Test
    void cancelledContractsAndContractMileageLimitsDoNotCover() {
        List<Contract> cancelled = List.of(contract("BX-3", "2026-01-15", "2028-01-14", null, false));
        assertThat(decide(UNIT, List.of(TWO_YEARS_100K), cancelled, "2026-06-01", 1).regime()).isEqualTo(Regime.CHARGEABLE);

        List<Contract> limited = List.of(contract("BX-4", "2026-01-15", "2028-01-14", 150_000, true));
        Decision within = decide(UNIT, List.of(TWO_YEARS_100K), limited, "2026-06-01", 150_000);
        assertThat(within.regime()).isEqualTo(Regime.SERVICE_CONTRACT);
        assertThat(within.remainingMileageKm()).isZero();
        Decision over = decide(UNIT, List.of(TWO_YEARS_100K), limited, "2026-06-01", 150_001);
        assertThat(over.regime()).isEqualTo(Regime.CHARGEABLE);
        assertThat(codes(over)).contains("contract_mileage_exceeded");
    }

    @Test
    void unitNotYetDeliveredIsChargeable() {
        UnitFacts undelivered = new UnitFacts("SN2", ProductLine.COMMERCIAL_VEHICLE, null, null);
        Decision d = decide(undelivered, List.of(TWO_YEARS_100K), List.of(), "2025-01-01", 0);
        assertThat(d.regime()).isEqualTo(Regime.CHARGEABLE);
        assertThat(codes(d)).containsExactly("not_delivered");

        Decision before = decide(UNIT, List.of(TWO_YEARS_100K), List.of(), "2024-01-14", 0);
        assertThat(before.regime()).isEqualTo(Regime.CHARGEABLE);
        assertThat(before.validUntil()).isEqualTo(LocalDate.of(2024, 1, 14));
        assertThat(codes(before)).containsExactly("before_delivery");
    }

    @Test
    void theTermInForceOnTheDeliveryDateApplies() {
        Term old = term(24, null, null, StartBasis.DELIVERY, "2020-01-01", "2024-01-14");
        Term current = term(36, null, null, StartBasis.DELIVERY, "2024-01-15", null);
        Decision d = decide(UNIT, List.of(old, current), List.of(), "2026-06-01", null);
        assertThat(d.regime()).isEqualTo(Regime.FREE_WARRANTY);
        assertThat(d.decidedBy().id()).isEqualTo(current.id());
        assertThat(d.warrantyEnd()).isEqualTo(LocalDate.of(2027, 1, 14));

        UnitFacts earlier = new UnitFacts("SN3", ProductLine.COMMERCIAL_VEHICLE, LocalDate.of(2024, 1, 14), null);
        Decision e = decide(earlier, List.of(old, current), List.of(), "2026-06-01", null);
        assertThat(e.regime()).isEqualTo(Regime.CHARGEABLE);
        assertThat(e.warrantyEnd()).isEqualTo(LocalDate.of(2026, 1, 13));
    }

    @Test
    void termOfAnotherProductLineOrNoTermMeansNoFreeWarranty() {
        Term passenger = new Term(UUID.randomUUID(), ProductLine.PASSENGER_CAR, 24, null, null, StartBasis.DELIVERY,
                LocalDate.of(2020, 1, 1), null);
        Decision d = decide(UNIT, List.of(passenger), List.of(), "2024-06-01", null);
        assertThat(d.regime()).isEqualTo(Regime.CHARGEABLE);
        assertThat(codes(d)).containsExactly("no_term", "no_contract");
    }

    @Test
    void firstSaleBasisCountsFromTheFirstSaleButCoversFromDelivery() {
        Term firstSale = term(24, null, null, StartBasis.FIRST_SALE, "2020-01-01", null);
        UnitFacts sold = new UnitFacts("SN4", ProductLine.COMMERCIAL_VEHICLE, DELIVERED, LocalDate.of(2024, 5, 1));
        Decision inStock = decide(sold, List.of(firstSale), List.of(), "2024-02-01", null);
        assertThat(inStock.regime()).isEqualTo(Regime.FREE_WARRANTY);
        assertThat(inStock.warrantyStart()).isEqualTo(LocalDate.of(2024, 5, 1));
        assertThat(decide(sold, List.of(firstSale), List.of(), "2026-04-30", null).regime()).isEqualTo(Regime.FREE_WARRANTY);
        assertThat(decide(sold, List.of(firstSale), List.of(), "2026-05-01", null).regime()).isEqualTo(Regime.CHARGEABLE);

        UnitFacts unsold = new UnitFacts("SN5", ProductLine.COMMERCIAL_VEHICLE, DELIVERED, null);
        assertThat(decide(unsold, List.of(firstSale), List.of(), "2026-01-14", null).warrantyEnd())
                .isEqualTo(LocalDate.of(2026, 1, 14));
    }

    @Test
    void monthEndDeliveriesEndOnTheDayBeforeTheSameDateOrMonthEnd() {
        UnitFacts leap = new UnitFacts("SN6", ProductLine.COMMERCIAL_VEHICLE, LocalDate.of(2024, 2, 29), null);
        Term year = term(12, null, null, StartBasis.DELIVERY, "2020-01-01", null);
        assertThat(decide(leap, List.of(year), List.of(), "2025-02-27", null).regime()).isEqualTo(Regime.FREE_WARRANTY);
        assertThat(decide(leap, List.of(year), List.of(), "2025-02-27", null).warrantyEnd()).isEqualTo(LocalDate.of(2025, 2, 27));
        assertThat(decide(leap, List.of(year), List.of(), "2025-02-28", null).regime()).isEqualTo(Regime.CHARGEABLE);
    }

    @Test
    void aReplacementIsCoveredFromItsDeliveryUntilTheOriginalsWarrantyEnds() {
        // The original counted from its first sale (2024-05-01) under the term in force at its delivery.
        Term firstSale = term(24, 100_000, null, StartBasis.FIRST_SALE, "2020-01-01", "2024-12-31");
        Term later = term(60, null, null, StartBasis.DELIVERY, "2025-01-01", null);
        EntitlementPolicy.Original original = new EntitlementPolicy.Original(
                new UnitFacts("SN1", ProductLine.COMMERCIAL_VEHICLE, DELIVERED, LocalDate.of(2024, 5, 1)), List.of(firstSale, later));
        UnitFacts replacement = new UnitFacts("RP1", ProductLine.COMMERCIAL_VEHICLE, LocalDate.of(2025, 6, 1), null);
        List<Term> terms = List.of(firstSale, later);

        Decision last = EntitlementPolicy.decide(replacement, original, terms, List.of(), LocalDate.of(2026, 4, 30), 90_000, null);
        assertThat(last.regime()).isEqualTo(Regime.FREE_WARRANTY);
        assertThat(last.warrantyEnd()).isEqualTo(LocalDate.of(2026, 4, 30));
        assertThat(last.decidedBy().id()).isEqualTo(firstSale.id());
        assertThat(last.remainingMileageKm()).isEqualTo(10_000);
        assertThat(last.reasons().get(0)).isEqualTo(new EntitlementPolicy.Reason("replacement_inherited",
                List.of("SN1", LocalDate.of(2026, 4, 30))));
        // Not the 60 months the replacement's own delivery date would give.
        Decision after = EntitlementPolicy.decide(replacement, original, terms, List.of(), LocalDate.of(2026, 5, 1), null, null);
        assertThat(codes(after)).containsExactly("replacement_inherited", "warranty_ended", "no_contract");
        assertThat(EntitlementPolicy.decide(replacement, null, terms, List.of(), LocalDate.of(2026, 5, 1), null, null).regime())
                .isEqualTo(Regime.FREE_WARRANTY);
        // Covered from its own delivery only.
        assertThat(codes(EntitlementPolicy.decide(replacement, original, terms, List.of(), LocalDate.of(2025, 5, 31), null, null)))
                .containsExactly("before_delivery");

        // An original without a term leaves nothing to inherit.
        EntitlementPolicy.Original uncovered = new EntitlementPolicy.Original(original.unit(), List.of(later));
        assertThat(codes(EntitlementPolicy.decide(replacement, uncovered, terms, List.of(), LocalDate.of(2025, 7, 1), null, null)))
                .containsExactly("replacement_nothing_inherited", "no_term", "no_contract");
    }
}
