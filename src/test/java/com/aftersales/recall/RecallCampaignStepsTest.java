package com.aftersales.recall;

import com.aftersales.shared.error.Messages;
import com.aftersales.shared.error.ProblemException;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** A recall campaign's steps and refusals, without a container or a clock. */
class RecallCampaignStepsTest {

    static final OffsetDateTime AT = OffsetDateTime.of(2026, 3, 2, 9, 0, 0, 0, ZoneOffset.ofHours(8));
    static final LocalDate HOLD = LocalDate.of(2036, 3, 2);
    static final RecallCampaign.Criteria MODELS = new RecallCampaign.Criteria(List.of("EM-200"), null, null, null, null, null, null, null);
    static final RecallCampaign.Criteria NOTHING = new RecallCampaign.Criteria(null, null, null, null, null, null, null, null);

    final RecallCampaign campaign = RecallCampaign.draft("RC-1", " 电机召回 ", " 轴承 ", " 过热 ", " 更换 ", " ", MODELS, "qe");

    static ProblemException refused(Runnable step) {
        ProblemException e = catchThrowableOfType(ProblemException.class, step::run);
        assertThat(e).as("refused").isNotNull();
        return e;
    }

    static void wrongStatus(ProblemException e, RecallCampaign.Status is, RecallCampaign.Status needed) {
        assertThat(e.status()).isEqualTo(409);
        assertThat(e.code()).isEqualTo("recall_wrong_status");
        assertThat(e.args()).containsExactly(Messages.coded("recall_status", is), Messages.coded("recall_status", needed));
        assertThat(e.properties()).containsEntry("currentStatus", is);
    }

    static List<String> issueKeys(ProblemException e) {
        return e.issues().stream().map(i -> i.field() + " " + i.key()).toList();
    }

    @Test
    void aDraftIsEditedAndNeedsAFilingReferenceToBeFiled() {
        assertThat(campaign.status()).isEqualTo(RecallCampaign.Status.DRAFT);
        assertThat(campaign.title).isEqualTo("电机召回");
        assertThat(campaign.filingReference).isNull();
        assertThat(issueKeys(refused(() -> campaign.revise("t", "d", "r", "m", null, NOTHING))))
                .containsExactly("criteria recalls.criteria_empty");
        campaign.revise(" 电机召回（修订） ", "轴承", "过热", "更换", null, MODELS);
        assertThat(campaign.title).isEqualTo("电机召回（修订）");
        ProblemException noReference = refused(() -> campaign.referFiling(" "));
        assertThat(issueKeys(noReference)).containsExactly("filingReference recalls.filing_reference_required");
        assertThat(issueKeys(refused(() -> campaign.file("gm", AT))))
                .containsExactly("filingReference recalls.filing_reference_required");
        campaign.referFiling("SAMR-2026-0042");
        campaign.file("gm", AT);
        assertThat(campaign.status()).isEqualTo(RecallCampaign.Status.FILED);
        assertThat(campaign.filingReference).isEqualTo("SAMR-2026-0042");
        assertThat(campaign.filingApprovedBy()).isEqualTo("gm");
        assertThat(campaign.filedAt()).isEqualTo(AT);
        wrongStatus(refused(() -> campaign.revise("t", "d", "r", "m", null, MODELS)), RecallCampaign.Status.FILED,
                RecallCampaign.Status.DRAFT);
        wrongStatus(refused(() -> campaign.referFiling("X")), RecallCampaign.Status.FILED, RecallCampaign.Status.DRAFT);
    }

    @Test
    void onlyAFiledCampaignIsActivatedAndItsUnitsFrozenOnce() {
        AtomicInteger frozen = new AtomicInteger();
        wrongStatus(refused(() -> campaign.activate(frozen::incrementAndGet, AT, HOLD)), RecallCampaign.Status.DRAFT,
                RecallCampaign.Status.FILED);
        assertThat(frozen).hasValue(0);
        campaign.referFiling("SAMR-1");
        campaign.file("gm", AT);
        campaign.activate(() -> {
            frozen.incrementAndGet();
            assertThat(campaign.status()).as("frozen before it is active").isEqualTo(RecallCampaign.Status.FILED);
            return 42;
        }, AT.plusDays(1), HOLD);
        assertThat(frozen).hasValue(1);
        assertThat(campaign.status()).isEqualTo(RecallCampaign.Status.ACTIVE);
        assertThat(campaign.affectedCount()).isEqualTo(42);
        assertThat(campaign.activatedAt()).isEqualTo(AT.plusDays(1));
        assertThat(campaign.holdUntil()).isEqualTo(HOLD);
        wrongStatus(refused(() -> campaign.activate(frozen::incrementAndGet, AT, HOLD)), RecallCampaign.Status.ACTIVE,
                RecallCampaign.Status.FILED);
        assertThat(frozen).hasValue(1);
        wrongStatus(refused(() -> campaign.close(AT)), RecallCampaign.Status.ACTIVE, RecallCampaign.Status.COMPLETED);
        RecallCampaign.OpenUnits open = new RecallCampaign.OpenUnits(3, List.of(
                new RecallCampaign.OpenUnit("SN-1", "NOTIFIED", false), new RecallCampaign.OpenUnit("SN-2", "UNREACHABLE", true)));
        ProblemException unitsOpen = refused(() -> campaign.complete(open, AT.plusDays(60)));
        assertThat(unitsOpen.status()).isEqualTo(409);
        assertThat(unitsOpen.code()).isEqualTo("recall_units_open");
        assertThat(unitsOpen.args()).containsExactly(3L);
        assertThat(unitsOpen.properties()).containsEntry("openUnits", 3L);
        assertThat(unitsOpen.issues().stream().map(i -> i.field() + " " + i.key()).toList()).containsExactly(
                "units.SN-1 recalls.unit_not_closed_out", "units.SN-2.reason recalls.closeout_needs_reason");
        assertThat(campaign.status()).isEqualTo(RecallCampaign.Status.ACTIVE);
        assertThat(campaign.completedAt()).isNull();
        campaign.complete(RecallCampaign.OpenUnits.NONE, AT.plusDays(60));
        assertThat(campaign.completedAt()).isEqualTo(AT.plusDays(60));
        wrongStatus(refused(() -> campaign.complete(RecallCampaign.OpenUnits.NONE, AT)), RecallCampaign.Status.COMPLETED, RecallCampaign.Status.ACTIVE);
        campaign.close(AT.plusDays(61));
        assertThat(campaign.status()).isEqualTo(RecallCampaign.Status.CLOSED);
        assertThat(campaign.closedAt()).isEqualTo(AT.plusDays(61));
    }

    @Test
    void onlyADraftIsDeletedAFiledCampaignIsUnderLegalHold() {
        campaign.requireDeletable(HOLD);
        campaign.referFiling("SAMR-1");
        campaign.file("gm", AT);
        ProblemException filed = refused(() -> campaign.requireDeletable(HOLD));
        assertThat(filed.code()).isEqualTo("recall_legal_hold");
        assertThat(filed.args()).containsExactly(HOLD);
        assertThat(filed.properties()).containsEntry("holdUntil", HOLD.toString());
        campaign.activate(() -> 1, AT, LocalDate.of(2035, 1, 1));
        ProblemException active = refused(() -> campaign.requireDeletable(HOLD));
        assertThat(active.args()).containsExactly(LocalDate.of(2035, 1, 1));
    }
}
