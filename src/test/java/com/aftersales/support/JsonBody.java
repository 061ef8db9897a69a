package com.aftersales.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A request body built field by field and written by Jackson, so that no test quotes or escapes JSON by hand. The
 * builders keep their fields in order of setting; a field set to null is left out (the API reads a missing field as
 * null), and dates are written as the API reads them (ISO-8601).
 */
public abstract class JsonBody<B extends JsonBody<B>> {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Map<String, Object> fields = new LinkedHashMap<>();

    /** Sets a field (null removes it). */
    protected final B set(String name, Object value) {
        if (value == null) {
            fields.remove(name);
        } else {
            fields.put(name, plain(value));
        }
        @SuppressWarnings("unchecked")
        B self = (B) this;
        return self;
    }

    /** Adds an element to a list field. */
    protected final B add(String name, Object element) {
        @SuppressWarnings("unchecked")
        List<Object> list = (List<Object>) fields.computeIfAbsent(name, n -> new ArrayList<>());
        list.add(plain(element));
        @SuppressWarnings("unchecked")
        B self = (B) this;
        return self;
    }

    protected final Object get(String name) {
        return fields.get(name);
    }

    /** The body as JSON text. */
    public final String json() {
        return write(fields);
    }

    @Override
    public final String toString() {
        return json();
    }

    /** Any value of maps, lists, texts, numbers and booleans as JSON text. */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(plain(value));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** A body of a few fields given as name, value, name, value…; null values are left out. */
    public static String of(Object... namesAndValues) {
        return write(object(namesAndValues));
    }

    /** A nested object of a few fields given as name, value, name, value…; null values are left out. */
    public static Map<String, Object> object(Object... namesAndValues) {
        Map<String, Object> object = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (namesAndValues[i + 1] != null) {
                object.put((String) namesAndValues[i], plain(namesAndValues[i + 1]));
            }
        }
        return object;
    }

    /** Nested builders become their fields; dates and times their ISO text; lists element by element. */
    private static Object plain(Object value) {
        if (value instanceof JsonBody<?> body) {
            return body.fields;
        }
        if (value instanceof LocalDate || value instanceof OffsetDateTime) {
            return value.toString();
        }
        if (value instanceof List<?> list) {
            return new ArrayList<>(list.stream().map(JsonBody::plain).toList());
        }
        return value;
    }
}
