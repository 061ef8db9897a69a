package com.aftersales.shared.paging;

import com.aftersales.shared.error.ProblemException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/**
 * Keyset pagination: {@code limit} (default 50, at most 200) and an opaque cursor holding the sort key
 * of the last item seen. Queries fetch limit + 1 rows to know whether there is a next page.
 */
public record PageRequest(int limit, String after) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    public static PageRequest of(String limit, String cursor) {
        int size = DEFAULT_LIMIT;
        if (limit != null && !limit.isBlank()) {
            try {
                size = Integer.parseInt(limit.trim());
            } catch (NumberFormatException e) {
                size = -1;
            }
            if (size < 1 || size > MAX_LIMIT) {
                throw ProblemException.badParameter("limit", "validation.range", 1, MAX_LIMIT);
            }
        }
        String after = null;
        if (cursor != null && !cursor.isBlank()) {
            try {
                after = new String(Base64.getUrlDecoder().decode(cursor.trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw ProblemException.badParameter("cursor", "validation.cursor");
            }
        }
        return new PageRequest(size, after);
    }

    /** Rows were fetched with {@link #fetchSize()}; trims the extra one and encodes the next cursor from the last item. */
    public <E, T> Page<T> page(List<E> rows, Function<E, String> sortKey, Function<E, T> view) {
        boolean more = rows.size() > limit;
        List<E> visible = more ? rows.subList(0, limit) : rows;
        String next = more ? encode(sortKey.apply(visible.get(visible.size() - 1))) : null;
        return new Page<>(visible.stream().map(view).toList(), next, limit);
    }

    public int fetchSize() {
        return limit + 1;
    }

    static String encode(String key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8));
    }
}
