package com.aftersales.eightd;

import com.aftersales.shared.error.ProblemException;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** An 8D report's disciplines, actions, closing gates and recurrence, without a container or a clock. */
class EightDReportStepsTest {

    static final LocalDate OPENED = LocalDate.of(2026, 3, 2);
    static final OffsetDateTime AT = OffsetDateTime.of(2026, 3, 20, 9, 0, 0, 0, ZoneOffset.ofHours(8));
    static final EightDReport.Prevention D7 = new EightDReport.Prevention(List.of(), "批次追溯");

    final EightDReport report = EightDReport.open("8D-2026-00001", " 轴承异响 ", UUID.randomUUID(), OPENED, " ", null, "qe");
    final List<DisciplineEntry> disciplines = Arrays.stream(Discipline.values())
            .map(d -> DisciplineEntry.open(report.id, d, OPENED.plusDays(d.ordinal()))).toList();

    static ProblemException refused(Runnable step) {
        ProblemException e = catchThrowableOfType(ProblemException.class, step::run);
        assertThat(e).as("refused").isNotNull();
        return e;
    }

    static List<String> issueKeys(ProblemException e) {
        return e.issues().stream().map(i -> i.field() + " " + i.key()).toList();
    }

    static ReportRequests.Update update(LocalDate verifiedOn, EightDReport.Prevention d7) {
        return update(verifiedOn, d7, null);
    }

    static ReportRequests.Update update(LocalDate verifiedOn, EightDReport.Prevention d7, String summary) {
        return new ReportRequests.Update("轴承异响", "王工", null, null, null, null, "验证通过", verifiedOn, d7, summary);
    }

    DisciplineEntry entry(Discipline d) {
        return disciplines.get(d.ordinal());
    }

    void readyToClose() {
        report.revise(update(OPENED.plusDays(5), D7, "问题已解决，客户满意"), OPENED.plusDays(10));
        disciplines.stream().filter(e -> e.discipline != Discipline.D8)
                .forEach(e -> e.fill("王工", "done", List.of(), true, true, AT));
    }

    @Test
    void aReportOpensWithEveryDisciplineOpen() {
        assertThat(report.status()).isEqualTo(EightDReport.Status.OPEN);
        assertThat(report.title).isEqualTo("轴承异响");
        assertThat(report.champion).isNull();
        assertThat(report.team).isEmpty();
        assertThat(disciplines).allSatisfy(e -> assertThat(e.status()).isEqualTo(DisciplineEntry.Status.OPEN));
    }

    @Test
    void d6IsVerifiedBetweenTheOpeningAndToday() {
        LocalDate today = OPENED.plusDays(10);
        ProblemException early = refused(() -> report.revise(update(OPENED.minusDays(1), null), today));
        assertThat(early.status()).isEqualTo(422);
        assertThat(issueKeys(early)).containsExactly("d6VerifiedOn eightd.date_outside_report");
        assertThat(early.issues().get(0).args()).containsExactly(OPENED);
        assertThat(issueKeys(refused(() -> report.revise(update(today.plusDays(1), null), today))))
                .containsExactly("d6VerifiedOn eightd.date_outside_report");
        report.revise(update(today, null), today);
        assertThat(report.d6VerifiedOn).isEqualTo(today);
        assertThat(report.champion).isEqualTo("王工");
    }

    @Test
    void aDisciplineIsDoneWithAnOwnerAndContentAndKeepsItsFirstCompletion() {
        DisciplineEntry d3 = entry(Discipline.D3);
        ProblemException noContent = refused(() -> d3.fill("王工", " ", List.of(), true, true, AT));
        assertThat(noContent.status()).isEqualTo(422);
        assertThat(issueKeys(noContent)).containsExactly("content eightd.done_needs_owner_and_content");
        assertThat(issueKeys(refused(() -> d3.fill(null, "x", List.of(), true, true, AT))))
                .containsExactly("owner eightd.done_needs_owner_and_content");
        UUID photo = UUID.randomUUID();
        assertThat(issueKeys(refused(() -> d3.fill("王工", "x", List.of(photo), false, false, AT))))
                .containsExactly("evidence eightd.evidence_unknown");
        d3.fill("王工", "围堵", List.of(photo), true, true, AT);
        assertThat(d3.status()).isEqualTo(DisciplineEntry.Status.DONE);
        assertThat(d3.completedAt()).isEqualTo(AT);
        assertThat(d3.evidence()).containsExactly(photo);
        d3.fill("王工", "围堵（补充）", List.of(), true, true, AT.plusDays(1));
        assertThat(d3.completedAt()).isEqualTo(AT);
        d3.fill("王工", "重做", List.of(), true, false, AT.plusDays(2));
        assertThat(d3.status()).isEqualTo(DisciplineEntry.Status.OPEN);
        assertThat(d3.completedAt()).isNull();
        ProblemException d8 = refused(() -> entry(Discipline.D8).fill("王工", "x", List.of(), false, true, AT));
        assertThat(d8.status()).isEqualTo(409);
        assertThat(d8.code()).isEqualTo("eightd_d8_is_closure");
    }

