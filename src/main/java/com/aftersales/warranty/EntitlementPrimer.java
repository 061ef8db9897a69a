package com.aftersales.warranty;

import com.aftersales.shared.error.Messages;
import com.aftersales.shared.lambda.Primer;
import com.aftersales.unit.ProductLine;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The entitlement lookup's hot path without a database, for SnapStart's snapshot: {@link EntitlementPolicy} on
 * made-up facts in each of its outcomes (before delivery, in warranty, over the mileage, under a service contract,
 * no term), the answer built in both languages and written by the REST layer's {@link ObjectMapper}.
 */
@ApplicationScoped
public class EntitlementPrimer implements Primer {

    private static final LocalDate DELIVERED = LocalDate.of(2024, 3, 1);
    private static final List<EntitlementPolicy.Term> TERMS = List.of(
            new EntitlementPolicy.Term(new UUID(0, 1), ProductLine.COMMERCIAL_VEHICLE, 24, 100_000, null,
                    StartBasis.DELIVERY, LocalDate.of(2020, 1, 1), null),
            new EntitlementPolicy.Term(new UUID(0, 2), ProductLine.PASSENGER_CAR, 36, null, 5_000,
                    StartBasis.FIRST_SALE, LocalDate.of(2020, 1, 1), null));
    private static final List<EntitlementPolicy.Contract> CONTRACTS = List.of(
            new EntitlementPolicy.Contract(new UUID(0, 3), "SC-PRIMING", LocalDate.of(2026, 3, 1),
                    LocalDate.of(2028, 2, 29), 300_000, true));

    @Inject
    ObjectMapper json;

    private int run;

    @Override
    public void prime() {
        int i = run++;
        ProductLine line = ProductLine.values()[i % ProductLine.values().length];
        EntitlementPolicy.UnitFacts unit = new EntitlementPolicy.UnitFacts("PRIMING" + i, line,
                i % 7 == 0 ? null : DELIVERED, DELIVERED.plusDays(i % 30));
        LocalDate day = DELIVERED.plusDays(i % 1_500 - 10);
        Integer mileage = i % 3 == 0 ? null : i * 97 % 150_000;
        Integer hours = i % 4 == 0 ? null : i % 6_000;
        EntitlementPolicy.Decision decision = EntitlementPolicy.decide(unit, TERMS, i % 2 == 0 ? CONTRACTS : List.of(),
                day, mileage, hours);
        Locale locale = i % 2 == 0 ? Messages.ZH : Messages.EN;
        try {
            json.writeValueAsBytes(Entitlements.view(unit.serialNo(), day, mileage, hours, decision, locale));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
