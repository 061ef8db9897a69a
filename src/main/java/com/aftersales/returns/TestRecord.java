package com.aftersales.returns;

import com.aftersales.shared.web.Text;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.UUID;

/** One test of a returned unit (a first test, or a re-test after repair); never changed once recorded. */
@Entity
@Table(name = "return_test")
public class TestRecord {

    /** What the tester reports. */
    public record Report(String testName, String conditions, String measured, boolean reproduced, boolean retest,
                         Boolean passed) {
    }

    @Id
    UUID id;

    @Column(name = "return_id", nullable = false, updatable = false)
    UUID returnId;

    @Column(name = "serial_no", nullable = false, updatable = false)
    String serialNo;

    @Column(name = "test_name", nullable = false, updatable = false)
    String testName;

    @Column(updatable = false)
    String conditions;

    @Column(updatable = false)
    String measured;

    @Column(nullable = false, updatable = false)
    boolean reproduced;

    @Column(nullable = false, updatable = false)
    boolean retest;

    @Column(updatable = false)
    Boolean passed;

    @Column(name = "tested_by", nullable = false, updatable = false)
    String testedBy;

    @Column(name = "tested_at", nullable = false, updatable = false)
    OffsetDateTime testedAt;

    protected TestRecord() {
    }

    TestRecord(UUID returnId, String serialNo, Report report, String by, OffsetDateTime at) {
        this.id = UUID.randomUUID();
        this.returnId = returnId;
        this.serialNo = serialNo;
        this.testName = report.testName().strip();
        this.conditions = Text.blankToNull(report.conditions());
        this.measured = Text.blankToNull(report.measured());
        this.reproduced = report.reproduced();
        this.retest = report.retest();
        this.passed = report.passed();
        this.testedBy = by;
        this.testedAt = at;
    }
}
