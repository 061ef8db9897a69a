package com.aftersales.unit;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A steel-stamp number (钢印号) as people type it, normalised once: full-width characters folded (ＡＢ１２３ → AB123),
 * trimmed, upper case, so that one unit never has two spellings. Serials become one of these where they enter the service.
 */
public record SerialNo(String value) implements Comparable<SerialNo> {

    private static final Pattern VALID = Pattern.compile("[A-Z0-9][A-Z0-9._/-]{0,39}");

    /** Normalises whatever it is given: a record's constructor cannot be hidden, so it is the one way in. */
    public SerialNo {
        Objects.requireNonNull(value, "value");
        value = Normalizer.normalize(value, Normalizer.Form.NFKC).strip().toUpperCase(Locale.ROOT);
    }

    /** The serial someone typed, or null when there is none (an optional field, a missing CSV cell). */
    public static SerialNo of(String raw) {
        return raw == null ? null : new SerialNo(raw);
    }

    /** Whether it can be a stamped serial: letters, digits and {@code . _ / -}, at most 40, starting with a letter or digit. */
    public boolean isValid() {
        return VALID.matcher(value).matches();
    }

    @Override
    public int compareTo(SerialNo other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
