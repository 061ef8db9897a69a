package com.aftersales.cases;

import com.aftersales.unit.ProductLine;
import com.aftersales.warranty.Regime;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** A case as the API shows it. Internal fields are null for a customer account. */
@RegisterForReflection
public record CaseView(UUID id, String caseNo, CaseType type, ServicePurpose purpose, CaseStatus status, List<CaseStatus> allowedTransitions,
                       Severity severity, UUID customerId, ProductLine productLine, String title, String description,
                       LocalDate failureDate, OpenCaseRequest.Reporter reporter, Channel channel, String ownerRole,
                       String ownerPerson, String managerRole, boolean major, String majorReason, String actionPlan,
                       ApprovalStatus approvalStatus, String approvalDecidedBy, String approvalOnBehalfOf,
                       OffsetDateTime firstResponseDue, OffsetDateTime resolutionDue,
                       OffsetDateTime firstRespondedAt, OffsetDateTime resolvedAt, OffsetDateTime closedAt,
                       boolean overdue, int reopenCount, PossibleDuplicate possibleDuplicate, List<UnitEntitlement> units,
                       String createdBy, long version, OffsetDateTime createdAt, OffsetDateTime updatedAt) {

    /** Why the case may repeat an earlier one (claims are paid on these). */
    @RegisterForReflection
    public record PossibleDuplicate(UUID caseId, String caseNo, String serialNo, int similarityPercent, String reason) {
    }

    /** A unit of the case and its entitlement frozen at intake. */
    @RegisterForReflection
    public record UnitEntitlement(String serialNo, Integer mileageKm, Integer operatingHours, Regime regime,
                                  LocalDate validUntil, String decidedByKind, UUID decidedById, String decidedByRef,
                                  String reason) {
    }
}
