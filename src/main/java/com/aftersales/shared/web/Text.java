package com.aftersales.shared.web;

/** Free text as users type it. */
public final class Text {

    private Text() {
    }

    /** Trimmed, or null when there is nothing but white space. */
    public static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** The text as a literal inside a LIKE pattern: backslash, % and _ escaped. */
    public static String likeLiteral(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
