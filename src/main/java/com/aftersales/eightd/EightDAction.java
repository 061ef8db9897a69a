package com.aftersales.eightd;

import com.aftersales.shared.persistence.Versioned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A containment (D3), corrective (D5) or preventive (D7) action, tracked to closure. */
@Entity
@Table(name = "eight_d_action")
public class EightDAction extends Versioned {

    public enum Kind { CONTAINMENT, CORRECTIVE, PREVENTIVE }

    public enum Status {
        OPEN, IN_PROGRESS, DONE, VERIFIED, CANCELLED;

        boolean isOpen() {
            return this == OPEN || this == IN_PROGRESS;
        }
    }

    @Id
    public UUID id;

    @Column(name = "report_id", nullable = false, updatable = false)
    public UUID reportId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Kind kind;

    @Column(nullable = false)
    public String description;

    @Column(nullable = false)
    public String owner;

    @Column(name = "due_date", nullable = false)
    public LocalDate dueDate;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    public String effectiveness;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public List<UUID> evidence = new ArrayList<>();

    @Column(name = "completed_on")
    public LocalDate completedOn;
}