    @Test
    void closingWaitsForEveryGate() {
        ProblemException gates = refused(() -> report.close(disciplines, 2, "qe", null, AT));
        assertThat(gates.status()).isEqualTo(409);
        assertThat(gates.code()).isEqualTo("eightd_cannot_close");
        assertThat(issueKeys(gates)).startsWith("d6Verification eightd.gate_d6", "d7 eightd.gate_d7",
                "disciplines.D0 eightd.gate_discipline").endsWith("disciplines.D7 eightd.gate_discipline",
                "actions eightd.gate_actions", "summary eightd.gate_summary").hasSize(12);
        readyToClose();
        assertThat(issueKeys(refused(() -> report.close(disciplines, 1, "qe", null, AT))))
                .containsExactly("actions eightd.gate_actions");
        // Everything else done but the summary report (总结报告): still refused, and nothing changes.
        report.revise(update(OPENED.plusDays(5), D7, " "), OPENED.plusDays(10));
        assertThat(issueKeys(refused(() -> report.close(disciplines, 0, "qe", null, AT))))
                .containsExactly("summary eightd.gate_summary");
        assertThat(report.status()).isEqualTo(EightDReport.Status.OPEN);
        assertThat(entry(Discipline.D8).status()).isEqualTo(DisciplineEntry.Status.OPEN);
        readyToClose();
        report.close(disciplines, 0, "qe", " 结案 ", AT);
        assertThat(report.status()).isEqualTo(EightDReport.Status.CLOSED);
        assertThat(report.closedAt()).isEqualTo(AT);
        assertThat(report.closedBy()).isEqualTo("qe");
        DisciplineEntry d8 = entry(Discipline.D8);
        assertThat(d8.status()).isEqualTo(DisciplineEntry.Status.DONE);
        assertThat(d8.owner()).isEqualTo("qe");
        assertThat(d8.content()).isEqualTo("结案");
        ProblemException closed = refused(() -> report.revise(update(null, null), OPENED));
        assertThat(closed.code()).isEqualTo("eightd_closed");
        assertThat(closed.args()).containsExactly("8D-2026-00001");
        assertThat(refused(() -> report.close(disciplines, 0, "qe", null, AT)).code()).isEqualTo("eightd_closed");
    }

    @Test
    void aCaseLinkedAfterClosureIsARecurrenceAndReopensTheReport() {
        CaseLink first = report.link(UUID.randomUUID(), entry(Discipline.D8), AT);
        assertThat(first.recurrence).isFalse();
        assertThat(first.linkedAt).isEqualTo(AT);
        assertThat(report.recurrenceCount()).isZero();
        readyToClose();
        report.close(disciplines, 0, "qe", null, AT);
        CaseLink again = report.link(UUID.randomUUID(), entry(Discipline.D8), AT.plusDays(30));
        assertThat(again.recurrence).isTrue();
        assertThat(report.status()).isEqualTo(EightDReport.Status.OPEN);
        assertThat(report.recurrenceCount()).isEqualTo(1);
        assertThat(report.closedAt()).isNull();
        assertThat(report.closedBy()).isNull();
        assertThat(entry(Discipline.D8).status()).isEqualTo(DisciplineEntry.Status.OPEN);
        assertThat(entry(Discipline.D8).completedAt()).isNull();
    }

    @Test
    void anActionIsNotDueBeforeTheReportAndVerifyingNamesItsEffectiveness() {
        ProblemException early = refused(() -> EightDAction.plan(report, EightDAction.Kind.CORRECTIVE, "更换供应商", "采购",
                OPENED.minusDays(1)));
        assertThat(issueKeys(early)).containsExactly("dueDate eightd.due_before_report");
        assertThat(early.issues().get(0).args()).containsExactly(OPENED);
        EightDAction a = EightDAction.plan(report, EightDAction.Kind.CORRECTIVE, " 更换供应商 ", " 采购 ", OPENED.plusDays(7));
        assertThat(a.status()).isEqualTo(EightDAction.Status.OPEN);
        assertThat(a.description).isEqualTo("更换供应商");
        ReportRequests.ActionUpdate verified = new ReportRequests.ActionUpdate("更换供应商", "采购", OPENED.plusDays(7),
                EightDAction.Status.VERIFIED, " ", null);
        assertThat(issueKeys(refused(() -> a.revise(report, verified, List.of(), true, OPENED.plusDays(8)))))
                .containsExactly("effectiveness eightd.verified_needs_effectiveness");
        ReportRequests.ActionUpdate done = new ReportRequests.ActionUpdate("更换供应商", "采购", OPENED.minusDays(1),
                EightDAction.Status.DONE, null, null);
        assertThat(issueKeys(refused(() -> a.revise(report, done, List.of(), false, OPENED.plusDays(8)))))
                .containsExactly("dueDate eightd.due_before_report");
        ReportRequests.ActionUpdate finished = new ReportRequests.ActionUpdate("更换供应商", "采购", OPENED.plusDays(7),
                EightDAction.Status.DONE, null, null);
        assertThat(issueKeys(refused(() -> a.revise(report, finished, List.of(UUID.randomUUID()), false, OPENED))))
                .containsExactly("evidence eightd.evidence_unknown");
        a.revise(report, finished, List.of(), true, OPENED.plusDays(8));
        assertThat(a.status()).isEqualTo(EightDAction.Status.DONE);
        assertThat(a.completedOn()).isEqualTo(OPENED.plusDays(8));
        a.revise(report, new ReportRequests.ActionUpdate("更换供应商", "采购", OPENED.plusDays(7), EightDAction.Status.VERIFIED,
                "三个月无复发", null), List.of(), true, OPENED.plusDays(90));
        assertThat(a.completedOn()).isEqualTo(OPENED.plusDays(8));
        assertThat(a.effectiveness()).isEqualTo("三个月无复发");
        a.revise(report, new ReportRequests.ActionUpdate("更换供应商", "采购", OPENED.plusDays(7), EightDAction.Status.IN_PROGRESS,
                null, null), List.of(), true, OPENED.plusDays(91));
        assertThat(a.completedOn()).isNull();
    }
}
