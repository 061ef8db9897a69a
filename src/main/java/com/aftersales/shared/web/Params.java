package com.aftersales.shared.web;

import com.aftersales.shared.error.ProblemException;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Collectors;

/** Reads path and query parameters with clear 4xx answers instead of framework defaults. */
public final class Params {

    private Params() {
    }

    /** A malformed id names no record: 404, like any unknown id. */
    public static UUID uuid(String what, String value) {
        try {
            return UUID.fromString(value);
        } catch (RuntimeException e) {
            throw ProblemException.notFound(what, value);
        }
    }

    public static <E extends Enum<E>> E enumParam(String name, String value, Class<E> type) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badParameter(name, "validation.one_of",
                    Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", ")));
        }
    }

    public static LocalDate dateParam(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw ProblemException.badParameter(name, "validation.date");
        }
    }

    /** A month as {@code YYYY-MM} (required: 400 when missing or malformed). */
    public static java.time.YearMonth monthParam(String name, String value) {
        if (value == null || value.isBlank()) {
            throw ProblemException.badParameter(name, "validation.required");
        }
        try {
            return java.time.YearMonth.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw ProblemException.badParameter(name, "validation.month");
        }
    }

    public static Integer intParam(String name, String value, int min, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n < min || n > max) {
                throw ProblemException.badParameter(name, "validation.range", min, max);
            }
            return n;
        } catch (NumberFormatException e) {
            throw ProblemException.badParameter(name, "validation.range", min, max);
        }
    }

    public static Boolean boolParam(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw ProblemException.badParameter(name, "validation.one_of", "true, false");
        };
    }
}
