package com.aftersales.recall;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import com.aftersales.shared.error.Messages;
import com.aftersales.shared.error.ProblemException;
import com.aftersales.shared.error.ProblemException.Issue;
import com.aftersales.shared.persistence.Versioned;
import com.aftersales.shared.web.Text;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.function.IntSupplier;

/**
 * A recall campaign (召回): which units, what defect and risk, what remedy, its regulatory filing. Drafted, filed with
 * the general manager's approval, activated, completed, closed: each step checks the one before here.
 */
@Entity
@Table(name = "recall_campaign")
public class RecallCampaign extends Versioned {

    @Schema(name = "RecallCampaignStatus")
    public enum Status { DRAFT, FILED, ACTIVE, COMPLETED, CLOSED }

    /**
     * Which units are affected: every given filter must match (models, production dates, batches, customers, software);
     * when serial ranges or explicit serials are given, the serial must be in one of the ranges or in the list.
     */
    @RegisterForReflection
    public record Criteria(@Size(max = 100) List<@NotBlank @Size(max = 100) String> productModels,
                           LocalDate productionFrom, LocalDate productionTo,
                           @Size(max = 500) List<@NotBlank @Size(max = 60) String> batches,
                           @Size(max = 200) List<@Valid @NotNull SerialRange> serialRanges,
                           @Size(max = 100_000) List<@NotBlank @Size(max = 60) String> serials,
                           @Size(max = 500) List<@NotNull UUID> customerIds,
                           @Valid Software software) {
    }

    /**
     * Units whose current version of a component is one of {@code versions} (exactly, as written) or, when
     * {@code below} is given, lower than it: numeric dotted segments compared as numbers (1.10.0 is above 1.9.3; 1.5 and
     * 1.5.0 are the same; a leading v and anything after the numbers are ignored). A unit without the component, or whose
     * version does not start with a number, is matched by the list only.
     */
    @RegisterForReflection
    public record Software(@NotBlank @Size(max = 40) String component,
                           @Size(max = 200) List<@NotBlank @Size(max = 60) String> versions,
                           @Size(max = 60) String below) {
    }

    @RegisterForReflection
    public record SerialRange(@NotBlank @Size(max = 60) String from, @NotBlank @Size(max = 60) String to) {
    }

    @Id
    UUID id;

    @Column(nullable = false, updatable = false)
    String code;

    @Column(nullable = false)
    String title;

    @Column(name = "defect_description", nullable = false)
    String defectDescription;

    @Column(name = "safety_risk", nullable = false)
    String safetyRisk;

    @Column(nullable = false)
    String remedy;

    @Column(name = "filing_reference")
    String filingReference;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    Criteria criteria;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Status status;

    @Column(name = "filing_approved_by")
    private String filingApprovedBy;

    @Column(name = "filed_at")
    private OffsetDateTime filedAt;

    @Column(name = "activated_at")
    private OffsetDateTime activatedAt;

    @Column(name = "completed_at")
    private OffsetDateTime completedAt;

    @Column(name = "closed_at")
    private OffsetDateTime closedAt;

    @Column(name = "hold_until")
    private LocalDate holdUntil;

    @Column(name = "affected_count")
    private Integer affectedCount;

    @Column(name = "created_by", nullable = false, updatable = false)
    String createdBy;

    protected RecallCampaign() {
    }

    /** A draft campaign; its criteria are checked by the caller before the code is claimed. */
    static RecallCampaign draft(String code, String title, String defectDescription, String safetyRisk, String remedy,
                                String filingReference, Criteria criteria, String by) {
        RecallCampaign c = new RecallCampaign();
        c.id = UUID.randomUUID();
        c.code = code;
        c.status = Status.DRAFT;
        c.createdBy = by;
        c.describe(title, defectDescription, safetyRisk, remedy, filingReference, criteria);
        return c;
    }

    /** Only a draft is edited; its criteria must name affected units (see {@link AffectedUnits#check}). */
    void revise(String title, String defectDescription, String safetyRisk, String remedy, String filingReference,
                Criteria criteria) {
        require(Status.DRAFT);
        AffectedUnits.check(criteria);
        describe(title, defectDescription, safetyRisk, remedy, filingReference, criteria);
    }

