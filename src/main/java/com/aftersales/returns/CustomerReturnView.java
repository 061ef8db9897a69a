package com.aftersales.returns;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A return as the customer account whose case it is sees it: its state, and per unit the verdict and what is done with
 * the unit. Never the case's verified costs, cost shares or supplier recovery, the supplier and its share, the cause
 * analysis, the lab's test records or who did what inside the company.
 */
@RegisterForReflection
public record CustomerReturnView(UUID id, String returnNo, UUID caseId, String reason, ReturnOrder.Status status,
                                 OffsetDateTime receivedAt, List<ReturnedUnit> units, OffsetDateTime closedAt,
                                 OffsetDateTime createdAt, OffsetDateTime updatedAt) {

    static CustomerReturnView of(ReturnOrder r, List<ReturnUnit> units) {
        return new CustomerReturnView(r.id, r.returnNo, r.caseId, r.reason, r.status(), r.receivedAt(),
                units.stream().map(ReturnedUnit::of).toList(), r.closedAt(), r.createdAt, r.updatedAt);
    }

    @RegisterForReflection
    public record ReturnedUnit(String serialNo, ReturnUnit.Verdict verdict, ReturnUnit.Disposition disposition,
                           String replacementSerial, OffsetDateTime restockedAt) {
        static ReturnedUnit of(ReturnUnit u) {
            return new ReturnedUnit(u.serialNo(), u.verdict(), u.disposition(), u.replacementSerial(), u.restockedAt());
        }
    }

    /** A page of returns as a customer account sees them. */
    @RegisterForReflection
    public record CustomerReturnPage(List<CustomerReturnView> items, String nextCursor, int limit) {
    }
}
