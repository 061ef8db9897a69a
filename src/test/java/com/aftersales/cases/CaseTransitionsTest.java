package com.aftersales.cases;

import com.aftersales.shared.error.Messages;
import com.aftersales.shared.error.ProblemException;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** A case's transitions, major-issue approval and hand-over, without a container or a clock. */
class CaseTransitionsTest {

    static final OffsetDateTime NOW = OffsetDateTime.of(2026, 3, 2, 9, 0, 0, 0, ZoneOffset.ofHours(8));
    static final Supplier<LocalDate> NEVER_ASKED = () -> {
        throw new AssertionError("the retention date is asked for only when reopening");
    };

    /** Gates with nothing unmet: asked for only on the way to RESOLVED and CLOSED. */
    static final java.util.function.Function<CaseStatus, List<CaseGates.Unmet>> SETTLED = to -> {
        assertThat(to).isIn(CaseStatus.RESOLVED, CaseStatus.CLOSED);
        return List.of();
    };

    static final Supplier<CaseSettings.Intake> NO_CLOCKS = () -> {
        throw new AssertionError("the SLA's hours are asked for only when reopening");
    };

    /** The SLA of a reopened case: 8 hours to respond, 168 to resolve. */
    static final Supplier<CaseSettings.Intake> CLOCKS = () -> new CaseSettings.Intake(true, 8, 168);

    static ServiceCase inStatus(CaseStatus status) {
        ServiceCase c = new ServiceCase();
        c.status = status;
        c.ownerRole = "AFTER_SALES_MANAGER";
        return c;
    }

    static ProblemException refused(Runnable step) {
        ProblemException e = catchThrowableOfType(ProblemException.class, step::run);
        assertThat(e).as("refused").isNotNull();
        return e;
    }

    static List<String> issueKeys(ProblemException e) {
        return e.issues().stream().map(i -> i.field() + " " + i.key()).toList();
    }

    @Test
    void onlyTheNamedTransitionsAreAllowed() {
        ServiceCase c = inStatus(CaseStatus.NEW);
        ProblemException e = refused(() -> c.transition(CaseStatus.RESOLVED, null, NOW, NEVER_ASKED, SETTLED, NO_CLOCKS));
        assertThat(e.status()).isEqualTo(409);
        assertThat(e.code()).isEqualTo("case_transition_not_allowed");
        assertThat(e.args()).containsExactly(Messages.coded("case_status", CaseStatus.NEW), Messages.coded("case_status", CaseStatus.RESOLVED),
                CaseStatus.NEW.next().stream().map(s -> Messages.coded("case_status", s)).toList());
        assertThat(e.properties()).containsEntry("allowedTransitions", CaseStatus.NEW.next());
        assertThat(c.status).isEqualTo(CaseStatus.NEW);
    }

    @Test
    void theFirstResponseIsStampedOnceAndResolvingAndClosingAreStamped() {
        ServiceCase c = inStatus(CaseStatus.NEW);
        c.transition(CaseStatus.ACKNOWLEDGED, null, NOW, NEVER_ASKED, SETTLED, NO_CLOCKS);
        assertThat(c.status).isEqualTo(CaseStatus.ACKNOWLEDGED);
        assertThat(c.firstRespondedAt).isEqualTo(NOW);
        c.transition(CaseStatus.INVESTIGATING, null, NOW.plusHours(1), NEVER_ASKED, SETTLED, NO_CLOCKS);
        c.transition(CaseStatus.RESOLVING, null, NOW.plusHours(2), NEVER_ASKED, SETTLED, NO_CLOCKS);
        c.transition(CaseStatus.RESOLVED, null, NOW.plusHours(3), NEVER_ASKED, SETTLED, NO_CLOCKS);
        assertThat(c.resolvedAt).isEqualTo(NOW.plusHours(3));
        c.transition(CaseStatus.CLOSED, null, NOW.plusHours(4), NEVER_ASKED, SETTLED, NO_CLOCKS);
        assertThat(c.closedAt).isEqualTo(NOW.plusHours(4));
        assertThat(c.firstRespondedAt).isEqualTo(NOW);
    }

    @Test
    void aRejectionSaysWhyAndCountsAsTheFirstResponse() {
        ServiceCase c = inStatus(CaseStatus.NEW);
        ProblemException silent = refused(() -> c.transition(CaseStatus.REJECTED, " ", NOW, NEVER_ASKED, SETTLED, NO_CLOCKS));
        assertThat(silent.status()).isEqualTo(422);
        assertThat(issueKeys(silent)).containsExactly("comment cases.reject_needs_reason");
        assertThat(c.firstRespondedAt).isNull();
        c.transition(CaseStatus.REJECTED, "不属于质保范围", NOW, NEVER_ASKED, SETTLED, NO_CLOCKS);
        assertThat(c.status).isEqualTo(CaseStatus.REJECTED);
        assertThat(c.firstRespondedAt).isEqualTo(NOW);
    }

