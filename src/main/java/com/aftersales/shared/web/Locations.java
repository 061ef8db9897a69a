package com.aftersales.shared.web;

import com.aftersales.shared.error.ProblemException;

import java.util.Locale;

/** A stock location code as every area writes it: letters, digits, '_' and '-', up to 40, upper case ("hq" is HQ). */
public final class Locations {

    private Locations() {
    }

    /** @throws ProblemException 400 naming {@code field} when the code is empty or has other characters */
    public static String of(String field, String raw) {
        String location = raw == null ? "" : raw.strip().toUpperCase(Locale.ROOT);
        if (!location.matches("[A-Z0-9_-]{1,40}")) {
            throw ProblemException.invalid(field, "parts.location_format");
        }
        return location;
    }
}
