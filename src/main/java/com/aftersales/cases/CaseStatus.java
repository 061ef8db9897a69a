package com.aftersales.cases;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The case state machine. Every change is a transition named here; anything else is 409. */
public enum CaseStatus {
    NEW, ACKNOWLEDGED, INVESTIGATING, RESOLVING, RESOLVED, CLOSED, REJECTED, REOPENED;

    private static final Map<CaseStatus, Set<CaseStatus>> NEXT = Map.of(
            NEW, EnumSet.of(ACKNOWLEDGED, REJECTED),
            ACKNOWLEDGED, EnumSet.of(INVESTIGATING, REJECTED),
            INVESTIGATING, EnumSet.of(RESOLVING, REJECTED),
            RESOLVING, EnumSet.of(RESOLVED, INVESTIGATING),
            RESOLVED, EnumSet.of(CLOSED, RESOLVING, REOPENED),
            CLOSED, EnumSet.of(REOPENED),
            REJECTED, EnumSet.of(REOPENED),
            REOPENED, EnumSet.of(ACKNOWLEDGED, INVESTIGATING, REJECTED));

    public Set<CaseStatus> next() {
        return NEXT.get(this);
    }

    public boolean canMoveTo(CaseStatus target) {
        return NEXT.get(this).contains(target);
    }

    /** Still needs work: counts for SLA breaches. */
    public boolean isOpen() {
        return this != RESOLVED && this != CLOSED && this != REJECTED;
    }

    /**
     * The statuses that are not open as an SQL list, {@code 'RESOLVED', 'CLOSED', 'REJECTED'}, for set-based SQL that
     * must agree with {@link #isOpen()}; written out in full so the planner matches the partial index on open cases.
     */
    static final String NOT_OPEN_SQL = Arrays.stream(values()).filter(s -> !s.isOpen())
            .map(s -> "'" + s.name() + "'").collect(Collectors.joining(", "));
}
