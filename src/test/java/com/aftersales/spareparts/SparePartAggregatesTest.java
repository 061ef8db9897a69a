package com.aftersales.spareparts;

import com.aftersales.shared.error.ProblemException;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Transfer orders, spare-part plans and quotes: their steps and refusals, without a container or a clock. */
class SparePartAggregatesTest {

    static final OffsetDateTime AT = OffsetDateTime.of(2026, 3, 2, 9, 0, 0, 0, ZoneOffset.ofHours(8));
    static final UUID PART = UUID.randomUUID();

    static ProblemException refused(Runnable step) {
        ProblemException e = catchThrowableOfType(ProblemException.class, step::run);
        assertThat(e).as("refused").isNotNull();
        return e;
    }

    static TransferOrder requested() {
        return TransferOrder.request("DB-2026-00001", "WH-BJ", "WH-SH", null, List.of(new TransferOrder.Line(PART, 3)), "sales");
    }

    static void wrongStatus(ProblemException e, TransferOrder.Status is, TransferOrder.Status needed) {
        assertThat(e.status()).isEqualTo(409);
        assertThat(e.code()).isEqualTo("transfer_wrong_status");
        assertThat(e.args()).containsExactly(is, needed);
        assertThat(e.properties()).containsEntry("currentStatus", is);
    }

    @Test
    void aTransferIsApprovedShippedAndReceivedInThatOrder() {
        TransferOrder o = requested();
        assertThat(o.status()).isEqualTo(TransferOrder.Status.REQUESTED);
        wrongStatus(refused(() -> o.ship("顺丰", "SF1", LocalDate.of(2026, 3, 2))), TransferOrder.Status.REQUESTED,
                TransferOrder.Status.APPROVED);
        wrongStatus(refused(() -> o.receive(AT)), TransferOrder.Status.REQUESTED, TransferOrder.Status.SHIPPED);
        o.approve("pm", " ");
        assertThat(o.status()).isEqualTo(TransferOrder.Status.APPROVED);
        assertThat(o.decidedBy()).isEqualTo("pm");
        assertThat(o.decisionComment()).isNull();
        wrongStatus(refused(() -> o.approve("pm", null)), TransferOrder.Status.APPROVED, TransferOrder.Status.REQUESTED);
        o.ship(" 顺丰 ", " SF1 ", LocalDate.of(2026, 3, 2));
        assertThat(o.status()).isEqualTo(TransferOrder.Status.SHIPPED);
        assertThat(o.carrier()).isEqualTo("顺丰");
        assertThat(o.trackingNo()).isEqualTo("SF1");
        assertThat(o.shippedOn()).isEqualTo(LocalDate.of(2026, 3, 2));
        o.receive(AT);
        assertThat(o.status()).isEqualTo(TransferOrder.Status.RECEIVED);
        assertThat(o.receivedAt()).isEqualTo(AT);
        wrongStatus(refused(() -> o.receive(AT)), TransferOrder.Status.RECEIVED, TransferOrder.Status.SHIPPED);
    }

    @Test
    void aRejectionSaysWhyAndEndsTheOrder() {
        TransferOrder o = requested();
        ProblemException silent = refused(() -> o.reject("pm", " "));
        assertThat(silent.status()).isEqualTo(422);
        assertThat(silent.issues()).extracting(ProblemException.Issue::field, ProblemException.Issue::key)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("comment", "cases.reject_needs_reason"));
        assertThat(o.status()).isEqualTo(TransferOrder.Status.REQUESTED);
        o.reject("pm", "库存不足");
        assertThat(o.status()).isEqualTo(TransferOrder.Status.REJECTED);
        assertThat(o.decisionComment()).isEqualTo("库存不足");
        wrongStatus(refused(() -> o.reject("pm", "again")), TransferOrder.Status.REJECTED, TransferOrder.Status.REQUESTED);
        wrongStatus(refused(() -> o.ship("顺丰", "SF1", LocalDate.of(2026, 3, 2))), TransferOrder.Status.REJECTED,
                TransferOrder.Status.APPROVED);
    }

    @Test
    void aPlanIsEditedUntilAcceptedAndKnowsOnlyItsParts() {
        SparePlan.Line line = new SparePlan.Line(PART, "P-1", "轴承", 12, 3, 4, 2, 5, 5);
        SparePlan p = SparePlan.propose("WH-BJ", 6, LocalDate.of(2026, 4, 1), 3, List.of(line), "pm");
        assertThat(p.periodTo).isEqualTo(LocalDate.of(2026, 6, 30));
        assertThat(p.status()).isEqualTo(SparePlan.Status.DRAFT);
        UUID stranger = UUID.randomUUID();
        ProblemException unknown = refused(() -> p.revise(Map.of(stranger, 1), true, "pm"));
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.issues().get(0).key()).isEqualTo("parts.not_in_plan");
        assertThat(unknown.issues().get(0).args()).containsExactly(stranger);
        assertThat(p.status()).isEqualTo(SparePlan.Status.DRAFT);
        p.revise(Map.of(PART, 8), false, "pm");
        assertThat(p.lines()).extracting(SparePlan.Line::accepted).containsExactly(8);
        assertThat(p.lines()).extracting(SparePlan.Line::suggested).containsExactly(5);
        assertThat(p.acceptedBy()).isNull();
        p.revise(Map.of(), true, "pm2");
        assertThat(p.status()).isEqualTo(SparePlan.Status.ACCEPTED);
        assertThat(p.acceptedBy()).isEqualTo("pm2");
        ProblemException accepted = refused(() -> p.revise(Map.of(PART, 1), false, "pm"));
        assertThat(accepted.status()).isEqualTo(409);
        assertThat(accepted.code()).isEqualTo("plan_accepted");
        assertThat(p.lines()).extracting(SparePlan.Line::accepted).containsExactly(8);
    }

    @Test
    void aQuoteTotalsLabourAndPartsAndIsDecidedOnce() {
        Quote q = Quote.issue(UUID.randomUUID(), List.of(), new BigDecimal("200.00"), new BigDecimal("1.333"),
                new BigDecimal("100.00"), "HQ", "sales");
        assertThat(q.totalCny).hasToString("333.30");
        assertThat(q.status()).isEqualTo(Quote.Status.ISSUED);
        assertThat(q.labourCny()).hasToString("133.30");
        q.decide(false, "太贵", "customer-1", AT);
        assertThat(q.status()).isEqualTo(Quote.Status.DECLINED);
        assertThat(q.decidedAt()).isEqualTo(AT);
        assertThat(q.declineReason()).isEqualTo("太贵");
        assertThat(q.decidedBy()).isEqualTo("customer-1");
        ProblemException again = refused(() -> q.decide(true, null, "customer-1", AT));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.code()).isEqualTo("quote_decided");
        assertThat(again.args()).containsExactly(Quote.Status.DECLINED);
    }
}
