package com.aftersales.cases;

import java.util.List;
import java.util.UUID;

/**
 * Records of another area that a case must see settled before it closes (procedure §7.2.3, §9.1–9.5). The areas that
 * keep them (8D reports, return orders) sit above the cases area: each implements this as a bean and answers for its
 * own tables, so the closing gate asks them without reading their tables or depending on them.
 */
public interface CaseClosingCondition {

    /** What kind of record: a linked 8D report (which a QUALITY_ENGINEER may waive for the case) or a return order. */
    enum Kind { EIGHT_D, RETURN }

    /** A record of the case not settled yet: its id, the number people know it by, and its status now. */
    record Unsettled(Kind kind, UUID id, String reference, String status) {
    }

    /** The case's records of this area that are not settled (closed) yet, in a stable order. */
    List<Unsettled> unsettled(UUID caseId);

    /** Rows of (id, reference, status), as a native query of the owning area answers them, as records of a kind. */
    static List<Unsettled> of(Kind kind, List<?> rows) {
        return rows.stream().map(Object[].class::cast)
                .map(r -> new Unsettled(kind, (UUID) r[0], (String) r[1], (String) r[2])).toList();
    }
}
