package com.aftersales.cases;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
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

    @Schema(name = "CaseEventKind")
    public enum Kind { OPENED, TRANSITION, NOTE, ASSIGNMENT, MAJOR, ACTION_PLAN, APPROVAL, VISIT, COST, WAIVER, CLAIM }

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

    /**
     * A note written as a message key and its arguments (another area's note, {@link CaseTimeline#addInternalNote}): read
     * in the reader's language; {@link #text} keeps its zh-CN rendering. Null for texts people wrote.
     */
    @Column(name = "text_key", updatable = false)
    public String textKey;

    @org.hibernate.annotations.JdbcTypeCode(org.hibernate.type.SqlTypes.JSON)
    @Column(name = "text_args", updatable = false)
    public java.util.List<String> textArgs;

    /** The text as a reader of {@code locale} sees it. */
    public String text(java.util.Locale locale) {
        return textKey == null || text == null ? text
                : com.aftersales.shared.error.Messages.text(locale, textKey, textArgs == null ? new Object[0] : textArgs.toArray());
    }
}
