package com.aftersales.shared.upload;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * A column an import reads: the field name its issues carry, whether the file must have it, and the header names
 * (Chinese or English) that mean it. The field name is a header name too; names match ignoring case and spaces.
 */
public final class Column {

    private final String field;
    private final boolean required;
    private final Set<String> names;

    private Column(String field, boolean required, String... aliases) {
        this.field = field;
        this.required = required;
        Set<String> all = new HashSet<>();
        all.add(key(field));
        for (String alias : aliases) {
            all.add(key(alias));
        }
        this.names = Set.copyOf(all);
    }

    public static Column required(String field, String... aliases) {
        return new Column(field, true, aliases);
    }

    public static Column optional(String field, String... aliases) {
        return new Column(field, false, aliases);
    }

    public String field() {
        return field;
    }

    public boolean isRequired() {
        return required;
    }

    Set<String> names() {
        return names;
    }

    boolean matches(String header) {
        return names.contains(key(header));
    }

    /** " Serial No" and "serialno" are one header; full-width and no-break spaces count as spaces (Excel, IMEs). */
    static String key(String header) {
        StringBuilder key = new StringBuilder(header.length());
        header.codePoints()
                .filter(c -> !Character.isWhitespace(c) && !Character.isSpaceChar(c))
                .forEach(key::appendCodePoint);
        return key.toString().toLowerCase(Locale.ROOT);
    }
}
