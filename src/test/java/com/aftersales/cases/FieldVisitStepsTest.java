package com.aftersales.cases;

import com.aftersales.shared.error.Messages;
import com.aftersales.shared.error.ProblemException;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** A field visit's steps and refusals, without a container or a clock. */
class FieldVisitStepsTest {

    static final OffsetDateTime AT = OffsetDateTime.of(2026, 3, 2, 9, 0, 0, 0, ZoneOffset.ofHours(8));

    static FieldVisit planned(boolean travel) {
        return FieldVisit.plan(UUID.randomUUID(), FieldVisit.Purpose.ON_SITE_REPAIR, LocalDate.of(2026, 3, 5), " 天津港 ",
                List.of(" 李工 ", "张工"), travel, "engineer");
    }

    static ProblemException refused(Runnable step) {
        ProblemException e = catchThrowableOfType(ProblemException.class, step::run);
        assertThat(e).as("refused").isNotNull();
        return e;
    }

    @Test
    void aVisitWithoutTravelIsStartedAndCompleted() {
        FieldVisit v = planned(false);
        assertThat(v.site).isEqualTo("天津港");
        assertThat(v.technicians).containsExactly("李工", "张工");
        assertThat(v.travelStatus()).isEqualTo(FieldVisit.TravelStatus.NOT_REQUIRED);
        assertThat(v.status()).isEqualTo(FieldVisit.Status.PLANNED);
        ProblemException notStarted = refused(() -> v.complete("work", "ok", null, AT));
        assertThat(notStarted.status()).isEqualTo(409);
        assertThat(notStarted.code()).isEqualTo("visit_wrong_status");
        assertThat(notStarted.args()).containsExactly(Messages.coded("visit_status", FieldVisit.Status.PLANNED));
        v.start(AT);
        assertThat(v.status()).isEqualTo(FieldVisit.Status.STARTED);
        assertThat(v.startedAt()).isEqualTo(AT);
        assertThat(refused(() -> v.start(AT)).args()).containsExactly(Messages.coded("visit_status", FieldVisit.Status.STARTED));
        FieldVisit.PartUsed part = new FieldVisit.PartUsed("P-1", "轴承", 2);
        v.complete(" 更换轴承 ", " 正常 ", List.of(part), AT.plusHours(3));
        assertThat(v.status()).isEqualTo(FieldVisit.Status.COMPLETED);
        assertThat(v.completedAt()).isEqualTo(AT.plusHours(3));
        assertThat(v.workDone()).isEqualTo("更换轴承");
        assertThat(v.result()).isEqualTo("正常");
        assertThat(v.partsUsed()).containsExactly(new FieldVisit.UsedPart("P-1", "轴承", 2, null));
        ProblemException noTrip = refused(() -> v.approveTravel("manager", null));
        assertThat(noTrip.code()).isEqualTo("visit_no_travel_request");
        assertThat(noTrip.args()).containsExactly(Messages.coded("travel_status", FieldVisit.TravelStatus.NOT_REQUIRED));
    }

    @Test
    void aTripStartsOnlyOnceApproved() {
        FieldVisit v = planned(true);
        assertThat(v.travelStatus()).isEqualTo(FieldVisit.TravelStatus.REQUESTED);
        ProblemException waiting = refused(() -> v.start(AT));
        assertThat(waiting.code()).isEqualTo("visit_travel_not_approved");
        assertThat(waiting.args()).containsExactly(Messages.coded("travel_status", FieldVisit.TravelStatus.REQUESTED));
        assertThat(waiting.properties()).containsEntry("travelStatus", FieldVisit.TravelStatus.REQUESTED);
        v.approveTravel("manager", " ");
        assertThat(v.travelStatus()).isEqualTo(FieldVisit.TravelStatus.APPROVED);
        assertThat(v.travelDecidedBy()).isEqualTo("manager");
        assertThat(v.travelComment()).isNull();
        assertThat(refused(() -> v.rejectTravel("manager", "late")).code()).isEqualTo("visit_no_travel_request");
        v.start(AT);
        assertThat(v.status()).isEqualTo(FieldVisit.Status.STARTED);
    }

    @Test
    void aRejectedTripSaysWhyAndNeverStarts() {
        FieldVisit v = planned(true);
        ProblemException silent = refused(() -> v.rejectTravel("manager", ""));
        assertThat(silent.status()).isEqualTo(422);
        assertThat(silent.issues()).extracting(ProblemException.Issue::key).containsExactly("cases.reject_needs_reason");
        assertThat(v.travelStatus()).isEqualTo(FieldVisit.TravelStatus.REQUESTED);
        v.rejectTravel("manager", "预算不足");
        assertThat(v.travelStatus()).isEqualTo(FieldVisit.TravelStatus.REJECTED);
        assertThat(v.travelComment()).isEqualTo("预算不足");
        assertThat(refused(() -> v.start(AT)).args()).containsExactly(Messages.coded("travel_status", FieldVisit.TravelStatus.REJECTED));
    }

    @Test
    void aReportKeepsTheDevicesTimesReadingsOnceAndTheConfirmation() {
        FieldVisit v = planned(false);
        assertThat(refused(() -> v.confirm("王师傅", AT, AT, null)).code()).isEqualTo("visit_wrong_status");
        v.start(AT, AT.plusDays(2));
        assertThat(v.startedAt()).isEqualTo(AT);
        assertThat(v.startedReceivedAt()).isEqualTo(AT.plusDays(2));
        ProblemException early = refused(() -> v.complete("work", "ok", null, java.util.Map.of(), AT.minusHours(1), AT.plusDays(2)));
        assertThat(early.issues()).extracting(ProblemException.Issue::field).containsExactly("occurredAt");
        UUID part = UUID.randomUUID();
        v.complete("work", "ok", List.of(new FieldVisit.PartUsed(" p-1 ", " ", 2), new FieldVisit.PartUsed("X-9", "端子", 1)),
                java.util.Map.of("P-1", new PartCatalogue.Entry(part, "P-1", "轴承")), AT.plusHours(3), AT.plusDays(2));
        assertThat(v.partsUsed()).containsExactly(new FieldVisit.UsedPart("P-1", "轴承", 2, part),
                new FieldVisit.UsedPart("X-9", "端子", 1, null));
        assertThat(v.completedAt()).isEqualTo(AT.plusHours(3));
        assertThat(v.completedReceivedAt()).isEqualTo(AT.plusDays(2));
        UUID reading = UUID.randomUUID();
        FieldVisit.VisitReading taken = new FieldVisit.VisitReading(reading, "电压", "540", "V", AT.plusHours(1), AT.plusDays(2), "engineer");
        v.addReadings(List.of(taken));
        v.addReadings(List.of(new FieldVisit.VisitReading(reading, "电压", "999", "V", AT.plusHours(2), AT.plusDays(3), "engineer")));
        assertThat(v.readings()).containsExactly(taken);
        assertThat(v.readings().get(0).occurredAt()).as("kept in UTC, as the JSON column returns it")
                .isEqualTo(AT.plusHours(1).withOffsetSameInstant(ZoneOffset.UTC));
        v.confirm(" 王师傅 ", AT.plusHours(4), AT.plusDays(2), null);
        assertThat(v.confirmedByName()).isEqualTo("王师傅");
        assertThat(v.confirmedAt()).isEqualTo(AT.plusHours(4));
    }
}
