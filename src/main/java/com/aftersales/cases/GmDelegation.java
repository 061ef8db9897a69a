package com.aftersales.cases;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import com.aftersales.shared.error.ProblemException;
import com.aftersales.shared.persistence.Versioned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * The general manager's approvals delegated to a named deputy (a user subject) for the period [validFrom, validTo),
 * with a reason. In force while not revoked and now lies inside the period.
 */
@Entity
@Table(name = "gm_delegation")
public class GmDelegation extends Versioned {

    @Schema(name = "GmDelegationStatus")
    public enum Status { SCHEDULED, IN_FORCE, ENDED, REVOKED }

    @Id
    public UUID id;

    @Column(nullable = false, updatable = false)
    public String delegator;

    @Column(nullable = false, updatable = false)
    public String deputy;

    @Column(name = "valid_from", nullable = false, updatable = false)
    public OffsetDateTime validFrom;

    @Column(name = "valid_to", nullable = false, updatable = false)
    public OffsetDateTime validTo;

    @Column(nullable = false, updatable = false)
    public String reason;

    @Column(name = "revoked_at")
    OffsetDateTime revokedAt;

    @Column(name = "revoked_by")
    String revokedBy;

    @Column(name = "revoke_reason")
    String revokeReason;

    Status status(OffsetDateTime now) {
        if (revokedAt != null) {
            return Status.REVOKED;
        }
        if (now.isBefore(validFrom)) {
            return Status.SCHEDULED;
        }
        return now.isBefore(validTo) ? Status.IN_FORCE : Status.ENDED;
    }

    /** Revoked once, while it has not ended: the deputy may no longer act from now on. */
    void revoke(String who, String why, OffsetDateTime now) {
        Status status = status(now);
        if (status == Status.REVOKED || status == Status.ENDED) {
            throw new ProblemException(409, "gm_delegation_over", status).with("delegationStatus", status);
        }
        revokedAt = now;
        revokedBy = who;
        revokeReason = why == null || why.isBlank() ? null : why.strip();
    }
}
