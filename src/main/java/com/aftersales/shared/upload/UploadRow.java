package com.aftersales.shared.upload;

import com.aftersales.shared.error.ProblemException.Issue;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One data row of an upload, read cell by cell. Each reader returns null for an empty cell or one it cannot read;
 * a cell it cannot read becomes an issue at this row's line, under the column's field, and reading goes on.
 */
public final class UploadRow {

    // Strict: 2024-02-30 is a wrong date, not February 29.
    private static final DateTimeFormatter SLASHED = DateTimeFormatter.ofPattern("uuuu/M/d")
            .withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter DASHED = DateTimeFormatter.ofPattern("uuuu-M-d")
            .withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter CHINESE = DateTimeFormatter.ofPattern("uuuu年M月d日")
            .withResolverStyle(ResolverStyle.STRICT);
    private static final Pattern EXCEL_SERIAL = Pattern.compile("([0-9]{1,5})(\\.[0-9]+)?");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("H:mm[:ss]")
            .withResolverStyle(ResolverStyle.STRICT);
    /** Day 0 of Excel's 1900 date system as it counts after February 1900 (its phantom 1900-02-29 included). */
    private static final LocalDate EXCEL_EPOCH = LocalDate.of(1899, 12, 30);

    private final int line;
    private final List<String> cells;
    private final Map<Column, Integer> positions;
    private final List<Issue> issues;
    private int found;

    UploadRow(int line, List<String> cells, Map<Column, Integer> positions, List<Issue> issues) {
        this.line = line;
        this.cells = cells;
        this.positions = positions;
        this.issues = issues;
    }

    /** The line in the file (the header is line 1). */
    public int line() {
        return line;
    }

    /** The cell without surrounding spaces; null when it is empty or the column is not in the file. */
    public String text(Column column) {
        Integer index = positions.get(column);
        if (index == null || index >= cells.size()) {
            return null;
        }
        String value = cells.get(index).strip();
        return value.isEmpty() ? null : value;
    }

    /** The cell as text of at most maxLength characters. */
    public String text(Column column, int maxLength) {
        return maxLength(column, text(column), maxLength);
    }

    /** The value (read from the column and perhaps normalised), with an issue if it is longer than maxLength. */
    public String maxLength(Column column, String value, int maxLength) {
        if (value != null && value.length() > maxLength) {
            issue(column, "validation.max_length", maxLength);
        }
        return value;
    }

    /** An issue if the value (read from the column and perhaps normalised) is missing. */
    public void required(Column column, String value) {
        if (value == null || value.isEmpty()) {
            issue(column, "validation.required");
        }
    }

    /**
     * A date as 2024-03-05, 2024/3/5, 2024-3-5, 2024年3月5日 or an Excel serial day number (45356: days since
     * 1899-12-30, what a date cell becomes when a sheet is saved without its format; 1 to 80000, i.e. up to 2119).
     * A time of day after it (2024/3/5 14:30, what a date-time cell gives) is read and dropped.
     */
    public LocalDate date(Column column) {
        LocalDateTime at = dateTime(column);
        return at == null ? null : at.toLocalDate();
    }

    /**
     * A date as {@link #date} reads it, with an optional time of day after a space (14:30 or 14:30:05) or as the
     * fraction of an Excel serial (45356.5 is noon); a date alone is its start.
     */
    public LocalDateTime dateTime(Column column) {
        String value = text(column);
        if (value == null) {
            return null;
        }
        try {
            java.util.regex.Matcher serial = EXCEL_SERIAL.matcher(value);
            if (serial.matches()) {
                int days = Integer.parseInt(serial.group(1));
                if (days < 1 || days > 80_000) {
                    throw new DateTimeParseException("serial out of range", value, 0);
                }
                long seconds = serial.group(2) == null ? 0 : new java.math.BigDecimal("0" + serial.group(2))
                        .multiply(java.math.BigDecimal.valueOf(86_400)).setScale(0, java.math.RoundingMode.HALF_UP).longValue();
                return EXCEL_EPOCH.plusDays(days).atStartOfDay().plusSeconds(seconds);
            }
            String[] parts = value.split("[ \u00A0\u3000T]+", 2);
            String day = parts[0];
            LocalDate date = LocalDate.parse(day, day.contains("/") ? SLASHED : day.contains("年") ? CHINESE : DASHED);
            return parts.length == 1 ? date.atStartOfDay() : date.atTime(LocalTime.parse(parts[1], TIME));
        } catch (DateTimeParseException e) {
            issue(column, "validation.date");
            return null;
        }
    }

    /** One of the values, by the parser; an issue lists the allowed ones (as the user may write them). */
    public <T> T oneOf(Column column, Function<String, Optional<T>> parser, String allowed) {
        String value = text(column);
        if (value == null) {
            return null;
        }
        Optional<T> parsed = parser.apply(value);
        if (parsed.isEmpty()) {
            issue(column, "validation.one_of", allowed);
        }
        return parsed.orElse(null);
    }

    /** One of the constants, by name in any case. */
    public <E extends Enum<E>> E oneOf(Column column, E[] values) {
        return oneOf(column, v -> constant(values, v), names(values));
    }

    /** One of the constants; an empty cell is an issue too, listing them as for a wrong one. */
    public <E extends Enum<E>> E requiredOneOf(Column column, E[] values) {
        if (text(column) == null) {
            issue(column, "validation.one_of", names(values));
            return null;
        }
        return oneOf(column, values);
    }

    /** An issue of this row under the column's field, for rules the import checks itself. */
    public void issue(Column column, String key, Object... args) {
        issues.add(Issue.atLine(line, column.field(), key, args));
        found++;
    }

    /** Whether a reader or {@link #issue} found something wrong in this row. */
    public boolean hasIssues() {
        return found > 0;
    }

    private static <E extends Enum<E>> Optional<E> constant(E[] values, String text) {
        String name = text.toUpperCase(Locale.ROOT);
        return Arrays.stream(values).filter(v -> v.name().equals(name)).findFirst();
    }

    private static String names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).collect(Collectors.joining(", "));
    }
}
