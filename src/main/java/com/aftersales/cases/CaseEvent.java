package com.aftersales.cases;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.UUID;

/** One entry of a case's timeline. */
@Entity
@Table(name = "case_event")
public class CaseEvent {

    public enum Kind { OPENED, TRANSITION, NOTE, ASSIGNMENT, MAJOR, ACTION_PLAN, APPROVAL, VISIT, COST, WAIVER }

    public enum Visibility { INTERNAL, CUSTOMER }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "case_id", nullable = false, updatable = false)
    public UUID caseId;

    /** Set by CaseTimeline from the business clock. */
    @Column(name = "occurred_at", nullable = false, updatable = false)
    public OffsetDateTime occurredAt;

    @Column(nullable = false, updatable = false)
    public String actor;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    public Kind kind;

    @Enumerated(EnumType.STRING)
    @Column(name = "from_status", updatable = false)
    public CaseStatus fromStatus;

    @Enumerated(EnumType.STRING)
    @Column(name = "to_status", updatable = false)
    public CaseStatus toStatus;

    @Column(updatable = false)
    public String text;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    public Visibility visibility;
}