    @Test
    void aMajorCaseResolvesOnlyWithTheGeneralManagersApproval() {
        ServiceCase c = inStatus(CaseStatus.INVESTIGATING);
        c.markMajor(" 批量故障 ");
        assertThat(c.major).isTrue();
        assertThat(c.majorReason).isEqualTo("批量故障");
        assertThat(c.approvalStatus).isEqualTo(ApprovalStatus.PLAN_MISSING);
        ProblemException twice = refused(() -> c.markMajor("again"));
        assertThat(twice.code()).isEqualTo("case_already_major");
        ProblemException unapproved = refused(() -> c.transition(CaseStatus.RESOLVING, null, NOW, NEVER_ASKED, SETTLED, NO_CLOCKS));
        assertThat(unapproved.code()).isEqualTo("case_needs_gm_approval");
        assertThat(unapproved.args()).containsExactly(Messages.coded("approval_status", ApprovalStatus.PLAN_MISSING));
        assertThat(unapproved.properties()).containsEntry("approvalStatus", ApprovalStatus.PLAN_MISSING);

        ProblemException nothing = refused(() -> c.decideApproval(true, null, "gm", null));
        assertThat(nothing.code()).isEqualTo("case_nothing_to_approve");
        assertThat(nothing.properties()).containsEntry("approvalStatus", ApprovalStatus.PLAN_MISSING);
        c.submitActionPlan(" 更换批次轴承 ");
        assertThat(c.actionPlan).isEqualTo("更换批次轴承");
        assertThat(c.approvalStatus).isEqualTo(ApprovalStatus.PENDING);
        assertThat(issueKeys(refused(() -> c.decideApproval(false, "", "gm", null)))).containsExactly("comment cases.reject_needs_reason");
        c.decideApproval(false, "计划不充分", "deputy", "gm");
        assertThat(c.approvalStatus).isEqualTo(ApprovalStatus.REJECTED);
        assertThat(c.approvalDecidedBy).isEqualTo("deputy");
        assertThat(c.approvalOnBehalfOf).isEqualTo("gm");
        c.submitActionPlan("更换批次轴承并追溯");
        assertThat(c.approvalStatus).isEqualTo(ApprovalStatus.PENDING);
        assertThat(c.approvalDecidedBy).isNull();
        assertThat(c.approvalOnBehalfOf).isNull();
        c.decideApproval(true, null, "gm", null);
        c.transition(CaseStatus.RESOLVING, null, NOW, NEVER_ASKED, SETTLED, NO_CLOCKS);
        assertThat(c.status).isEqualTo(CaseStatus.RESOLVING);
    }

    @Test
    void aPlanOfAnOrdinaryCaseNeedsNoApprovalAndAClosedCaseTakesNone() {
        ServiceCase c = inStatus(CaseStatus.INVESTIGATING);
        c.submitActionPlan("plan");
        assertThat(c.approvalStatus).isEqualTo(ApprovalStatus.NOT_REQUIRED);
        c.markMajor("reason");
        assertThat(c.approvalStatus).isEqualTo(ApprovalStatus.PENDING);
        ServiceCase closed = inStatus(CaseStatus.CLOSED);
        ProblemException e = refused(() -> closed.submitActionPlan("plan"));
        assertThat(e.code()).isEqualTo("case_not_open");
        assertThat(e.args()).containsExactly(Messages.coded("case_status", CaseStatus.CLOSED));
    }

    @Test
    void reopeningIsARepeatFailureWhileTheRecordsAreKept() {
        ServiceCase c = inStatus(CaseStatus.CLOSED);
        c.firstRespondedAt = NOW.minusDays(5);
        c.respondedAt = NOW.minusDays(5);
        c.resolvedAt = NOW.minusDays(3);
        c.closedAt = NOW.minusDays(2);
        AtomicInteger asked = new AtomicInteger();
        ProblemException over = refused(() -> c.transition(CaseStatus.REOPENED, null, NOW, () -> {
            asked.incrementAndGet();
            return NOW.toLocalDate().minusDays(1);
        }, SETTLED, NO_CLOCKS));
        assertThat(over.code()).isEqualTo("case_retention_over");
        assertThat(over.args()).containsExactly(NOW.toLocalDate().minusDays(1));
        assertThat(c.status).isEqualTo(CaseStatus.CLOSED);
        c.transition(CaseStatus.REOPENED, null, NOW, () -> {
            asked.incrementAndGet();
            return NOW.toLocalDate();
        }, SETTLED, CLOCKS);
        assertThat(asked).hasValue(2);
        assertThat(c.status).isEqualTo(CaseStatus.REOPENED);
        assertThat(c.reopenCount).isEqualTo(1);
        assertThat(c.resolvedAt).isNull();
        assertThat(c.closedAt).isNull();
        assertThat(c.firstResponseDue).isEqualTo(NOW.plusHours(8));
        assertThat(c.resolutionDue).isEqualTo(NOW.plusHours(168));
        assertThat(c.respondedAt).isNull();
        assertThat(c.firstRespondedAt).isEqualTo(NOW.minusDays(5));
        c.transition(CaseStatus.ACKNOWLEDGED, null, NOW.plusHours(1), NEVER_ASKED, SETTLED, NO_CLOCKS);
        assertThat(c.respondedAt).isEqualTo(NOW.plusHours(1));
        assertThat(c.firstRespondedAt).isEqualTo(NOW.minusDays(5));
        ProblemException notAllowed = refused(() -> inStatus(CaseStatus.NEW).transition(CaseStatus.REOPENED, null, NOW, NEVER_ASKED, SETTLED, NO_CLOCKS));
        assertThat(notAllowed.code()).isEqualTo("case_transition_not_allowed");
    }

