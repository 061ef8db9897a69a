package com.aftersales.cases;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * What another area does when a case is reopened, in the reopening's own transaction (so a refused or rolled-back
 * reopening changes nothing there either). The areas that keep such records (the follow-up rounds) sit above the cases
 * area: each implements this as a bean and changes only its own tables, so the workflow tells them without depending on
 * them (as {@link CaseClosingCondition} does for the closing gate).
 */
public interface CaseReopenListener {

    /** The case {@code caseId} was reopened at {@code at} (the business clock's now of the reopening). */
    void reopened(UUID caseId, OffsetDateTime at);
}
