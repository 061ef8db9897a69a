package com.aftersales.eightd;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.io.Serializable;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** One discipline of a report: due date from the deadline profile, owner, content, evidence, status. */
@Entity
@Table(name = "eight_d_discipline")
@IdClass(DisciplineEntry.Key.class)
public class DisciplineEntry {

    public enum Status { OPEN, DONE }

    public static class Key implements Serializable {
        public UUID reportId;
        public Discipline discipline;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(reportId, k.reportId) && discipline == k.discipline;
        }

        @Override
        public int hashCode() {
            return Objects.hash(reportId, discipline);
        }
    }

    @Id
    @Column(name = "report_id")
    public UUID reportId;

    @Id
    @Enumerated(EnumType.STRING)
    public Discipline discipline;

    @Column(name = "due_date", nullable = false)
    public LocalDate dueDate;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    public String owner;

    public String content;

    /** Attachment ids (photos, measurements, updated documents) that prove the work. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public List<UUID> evidence = new ArrayList<>();

    @Column(name = "completed_at")
    public OffsetDateTime completedAt;
}
