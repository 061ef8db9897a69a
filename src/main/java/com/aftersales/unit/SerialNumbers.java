package com.aftersales.unit;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Steel-stamp numbers (钢印号) as people type them: trimmed, upper case, full-width characters folded
 * (ＡＢ１２３ → AB123), so that one unit never has two spellings.
 */
public final class SerialNumbers {

    public static final Pattern VALID = Pattern.compile("[A-Z0-9][A-Z0-9._/-]{0,39}");

    private SerialNumbers() {
    }

    public static String normalise(String raw) {
        if (raw == null) {
            return null;
        }
        return Normalizer.normalize(raw, Normalizer.Form.NFKC).strip().toUpperCase(Locale.ROOT);
    }

    public static boolean isValid(String normalised) {
        return normalised != null && VALID.matcher(normalised).matches();
    }
}