    @Test
    void resolvedAndClosedPassTheirGatesAndARefusalChangesNothing() {
        ServiceCase c = inStatus(CaseStatus.RESOLVED);
        java.util.UUID report = java.util.UUID.randomUUID();
        List<CaseGates.Unmet> unmet = List.of(new CaseGates.Unmet("eight_d_not_closed", report, "8D-1 OPEN"));
        ProblemException e = refused(() -> c.transition(CaseStatus.CLOSED, null, NOW, NEVER_ASKED, to -> unmet, NO_CLOCKS));
        assertThat(e.status()).isEqualTo(409);
        assertThat(e.code()).isEqualTo("case_gate_unmet");
        assertThat(e.properties()).containsEntry("unmet", unmet);
        assertThat(c.status).isEqualTo(CaseStatus.RESOLVED);
        assertThat(c.closedAt).isNull();
        c.transition(CaseStatus.CLOSED, null, NOW, NEVER_ASKED, SETTLED, NO_CLOCKS);
        assertThat(c.status).isEqualTo(CaseStatus.CLOSED);
    }

    @Test
    void aResolvedCaseReopensAsARecurrenceAndARejectedOneWithoutOne() {
        ServiceCase resolved = inStatus(CaseStatus.RESOLVED);
        resolved.transition(CaseStatus.REOPENED, null, NOW, NOW::toLocalDate, SETTLED, CLOCKS);
        assertThat(resolved.status).isEqualTo(CaseStatus.REOPENED);
        assertThat(resolved.reopenCount).isEqualTo(1);
        ServiceCase rejected = inStatus(CaseStatus.REJECTED);
        rejected.transition(CaseStatus.REOPENED, null, NOW, NOW::toLocalDate, SETTLED, CLOCKS);
        assertThat(rejected.status).isEqualTo(CaseStatus.REOPENED);
        assertThat(rejected.reopenCount).isZero();
        assertThat(rejected.resolutionDue).isEqualTo(NOW.plusHours(168));
    }

    @Test
    void onlyAnOpenCaseIsMarkedMajor() {
        for (CaseStatus status : List.of(CaseStatus.RESOLVED, CaseStatus.CLOSED, CaseStatus.REJECTED)) {
            ServiceCase c = inStatus(status);
            ProblemException e = refused(() -> c.markMajor("媒体关注"));
            assertThat(e.status()).isEqualTo(409);
            assertThat(e.code()).isEqualTo("case_not_open");
            assertThat(c.major).isFalse();
            assertThat(c.approvalStatus).isEqualTo(ApprovalStatus.NOT_REQUIRED);
        }
        ServiceCase resolving = inStatus(CaseStatus.RESOLVING);
        resolving.markMajor("媒体关注");
        assertThat(resolving.major).isTrue();
        assertThat(resolving.approvalStatus).isEqualTo(ApprovalStatus.PLAN_MISSING);
    }

    @Test
    void aHandOverNamesARoutingRoleOrAPerson() {
        ServiceCase c = inStatus(CaseStatus.NEW);
        ProblemException badRole = refused(() -> c.assign("CUSTOMER", null));
        assertThat(issueKeys(badRole)).containsExactly("ownerRole validation.one_of");
        assertThat(issueKeys(refused(() -> c.assign(null, " ")))).containsExactly("ownerPerson validation.required");
        c.assign(null, "王工");
        assertThat(c.ownerRole).isEqualTo("AFTER_SALES_MANAGER");
        assertThat(c.ownerPerson).isEqualTo("王工");
        String role = CaseSettings.OWNER_ROLES.iterator().next();
        c.assign(role, " ");
        assertThat(c.ownerRole).isEqualTo(role);
        assertThat(c.ownerPerson).isNull();
    }
}
