package com.aftersales.unit;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The product line decides who owns a unit's after-sales (BRIEF.md step 1) and which warranty term applies. */
public enum ProductLine {
    COMMERCIAL_VEHICLE, PASSENGER_CAR, MICRO_CAR, SYSTEM;

    private static final Map<String, ProductLine> CHINESE = Map.of(
            "商用车", COMMERCIAL_VEHICLE,
            "乘用车", PASSENGER_CAR,
            "微车", MICRO_CAR,
            "微型车", MICRO_CAR,
            "系统", SYSTEM,
            "系统产品", SYSTEM);

    /** Reads the English code or the Chinese name used in sales' spreadsheets. */
    public static Optional<ProductLine> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.strip();
        ProductLine chinese = CHINESE.get(t);
        if (chinese != null) {
            return Optional.of(chinese);
        }
        try {
            return Optional.of(valueOf(t.toUpperCase(Locale.ROOT).replace(' ', '_').replace('-', '_')));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
