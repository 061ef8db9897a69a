package com.aftersales.cases;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The spare-parts catalogue as a visit's report needs it: which part numbers are catalogued, under which id and name.
 * The spare-parts area (above this one) provides it, so a case never reads that area's tables.
 */
public interface PartCatalogue {

    /** A catalogued part. */
    record Entry(UUID id, String partNo, String name) {
    }

    /** The catalogued parts among these numbers, by {@link #key} of their number. */
    Map<String, Entry> find(Collection<String> partNos);

    /** Part numbers are catalogued upper-case and without surrounding blanks. */
    static String key(String partNo) {
        return partNo.strip().toUpperCase(Locale.ROOT);
    }
}
