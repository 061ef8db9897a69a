package com.aftersales.recall;

import com.aftersales.shared.error.ProblemException;
import com.aftersales.shared.error.ProblemException.Issue;
import com.aftersales.unit.SerialNo;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns campaign criteria into one SQL condition on {@code unit_record u} (the unit area's read model) with positional
 * parameters, shared by the preview (count) and the activation (INSERT … SELECT), so the preview is exactly what
 * activation freezes.
 */
final class AffectedUnits {

    record Condition(String sql, List<Object> params) {
    }

    private AffectedUnits() {
    }

    static void check(RecallCampaign.Criteria c) {
        List<Issue> issues = new ArrayList<>();
        boolean any = notEmpty(c.productModels()) || c.productionFrom() != null || c.productionTo() != null
                || notEmpty(c.batches()) || notEmpty(c.serialRanges()) || notEmpty(c.serials()) || notEmpty(c.customerIds())
                || c.software() != null;
        if (!any) {
            issues.add(Issue.of("criteria", "recalls.criteria_empty"));
        }
        if (c.productionFrom() != null && c.productionTo() != null && c.productionTo().isBefore(c.productionFrom())) {
            issues.add(Issue.of("criteria.productionTo", "warranty.to_before_from"));
        }
        if (c.serialRanges() != null) {
            for (int i = 0; i < c.serialRanges().size(); i++) {
                RecallCampaign.SerialRange r = c.serialRanges().get(i);
                if (SerialNo.of(r.to()).compareTo(SerialNo.of(r.from())) < 0) {
                    issues.add(Issue.of("criteria.serialRanges[" + i + "]", "warranty.to_before_from"));
                }
            }
        }
        if (c.software() != null) {
            if (!notEmpty(c.software().versions()) && (c.software().below() == null || c.software().below().isBlank())) {
                issues.add(Issue.of("criteria.software", "recalls.software_criterion_empty"));
            }
            if (c.software().below() != null && !c.software().below().isBlank()
                    && !COMPARABLE.matcher(c.software().below().strip()).lookingAt()) {
                issues.add(Issue.of("criteria.software.below", "recalls.software_below_not_numeric", c.software().below()));
            }
        }
        if (!issues.isEmpty()) {
            throw new ProblemException(422, "validation_failed", issues);
        }
    }

    /** A version a range can compare: numeric dotted segments first (aftersales_version_key, V45). */
    private static final java.util.regex.Pattern COMPARABLE = java.util.regex.Pattern.compile("[vV]?[0-9]{1,15}(\\.[0-9]{1,15})*");

    /** The condition, numbering parameters from {@code firstParam}. */
    static Condition of(RecallCampaign.Criteria c, int firstParam) {
        List<String> and = new ArrayList<>();
        // A replaced unit has left the field (its replacement is selected by the same criteria instead).
        and.add("u.replaced_on is null");
        List<Object> params = new ArrayList<>();
        int[] n = {firstParam};
        java.util.function.Function<Object, String> p = value -> {
            params.add(value);
            return "?" + (n[0]++);
        };
        if (notEmpty(c.productModels())) {
            and.add("u.product_model = any(cast(" + p.apply(c.productModels().toArray(new String[0])) + " as text[]))");
        }
        if (c.productionFrom() != null) {
            and.add("u.production_date >= " + p.apply(c.productionFrom()));
        }
        if (c.productionTo() != null) {
            and.add("u.production_date <= " + p.apply(c.productionTo()));
        }
        if (notEmpty(c.batches())) {
            and.add("u.batch_no = any(cast(" + p.apply(c.batches().toArray(new String[0])) + " as text[]))");
        }
        if (notEmpty(c.customerIds())) {
            and.add("u.customer_id = any(cast(" + p.apply(c.customerIds().toArray(new java.util.UUID[0])) + " as uuid[]))");
        }
        if (c.software() != null) {
            // The unit area's read model of current versions; set-based, one semi-join for preview and activation alike.
            List<String> match = new ArrayList<>();
            if (notEmpty(c.software().versions())) {
                match.add("s.version = any(cast(" + p.apply(c.software().versions().stream().map(String::strip)
                        .toArray(String[]::new)) + " as text[]))");
            }
            if (c.software().below() != null && !c.software().below().isBlank()) {
                match.add("s.version_key < aftersales_version_key(cast(" + p.apply(c.software().below().strip()) + " as text))");
            }
            and.add("exists (select 1 from unit_software_version s where s.unit_id = u.id and s.component = "
                    + p.apply(c.software().component().strip().toUpperCase(java.util.Locale.ROOT)) + " and ("
                    + String.join(" or ", match) + "))");
        }
        List<String> serialOr = new ArrayList<>();
        if (notEmpty(c.serialRanges())) {
            for (RecallCampaign.SerialRange r : c.serialRanges()) {
                serialOr.add("u.serial_no between " + p.apply(SerialNo.of(r.from()).value()) + " and "
                        + p.apply(SerialNo.of(r.to()).value()));
            }
        }
        if (notEmpty(c.serials())) {
            serialOr.add("u.serial_no = any(cast(" + p.apply(c.serials().stream().map(s -> SerialNo.of(s).value()).toArray(String[]::new))
                    + " as text[]))");
        }
        if (!serialOr.isEmpty()) {
            and.add("(" + String.join(" or ", serialOr) + ")");
        }
        return new Condition(String.join(" and ", and), params);
    }

    private static boolean notEmpty(List<?> list) {
        return list != null && !list.isEmpty();
    }
}
