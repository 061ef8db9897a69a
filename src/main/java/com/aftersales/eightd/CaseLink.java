package com.aftersales.eightd;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.UUID;

/** A case answered by a report; {@code recurrence} when the case came after the report was closed. */
@Entity
@Table(name = "eight_d_case")
@IdClass(CaseLink.Key.class)
public class CaseLink {

    public static class Key implements Serializable {
        public UUID reportId;
        public UUID caseId;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(reportId, k.reportId) && Objects.equals(caseId, k.caseId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(reportId, caseId);
        }
    }

    @Id
    @Column(name = "report_id")
    public UUID reportId;

    @Id
    @Column(name = "case_id")
    public UUID caseId;

    @Column(nullable = false)
    public boolean recurrence;

    /** Set by EightDReports from the business clock: the recurrence KPI counts links by this time. */
    @Column(name = "linked_at", nullable = false, updatable = false)
    public OffsetDateTime linkedAt;
}
