package com.aftersales.returns;

import com.aftersales.shared.error.ProblemException;
import com.aftersales.unit.ProductLine;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.aftersales.returns.ReturnUnit.Cause;
import static com.aftersales.returns.ReturnUnit.Disposition;
import static com.aftersales.returns.ReturnUnit.Finding;
import static com.aftersales.returns.ReturnUnit.Plan;
import static com.aftersales.returns.ReturnUnit.Verdict;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The return's steps and their refusals, without a container or a clock. */
class ReturnOrderTest {

    static final OffsetDateTime AT = OffsetDateTime.of(2026, 3, 2, 9, 0, 0, 0, ZoneOffset.ofHours(8));
    static final TestRecord.Report FIRST_TEST = new TestRecord.Report(" 台架噪声测试 ", " ", "72 dB(A)", true, false, null);

    final ReturnOrder order = ReturnOrder.authorise("TH-2026-00001", UUID.randomUUID(), " 电机异响 ", "manager");
    final List<ReturnUnit> units = List.of(order.unit(UUID.randomUUID(), "SN-A"), order.unit(UUID.randomUUID(), "SN-B"));

    /** Unit records that route every repair to the repair group and register replacements under the given serial. */
    final List<String> registered = new ArrayList<>();
    final ReturnOrder.UnitRecords records = new ReturnOrder.UnitRecords() {
        @Override
        public ReturnUnit.RepairGroup repairGroup(UUID unitId) {
            return ReturnUnit.RepairGroup.REPAIR_GROUP;
        }

        @Override
        public String registerReplacement(UUID unitId, String replacementSerial) {
            // The order is not disposed yet while replacements are registered.
            assertThat(order.status()).isEqualTo(ReturnOrder.Status.JUDGED);
            registered.add(replacementSerial);
            return replacementSerial;
        }
    };

    static ProblemException refused(Runnable step) {
        ProblemException e = catchThrowableOfType(ProblemException.class, step::run);
        assertThat(e).as("refused").isNotNull();
        return e;
    }

    static List<String> issueKeys(ProblemException e) {
        return e.issues().stream().map(i -> i.field() + " " + i.key()).toList();
    }

    void received() {
        order.receive("warehouse", AT);
    }

    void tested() {
        received();
        order.test(units, "SN-A", FIRST_TEST, "qe", AT);
        order.test(units, "SN-B", FIRST_TEST, "qe", AT);
    }

    void judged() {
        tested();
        order.judge(units, List.of(new Finding("SN-A", Verdict.DEFECT_CONFIRMED, Cause.DESIGN, null, null),
                new Finding("SN-B", Verdict.NTF, null, null, null)), List.of("SN-A", "SN-B"), "qe", AT);
    }

    void disposed(Disposition a, Disposition b) {
        judged();
        order.dispose(units, Map.of("SN-A", new Plan(a, null), "SN-B", new Plan(b, "NEW-1")), records);
    }

