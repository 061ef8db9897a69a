package com.aftersales.warranty;

import com.aftersales.shared.error.Messages;
import com.aftersales.unit.SerialNo;
import com.aftersales.unit.UnitRecord;
import com.aftersales.unit.UnitRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/** Looks up a unit's entitlement: loads the facts, lets {@link EntitlementPolicy} decide. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class Entitlements {

    @Inject
    UnitRegistry units;

    @Inject
    WarrantyTerms terms;

    @Inject
    ServiceContracts contracts;

    @Inject
    Clock clock;

    public EntitlementPolicy.Decision decide(UnitRecord unit, LocalDate date, Integer mileageKm, Integer operatingHours) {
        List<EntitlementPolicy.Term> unitTerms = terms.of(unit.customerId(), unit.productLine()).stream()
                .map(WarrantyTerm::facts).toList();
        List<EntitlementPolicy.Contract> unitContracts = contracts.of(unit.id()).stream()
                .map(ServiceContract::facts).toList();
        return EntitlementPolicy.decide(
                new EntitlementPolicy.UnitFacts(unit.serialNo(), unit.productLine(), unit.deliveryDate(), unit.firstSaleDate()),
                unitTerms, unitContracts, date, mileageKm, operatingHours);
    }

    /** One read transaction for the unit, its terms and its contracts (one snapshot, one session). */
    @Transactional(Transactional.TxType.REQUIRED)
    public EntitlementView lookUp(SerialNo serialNo, LocalDate date, Integer mileageKm, Integer operatingHours,
                                  Locale locale) {
        UnitRecord unit = units.visible(serialNo, LockModeType.NONE);
        LocalDate day = date == null ? LocalDate.now(clock) : date;
        return view(unit.serialNo(), day, mileageKm, operatingHours, decide(unit, day, mileageKm, operatingHours), locale);
    }

    /** The answer for one decision, its reasons in the caller's language (also run by {@link EntitlementPrimer}). */
    static EntitlementView view(String serialNo, LocalDate day, Integer mileageKm, Integer operatingHours,
                                EntitlementPolicy.Decision d, Locale locale) {
        List<EntitlementView.ReasonView> reasons = d.reasons().stream()
                .map(r -> new EntitlementView.ReasonView(r.code(),
                        Messages.text(locale, "entitlement." + r.code(), r.args().toArray())))
                .toList();
        String reason = String.join(locale.getLanguage().equals("en") ? "; " : "；",
                reasons.stream().map(EntitlementView.ReasonView::text).toList());
        return new EntitlementView(serialNo, day, mileageKm, operatingHours, d.regime(), d.validUntil(),
                d.remainingMileageKm(), d.remainingOperatingHours(), d.decidedBy(), d.warrantyStart(), d.warrantyEnd(),
                reason, reasons);
    }
}
