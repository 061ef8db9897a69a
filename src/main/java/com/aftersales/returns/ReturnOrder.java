package com.aftersales.returns;

import com.aftersales.shared.persistence.Versioned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A return (RMA) authorised on a case: received, tested, judged, disposed, closed. */
@Entity
@Table(name = "return_order")
public class ReturnOrder extends Versioned {

    public enum Status { AUTHORISED, RECEIVED, TESTING, JUDGED, DISPOSED, CLOSED }

    @Id
    public UUID id;

    @Column(name = "return_no", nullable = false, updatable = false)
    public String returnNo;

    @Column(name = "case_id", nullable = false, updatable = false)
    public UUID caseId;

    @Column(nullable = false)
    public String reason;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @Column(name = "authorised_by", nullable = false, updatable = false)
    public String authorisedBy;

    @Column(name = "received_at")
    public OffsetDateTime receivedAt;

    @Column(name = "received_by")
    public String receivedBy;

    @Column(name = "closed_at")
    public OffsetDateTime closedAt;
}
