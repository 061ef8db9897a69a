package com.aftersales.spareparts;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import com.aftersales.shared.error.ProblemException;
import com.aftersales.shared.persistence.Versioned;
import io.quarkus.runtime.annotations.RegisterForReflection;
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
import java.util.Map;
import java.util.UUID;

/** The spare-parts plan of a location for a period: proposed lines, edited by the product manager until accepted. */
@Entity
@Table(name = "spare_plan")
public class SparePlan extends Versioned {

    @Schema(name = "SparePlanStatus")
    public enum Status { DRAFT, ACCEPTED }

    @RegisterForReflection
    @Schema(name = "SparePlanLine")
    public record Line(UUID partId, String partNo, String name, int consumption, int onHand, int safetyStock,
                       int openTransfers, int suggested, int accepted) {
    }

    @Id
    UUID id;

    @Column(name = "period_from", nullable = false)
    LocalDate periodFrom;

    @Column(name = "period_to", nullable = false)
    LocalDate periodTo;

    @Column(name = "months_basis", nullable = false)
    int monthsBasis;

    @Column(nullable = false)
    String location;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Status status;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    private List<Line> lines = new ArrayList<>();

    @Column(name = "created_by", nullable = false, updatable = false)
    String createdBy;

    @Column(name = "accepted_by")
    private String acceptedBy;

    protected SparePlan() {
    }

    /** A draft for the {@code periodMonths} months from {@code periodFrom}, its accepted quantities the suggested ones. */
    static SparePlan propose(String location, int monthsBasis, LocalDate periodFrom, int periodMonths, List<Line> lines,
                             String by) {
        SparePlan p = new SparePlan();
        p.id = UUID.randomUUID();
        p.location = location;
        p.monthsBasis = monthsBasis;
        p.periodFrom = periodFrom;
        p.periodTo = periodFrom.plusMonths(periodMonths).minusDays(1);
        p.status = Status.DRAFT;
        p.lines = new ArrayList<>(lines);
        p.createdBy = by;
        return p;
    }

    /** Sets accepted quantities of parts in the plan, and accepts it if asked; an accepted plan no longer changes. */
    void revise(Map<UUID, Integer> accepted, boolean accept, String by) {
        if (status == Status.ACCEPTED) {
            throw new ProblemException(409, "plan_accepted");
        }
        for (UUID partId : accepted.keySet()) {
            if (lines.stream().noneMatch(l -> l.partId().equals(partId))) {
                throw ProblemException.invalid("lines", "parts.not_in_plan", partId);
            }
        }
        lines = new ArrayList<>(lines.stream().map(l -> accepted.containsKey(l.partId())
                ? new Line(l.partId(), l.partNo(), l.name(), l.consumption(), l.onHand(), l.safetyStock(), l.openTransfers(),
                l.suggested(), accepted.get(l.partId())) : l).toList());
        if (accept) {
            status = Status.ACCEPTED;
            acceptedBy = by;
        }
    }

    public Status status() {
        return status;
    }

    public List<Line> lines() {
        return List.copyOf(lines);
    }

    public String acceptedBy() {
        return acceptedBy;
    }
}