    private void describe(String title, String defectDescription, String safetyRisk, String remedy, String filingReference,
                          Criteria criteria) {
        this.title = title.strip();
        this.defectDescription = defectDescription.strip();
        this.safetyRisk = safetyRisk.strip();
        this.remedy = remedy.strip();
        this.filingReference = Text.blankToNull(filingReference);
        this.criteria = criteria;
    }

    /** The reference a filing is made under: the one given, else the draft's own; a filing needs one. */
    void referFiling(String reference) {
        require(Status.DRAFT);
        String given = Text.blankToNull(reference);
        if (given != null) {
            filingReference = given;
        }
        if (filingReference == null) {
            throw ProblemException.invalid("filingReference", "recalls.filing_reference_required");
        }
    }

    /** The general manager approves the filing with the authority (after {@link #referFiling}). */
    void file(String by, OffsetDateTime at) {
        referFiling(null);
        status = Status.FILED;
        filingApprovedBy = by;
        filedAt = at;
    }

    /**
     * A filed campaign goes live: {@code freeze} fixes its affected units (and tells their customers) and says how
     * many; their records are held until {@code holdUntil}.
     */
    void activate(IntSupplier freeze, OffsetDateTime at, LocalDate holdUntil) {
        require(Status.FILED);
        int affected = freeze.getAsInt();
        status = Status.ACTIVE;
        activatedAt = at;
        affectedCount = affected;
        this.holdUntil = holdUntil;
    }

    /** A unit not closed out yet: its serial, its remedy status, and whether only the reason is missing. */
    record OpenUnit(String serialNo, String remedyStatus, boolean reasonMissing) {
    }

    /** The units of the campaign not closed out: how many, and the first of them by serial. */
    record OpenUnits(long count, List<OpenUnit> first) {
        static final OpenUnits NONE = new OpenUnits(0, List.of());
    }

    /**
     * An active campaign completes once every unit is closed out: remedied, or unreachable or exempt with a reason.
     * Otherwise 409 listing the first open units (the count in {@code openUnits}).
     */
    void complete(OpenUnits open, OffsetDateTime at) {
        require(Status.ACTIVE);
        if (open.count() > 0) {
            List<Issue> issues = open.first().stream().map(u -> u.reasonMissing()
                    ? Issue.of("units." + u.serialNo() + ".reason", "recalls.closeout_needs_reason", u.serialNo(),
                            Messages.coded("remedy_status", u.remedyStatus()))
                    : Issue.of("units." + u.serialNo(), "recalls.unit_not_closed_out", u.serialNo(),
                            Messages.coded("remedy_status", u.remedyStatus()))).toList();
            throw new ProblemException(409, "recall_units_open", issues, open.count()).with("openUnits", open.count());
        }
        status = Status.COMPLETED;
        completedAt = at;
    }

    void close(OffsetDateTime at) {
        require(Status.COMPLETED);
        status = Status.CLOSED;
        closedAt = at;
    }

    /** Only a draft can be deleted: once filed, the records are under legal hold (until {@code defaultHold} if unset). */
    void requireDeletable(LocalDate defaultHold) {
        if (status != Status.DRAFT) {
            LocalDate until = holdUntil != null ? holdUntil : defaultHold;
            throw new ProblemException(409, "recall_legal_hold", until).with("holdUntil", until.toString());
        }
    }

    void require(Status required) {
        if (status != required) {
            throw new ProblemException(409, "recall_wrong_status", Messages.coded("recall_status", status),
                    Messages.coded("recall_status", required)).with("currentStatus", status);
        }
    }

    public Status status() {
        return status;
    }

    public String filingApprovedBy() {
        return filingApprovedBy;
    }

    public OffsetDateTime filedAt() {
        return filedAt;
    }

    public OffsetDateTime activatedAt() {
        return activatedAt;
    }

    public OffsetDateTime completedAt() {
        return completedAt;
    }

    public OffsetDateTime closedAt() {
        return closedAt;
    }

    public LocalDate holdUntil() {
        return holdUntil;
    }

    public Integer affectedCount() {
        return affectedCount;
    }
}
