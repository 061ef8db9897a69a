package com.aftersales.shared.error;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * The service's texts in zh-CN (default) and en, from UTF-8 property files (plain resources: native-friendly).
 */
public final class Messages {

    public static final Locale ZH = Locale.SIMPLIFIED_CHINESE;
    public static final Locale EN = Locale.ENGLISH;

    private static final Properties ZH_TEXTS = load("i18n/messages_zh.properties");
    private static final Properties EN_TEXTS = load("i18n/messages_en.properties");

    private Messages() {
    }

    /** The caller's language from Accept-Language: English when it is preferred to Chinese, else zh-CN. */
    public static Locale choose(List<Locale> acceptable) {
        if (acceptable != null) {
            for (Locale locale : acceptable) {
                String lang = locale.getLanguage();
                if ("zh".equals(lang)) {
                    return ZH;
                }
                if ("en".equals(lang)) {
                    return EN;
                }
            }
        }
        return ZH;
    }

    /**
     * A code (a status, a category...) given to a text as an argument: the text shows it as {@link #code} renders it for
     * its reader ({@code code.<kind>.<CODE>}), not the raw code. Equal by kind and value; its string is the raw code.
     */
    public record Code(String kind, Object value) {
        @Override
        public String toString() {
            return value instanceof Enum<?> e ? e.name() : String.valueOf(value);
        }
    }

    /** {@code value} as a code of {@code kind}, for a text's arguments (problem details, field errors, unmet texts). */
    public static Code coded(String kind, Object value) {
        return new Code(kind, value);
    }

    public static String text(Locale locale, String key, Object... args) {
        Properties texts = EN.getLanguage().equals(locale.getLanguage()) ? EN_TEXTS : ZH_TEXTS;
        String pattern = texts.getProperty(key);
        if (pattern == null) {
            pattern = ZH_TEXTS.getProperty(key, key);
        }
        Object[] shown = args == null ? new Object[0] : args.clone();
        for (int i = 0; i < shown.length; i++) {
            shown[i] = shown(locale, shown[i]);
        }
        return new MessageFormat(pattern, locale).format(shown);
    }

    /** An argument as the reader sees it: a {@link Code} in their language, a collection of them joined. */
    private static Object shown(Locale locale, Object arg) {
        if (arg instanceof Code c) {
            return code(locale, c.kind(), c.value());
        }
        if (arg instanceof java.util.Collection<?> many && many.stream().anyMatch(Code.class::isInstance)) {
            return String.join(EN.getLanguage().equals(locale.getLanguage()) ? ", " : "、",
                    many.stream().map(a -> String.valueOf(shown(locale, a))).toList());
        }
        return arg;
    }

    /**
     * A code (role, severity, product line...) as a reader of the language sees it: the text of {@code code.<kind>.<code>},
     * or the code itself when it has none.
     */
    public static String code(Locale locale, String kind, Object code) {
        if (code == null) {
            return null;
        }
        String key = "code." + kind + "." + (code instanceof Enum<?> e ? e.name() : code.toString());
        return has(key) ? text(locale, key) : code.toString();
    }

    public static boolean has(String key) {
        return ZH_TEXTS.containsKey(key);
    }

    private static Properties load(String resource) {
        Properties properties = new Properties();
        try (InputStream in = Messages.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + resource);
            }
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
