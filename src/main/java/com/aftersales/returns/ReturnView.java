package com.aftersales.returns;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import com.fasterxml.jackson.annotation.JsonFormat;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A return with its units, tests, verdicts, dispositions and cost shares. */
@RegisterForReflection
public record ReturnView(UUID id, String returnNo, UUID caseId, String reason, ReturnOrder.Status status,
                         String authorisedBy, OffsetDateTime receivedAt, String receivedBy, List<UnitView> units,
                         List<TestView> tests, CostShares costs, OffsetDateTime closedAt, long version,
                         OffsetDateTime createdAt, OffsetDateTime updatedAt) {

    static ReturnView of(ReturnOrder r, List<ReturnUnit> units, List<TestRecord> tests, CostShares costs,
                         Map<UUID, Supplier> suppliers) {
        return new ReturnView(r.id, r.returnNo, r.caseId, r.reason, r.status(), r.authorisedBy, r.receivedAt(),
                r.receivedBy(), units.stream().map(u -> UnitView.of(u, suppliers.get(u.supplierId()))).toList(), tests.stream().map(TestView::of).toList(),
                costs, r.closedAt(), r.version, r.createdAt, r.updatedAt);
    }

    @RegisterForReflection
    public record TestView(UUID id, String serialNo, String testName, String conditions, String measured, boolean reproduced,
                           boolean retest, Boolean passed, String testedBy, OffsetDateTime testedAt) {
        static TestView of(TestRecord t) {
            return new TestView(t.id, t.serialNo, t.testName, t.conditions, t.measured, t.reproduced, t.retest, t.passed,
                    t.testedBy, t.testedAt);
        }
    }

    /** A unit's verdict; a purchased-part defect names its supplier record (id, code and name). */
    @RegisterForReflection
    @Schema(name = "ReturnUnitView")
    public record UnitView(String serialNo, ReturnUnit.Verdict verdict, ReturnUnit.Cause causeCategory, UUID supplierId,
                           String supplierCode, String supplier, BigDecimal supplierShare, String judgedBy, ReturnUnit.Disposition disposition,
                           ReturnUnit.RepairGroup repairGroup, String replacementSerial, Boolean retestPassed,
                           OffsetDateTime restockedAt, String restockLocation) {
        static UnitView of(ReturnUnit u, Supplier supplier) {
            return new UnitView(u.serialNo(), u.verdict(), u.causeCategory(), u.supplierId(),
                    supplier == null ? null : supplier.code, supplier == null ? null : supplier.name, u.supplierShare(), u.judgedBy(),
                    u.disposition(), u.repairGroup(), u.replacementSerial(), u.retestPassed(), u.restockedAt(),
                    u.restockLocation());
        }
    }

    /** A page of returns as staff see them. */
    @RegisterForReflection
    public record ReturnPage(List<ReturnView> items, String nextCursor, int limit) {
        static ReturnPage of(com.aftersales.shared.paging.Page<ReturnView> page) {
            return new ReturnPage(page.items(), page.nextCursor(), page.limit());
        }
    }

    /** What the verdicts mean for the case's verified costs (see {@link CostSharePolicy}). */
    @RegisterForReflection
    public record CostShares(@JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal verifiedCaseCostsCny,
                             @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal supplierRecoveryCny,
                             @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal ntfCustomerShareCny) {
    }
}
