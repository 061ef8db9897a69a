package com.aftersales.problems;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import com.aftersales.cases.Severity;
import com.aftersales.eightd.EightDReport;
import com.aftersales.shared.persistence.Versioned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** An entry of the complaint problem library (客诉问题库): a failure mode, its cause and countermeasure. */
@Entity
@Table(name = "problem")
public class Problem extends Versioned {

    @Schema(name = "ProblemStatus")
    public enum Status { OPEN, COUNTERMEASURE_EFFECTIVE, CLOSED }

    @Id
    public UUID id;

    @Column(name = "problem_no", nullable = false, updatable = false)
    public String problemNo;

    @Column(name = "failure_mode", nullable = false)
    public String failureMode;

    @Column(name = "product_models", nullable = false)
    public String[] productModels = new String[0];

    /** The product lines the problem concerns: those of its cases, and any given by hand (the digest scopes read them). */
    @Column(name = "product_lines", nullable = false)
    public String[] productLines = new String[0];

    @Column(name = "root_cause", nullable = false)
    public String rootCause;

    @Column(nullable = false)
    public String countermeasure;

    @Column(name = "detection_method")
    public String detectionMethod;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Severity severity;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    /** The FMEA / PFMEA / control-plan items the problem changed. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "fmea_links", nullable = false)
    public List<EightDReport.UpdatedDocument> fmeaLinks = new ArrayList<>();

    @Column(name = "source_report_id", updatable = false)
    public UUID sourceReportId;

    @Column(name = "created_by", nullable = false, updatable = false)
    public String createdBy;
}