    @Test
    void authorisedThenReceivedOnce() {
        assertThat(order.status()).isEqualTo(ReturnOrder.Status.AUTHORISED);
        assertThat(order.reason).isEqualTo("电机异响");
        received();
        assertThat(order.status()).isEqualTo(ReturnOrder.Status.RECEIVED);
        assertThat(order.receivedBy()).isEqualTo("warehouse");
        assertThat(order.receivedAt()).isEqualTo(AT);
        ProblemException again = refused(() -> order.receive("warehouse", AT));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.code()).isEqualTo("return_wrong_status");
        assertThat(again.args()).containsExactly(ReturnOrder.Status.RECEIVED, ReturnOrder.Status.AUTHORISED);
        assertThat(again.properties()).containsEntry("currentStatus", ReturnOrder.Status.RECEIVED);
    }

    @Test
    void theFirstTestStartsTestingAndIsRecordedAsGiven() {
        ProblemException early = refused(() -> order.test(units, "SN-A", FIRST_TEST, "qe", AT));
        assertThat(early.code()).isEqualTo("return_wrong_status");
        assertThat(early.args()).containsExactly(ReturnOrder.Status.AUTHORISED, "RECEIVED, TESTING");
        received();
        TestRecord t = order.test(units, "SN-A", FIRST_TEST, "qe", AT);
        assertThat(order.status()).isEqualTo(ReturnOrder.Status.TESTING);
        assertThat(t.returnId).isEqualTo(order.id);
        assertThat(t.serialNo).isEqualTo("SN-A");
        assertThat(t.testName).isEqualTo("台架噪声测试");
        assertThat(t.conditions).isNull();
        assertThat(t.testedBy).isEqualTo("qe");
        assertThat(t.testedAt).isEqualTo(AT);
        ProblemException stranger = refused(() -> order.test(units, "SN-X", FIRST_TEST, "qe", AT));
        assertThat(stranger.status()).isEqualTo(422);
        assertThat(issueKeys(stranger)).containsExactly("serialNo returns.serial_not_in_return");
    }

    @Test
    void judgingNeedsAConsistentTestedVerdictForEveryUnit() {
        received();
        ProblemException notTesting = refused(() -> order.judge(units, List.of(), List.of(), "qe", AT));
        assertThat(notTesting.args()).containsExactly(ReturnOrder.Status.RECEIVED, ReturnOrder.Status.TESTING);
        order.test(units, "SN-A", FIRST_TEST, "qe", AT);
        ProblemException invalid = refused(() -> order.judge(units, List.of(
                new Finding("SN-A", Verdict.DEFECT_CONFIRMED, null, null, null),
                new Finding("SN-B", Verdict.NTF, Cause.MISUSE, null, null)), List.of("SN-A"), "qe", AT));
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.code()).isEqualTo("validation_failed");
        assertThat(issueKeys(invalid)).containsExactly("units[0].causeCategory returns.cause_required",
                "units[1].causeCategory returns.ntf_has_no_cause", "units[1].serialNo returns.not_tested");
        ProblemException incomplete = refused(() -> order.judge(units, List.of(
                new Finding("SN-A", Verdict.DEFECT_CONFIRMED, Cause.PURCHASED_PART, null, new BigDecimal("0.6"))),
                List.of("SN-A", "SN-B"), "qe", AT));
        assertThat(issueKeys(incomplete)).containsExactly("units[0].supplierCode returns.supplier_required",
                "units returns.verdict_missing");
        assertThat(order.status()).isEqualTo(ReturnOrder.Status.TESTING);
        assertThat(units.get(0).verdict()).isNull();
    }

    @Test
    void ntfIsRefusedForAUnitWhoseTestReproducedTheFaultNamingTheTest() {
        tested();
        UUID testId = UUID.randomUUID();
        Map<String, ReturnOrder.Reproduction> reproduced = Map.of("SN-B",
                new ReturnOrder.Reproduction(testId, "台架噪声测试", AT.toLocalDate()));
        ProblemException refused = refused(() -> order.judge(units, List.of(
                new Finding("SN-A", Verdict.NTF, null, null, null),
                new Finding("SN-B", Verdict.NTF, null, null, null)), List.of("SN-A", "SN-B"), reproduced, "qe", AT));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(issueKeys(refused)).containsExactly("units[1].verdict returns.ntf_but_reproduced");
        assertThat(refused.issues().get(0).args()).containsExactly("SN-B", "台架噪声测试", AT.toLocalDate());
        assertThat(refused.properties()).containsEntry("reproducingTests", Map.of("SN-B", testId));
        assertThat(order.status()).isEqualTo(ReturnOrder.Status.TESTING);
        assertThat(units).allSatisfy(u -> assertThat(u.verdict()).isNull());
        // The unit whose test did not reproduce the fault may be NTF; the other is a confirmed defect.
        order.judge(units, List.of(new Finding("SN-A", Verdict.NTF, null, null, null),
                new Finding("SN-B", Verdict.DEFECT_CONFIRMED, Cause.DESIGN, null, null)), List.of("SN-A", "SN-B"),
                reproduced, "qe", AT);
        assertThat(order.status()).isEqualTo(ReturnOrder.Status.JUDGED);
        assertThat(units.get(0).verdict()).isEqualTo(Verdict.NTF);
    }

    @Test
    void aPurchasedPartKeepsItsSupplierAndShare() {
        tested();
        UUID bearings = UUID.randomUUID();
        order.judge(units, List.of(
                new Finding("SN-A", Verdict.DEFECT_CONFIRMED, Cause.PURCHASED_PART, bearings, new BigDecimal("0.6")),
                new Finding("SN-B", Verdict.DEFECT_CONFIRMED, Cause.DESIGN, UUID.randomUUID(), new BigDecimal("0.9"))),
                List.of("SN-A", "SN-B"), "qe", AT);
        assertThat(order.status()).isEqualTo(ReturnOrder.Status.JUDGED);
        assertThat(units.get(0).supplierId()).isEqualTo(bearings);
        assertThat(units.get(0).supplierShare()).isEqualByComparingTo("0.6");
        assertThat(units.get(0).judgedBy()).isEqualTo("qe");
        assertThat(units.get(1).supplierId()).isNull();
        assertThat(units.get(1).supplierShare()).isNull();
    }

    @Test
    void everyUnitNeedsADispositionAndAReplacementItsSerial() {
        judged();
        ProblemException missing = refused(() -> order.dispose(units, Map.of("SN-B", new Plan(Disposition.REPLACE, " ")), records));
        assertThat(missing.status()).isEqualTo(422);
        assertThat(issueKeys(missing)).containsExactly("units returns.disposition_missing",
                "units.replacementSerial returns.replacement_required");
        assertThat(missing.issues().get(1).args()).containsExactly("SN-B");
        assertThat(registered).isEmpty();
        order.dispose(units, Map.of("SN-A", new Plan(Disposition.REPAIR, null), "SN-B", new Plan(Disposition.REPLACE, "NEW-1")),
                records);
        assertThat(order.status()).isEqualTo(ReturnOrder.Status.DISPOSED);
        assertThat(units).extracting(ReturnUnit::disposition).containsExactly(Disposition.REPAIR, Disposition.REPLACE);
        assertThat(units.get(0).repairGroup()).isEqualTo(ReturnUnit.RepairGroup.REPAIR_GROUP);
        assertThat(units.get(1).repairGroup()).isNull();
        assertThat(units.get(1).replacementSerial()).isEqualTo("NEW-1");
        assertThat(registered).containsExactly("NEW-1");
        assertThat(refused(() -> order.dispose(units, Map.of(), records)).code()).isEqualTo("return_wrong_status");
    }

    @Test
    void repairsAreRoutedLikeCases() {
        assertThat(ReturnUnit.RepairGroup.of("NPD-9", ProductLine.COMMERCIAL_VEHICLE)).isEqualTo(ReturnUnit.RepairGroup.TRIAL_WORKSHOP);
        assertThat(ReturnUnit.RepairGroup.of(null, ProductLine.COMMERCIAL_VEHICLE)).isEqualTo(ReturnUnit.RepairGroup.REPAIR_GROUP);
        assertThat(ReturnUnit.RepairGroup.of(null, ProductLine.PASSENGER_CAR)).isEqualTo(ReturnUnit.RepairGroup.PRODUCTION);
    }

    @Test
    void onlyARepairedUnitIsRetestedAndRestockedAfterPassing() {
        disposed(Disposition.REPAIR, Disposition.SCRAP);
        TestRecord.Report retest = new TestRecord.Report("复测", null, null, false, true, null);
        ProblemException scrapped = refused(() -> order.test(units, "SN-B", retest, "repair", AT));
        assertThat(scrapped.code()).isEqualTo("return_retest_not_expected");
        assertThat(scrapped.args()).containsExactly(ReturnOrder.Status.DISPOSED);
        ProblemException noResult = refused(() -> order.test(units, "SN-A", retest, "repair", AT));
        assertThat(issueKeys(noResult)).containsExactly("passed validation.required");
        ProblemException notYet = refused(() -> order.restock(units, "SN-A", "HQ", AT));
        assertThat(notYet.code()).isEqualTo("return_restock_needs_retest");
        assertThat(notYet.args()).containsExactly("SN-A");
        ProblemException open = refused(() -> order.close(units, AT));
        assertThat(open.status()).isEqualTo(409);
        assertThat(open.code()).isEqualTo("return_cannot_close");
        assertThat(issueKeys(open)).containsExactly("units returns.repair_not_restocked");

        order.test(units, "SN-A", new TestRecord.Report("复测", null, null, false, true, true), "repair", AT);
        assertThat(units.get(0).retestPassed()).isTrue();
        assertThat(order.status()).isEqualTo(ReturnOrder.Status.DISPOSED);
        order.restock(units, "SN-A", "HQ", AT);
        assertThat(units.get(0).restockedAt()).isEqualTo(AT);
        assertThat(refused(() -> order.restock(units, "SN-A", "HQ", AT)).code()).isEqualTo("return_already_restocked");
        assertThat(refused(() -> order.restock(units, "SN-B", "HQ", AT)).code()).isEqualTo("return_restock_needs_retest");
        order.close(units, AT);
        assertThat(order.status()).isEqualTo(ReturnOrder.Status.CLOSED);
        assertThat(order.closedAt()).isEqualTo(AT);
        assertThat(refused(() -> order.close(units, AT)).args()).containsExactly(ReturnOrder.Status.CLOSED, ReturnOrder.Status.DISPOSED);
    }

    @Test
    void restockingChecksTheStatusBeforeTheSerial() {
        judged();
        ProblemException e = refused(() -> order.restock(units, "SN-X", "HQ", AT));
        assertThat(e.status()).isEqualTo(409);
        assertThat(e.args()).containsExactly(ReturnOrder.Status.JUDGED, ReturnOrder.Status.DISPOSED);
    }
}
