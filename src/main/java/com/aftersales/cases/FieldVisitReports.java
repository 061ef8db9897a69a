package com.aftersales.cases;

import com.aftersales.AftersalesConfig;
import com.aftersales.shared.error.Messages;
import com.aftersales.shared.error.ProblemException;
import com.aftersales.shared.security.Caller;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * The technical service report (技术服务表) of a visit: work done, readings, parts used, result, engineer and the
 * customer's confirmation. A field engineer sends it in one submission, possibly days after the work (offline): every
 * time in it is the device's (occurredAt), kept beside the time the service received it, and refused outside
 * {@code aftersales.field.offline-window} / {@code clock-skew}. The submission is keyed by the client's id: a retry
 * answers the same report and the same announcements (with fresh upload URLs) and creates nothing again.
 */
@ApplicationScoped
@Transactional
public class FieldVisitReports {

    /** A file announced in a submission under the client's own id; its upload URL comes back in the answer. */
    public record FileAnnouncement(@NotNull UUID id, @NotBlank @Size(max = 200) String fileName,
                                   @NotBlank @Size(max = 100) String contentType, @NotNull @Positive Long sizeBytes) {
    }

    /** A reading taken on site (测量数据): name, value and unit, with the client's id and time. */
    public record VisitReadingRequest(@NotNull UUID id, @NotBlank @Size(max = 200) String name,
                                 @NotBlank @Size(max = 100) String value, @Size(max = 40) String unit,
                                 @NotNull OffsetDateTime occurredAt) {
    }

    /** The customer's confirmation in a submission: who, when, and the signature image to upload, if one was taken. */
    public record SubmittedVisitConfirmation(@NotBlank @Size(max = 100) String name, @NotNull OffsetDateTime occurredAt,
                                        @Valid FileAnnouncement signature) {
    }

    /**
     * A whole visit report. {@code startedAt} is needed when the visit has not been started online; {@code occurredAt}
     * is when the work was completed.
     */
    public record VisitReportSubmission(
            @NotNull UUID submissionId,
            OffsetDateTime startedAt,
            @NotNull OffsetDateTime occurredAt,
            @NotBlank @Size(max = 100) String engineer,
            @NotBlank @Size(max = 20_000) String workDone,
            @NotBlank @Size(max = 4000) String result,
            @Size(max = 200) List<@Valid @NotNull VisitReadingRequest> readings,
            @Size(max = 200) List<FieldVisit.@Valid @NotNull PartUsed> partsUsed,
            @Valid SubmittedVisitConfirmation confirmation,
            @Size(max = 20) List<@Valid @NotNull FileAnnouncement> attachments) {
    }

    /** The customer's confirmation recorded online, with the id of an attachment of the case as the signature. */
    public record VisitConfirmationRequest(@NotBlank @Size(max = 100) String name, @NotNull OffsetDateTime occurredAt,
                                      UUID signatureAttachmentId) {
    }

    /** The visit as the report left it, and the files announced with it (an upload URL for each still to upload). */
    @RegisterForReflection
    public record VisitReportReceipt(FieldVisits.VisitView visit, List<CaseAttachments.AttachmentView> uploads) {
    }

    /** What the workbook shows beyond the visit: the case number, its units and the signature's file name. */
    record ReportSheet(FieldVisits.VisitView visit, String caseNo, CaseType caseType, List<String> serialNos, String signatureFile) {
    }

    @Inject
    FieldVisits steps;

    @Inject
    FieldVisitRepository visits;

    @Inject
    CaseRepository cases;

    @Inject
    CaseViews caseViews;

    @Inject
    CaseAttachments attachments;

    @Inject
    Caller caller;

    @Inject
    AftersalesConfig config;

    @Inject
    ObjectMapper json;

    @Inject
    Clock clock;

    public VisitReportReceipt submit(@NotNull UUID caseId, @NotNull UUID visitId, @NotNull @Valid VisitReportSubmission request) {
        ServiceCase c = cases.visible(caseId, LockModeType.NONE);
        FieldVisit v = visits.find("id = ?1 and caseId = ?2", visitId, c.id).withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResultOptional().orElseThrow(() -> ProblemException.notFound("field-visit", visitId));
        String hash = hash(request);
        if (request.submissionId().equals(v.reportSubmissionId())) {
            if (!hash.equals(v.reportSubmissionHash())) {
                throw new ProblemException(422, "visit_report_id_reused", request.submissionId());
            }
            return new VisitReportReceipt(FieldVisits.VisitView.of(v), attachments.announced(c.id, announcedIds(request)));
        }
        if (visits.count("reportSubmissionId", request.submissionId()) > 0) {
            throw new ProblemException(422, "visit_report_id_reused", request.submissionId());
        }
        if (!c.status.isOpen()) {
            throw new ProblemException(409, "case_not_open", Messages.coded("case_status", c.status));
        }
        OffsetDateTime now = OfflineWindow.stored(OffsetDateTime.now(clock));
        checkTimes(request, now);
        checkIds(request);

        FieldVisits.VisitView before = FieldVisits.VisitView.of(v);
        if (v.status() == FieldVisit.Status.PLANNED && request.startedAt() == null) {
            throw ProblemException.invalid("startedAt", "validation.required");
        }
        // The files first: the visit then names its signature, and changes in one write (one new version).
        List<CaseAttachments.AttachmentView> uploads = new ArrayList<>();
        SubmittedVisitConfirmation confirmation = request.confirmation();
        if (confirmation != null && confirmation.signature() != null) {
            FileAnnouncement file = confirmation.signature();
            requireImage("confirmation.signature.contentType", file.contentType());
            uploads.add(attachments.announce(c.id, file.id(), file.fileName(), file.contentType(), file.sizeBytes(),
                    v.id, "confirmation.signature."));
        }
        List<FileAnnouncement> files = request.attachments() == null ? List.of() : request.attachments();
        for (int i = 0; i < files.size(); i++) {
            FileAnnouncement file = files.get(i);
            uploads.add(attachments.announce(c.id, file.id(), file.fileName(), file.contentType(), file.sizeBytes(), v.id,
                    "attachments[" + i + "]."));
        }

        if (v.status() == FieldVisit.Status.PLANNED) {
            v.start(OfflineWindow.stored(request.startedAt()), now);
        }
        v.complete(request.workDone(), request.result(), request.partsUsed(), steps.catalogued(request.partsUsed()),
                OfflineWindow.stored(request.occurredAt()), now);
        v.engineer(request.engineer());
        v.addReadings(readings(request.readings(), now));
        if (confirmation != null) {
            v.confirm(confirmation.name(), OfflineWindow.stored(confirmation.occurredAt()), now,
                    confirmation.signature() == null ? null : confirmation.signature().id());
        }
        v.submittedAs(request.submissionId(), hash, caller.subject());
        FieldVisits.VisitView after = steps.audited(v, "REPORT", before);
        return new VisitReportReceipt(after, uploads);
    }

    /** 客户确认 recorded online: the customer's name, the time, and a signature image already announced on the case. */
    public FieldVisits.VisitView confirm(@NotNull UUID caseId, @NotNull UUID visitId, long expectedVersion,
                                         @NotNull @Valid VisitConfirmationRequest request) {
        FieldVisit v = steps.locked(caseId, visitId, expectedVersion);
        OffsetDateTime now = OfflineWindow.stored(OffsetDateTime.now(clock));
        window().check("occurredAt", request.occurredAt(), now).ifPresent(issue -> OfflineWindow.require(List.of(issue)));
        if (request.signatureAttachmentId() != null) {
            Attachment a = attachments.ofCase(v.caseId, request.signatureAttachmentId())
                    .filter(found -> found.visitId == null || found.visitId.equals(v.id))
                    .orElseThrow(() -> ProblemException.invalid("signatureAttachmentId", "cases.signature_not_of_visit"));
            requireImage("signatureAttachmentId", a.contentType);
        }
        FieldVisits.VisitView before = FieldVisits.VisitView.of(v);
        v.confirm(request.name(), OfflineWindow.stored(request.occurredAt()), now, request.signatureAttachmentId());
        return steps.audited(v, "CONFIRM", before);
    }

    /** The report as the workbook shows it, for whoever may see the case. */
    @Transactional(Transactional.TxType.SUPPORTS)
    ReportSheet sheet(@NotNull UUID caseId, @NotNull UUID visitId, Locale locale) {
        ServiceCase c = cases.visible(caseId, LockModeType.NONE);
        FieldVisit v = steps.ofCase(c.id, visitId);
        String signature = v.signatureAttachmentId() == null ? null
                : attachments.ofCase(c.id, v.signatureAttachmentId()).map(a -> a.fileName).orElse(null);
        List<String> serials = caseViews.of(c, locale).units().stream().map(CaseView.UnitEntitlement::serialNo).toList();
        return new ReportSheet(FieldVisits.VisitView.of(v), c.caseNo, c.type, serials, signature);
    }

    private OfflineWindow window() {
        return new OfflineWindow(config.field().offlineWindow(), config.field().clockSkew());
    }

    /** Every stated time inside the offline window, and the completion not before the start. */
    private void checkTimes(VisitReportSubmission request, OffsetDateTime now) {
        OfflineWindow window = window();
        List<ProblemException.Issue> issues = new ArrayList<>();
        if (request.startedAt() != null) {
            window.check("startedAt", request.startedAt(), now).ifPresent(issues::add);
        }
        window.check("occurredAt", request.occurredAt(), now).ifPresent(issues::add);
        List<VisitReadingRequest> readings = request.readings() == null ? List.of() : request.readings();
        for (int i = 0; i < readings.size(); i++) {
            window.check("readings[" + i + "].occurredAt", readings.get(i).occurredAt(), now).ifPresent(issues::add);
        }
        if (request.confirmation() != null) {
            window.check("confirmation.occurredAt", request.confirmation().occurredAt(), now).ifPresent(issues::add);
        }
        if (request.startedAt() != null && request.occurredAt().isBefore(request.startedAt())) {
            issues.add(ProblemException.Issue.of("occurredAt", "cases.visit_completed_before_start", request.startedAt()));
        }
        OfflineWindow.require(issues);
    }

    /** The client's ids are unique within the submission. */
    private static void checkIds(VisitReportSubmission request) {
        Set<UUID> seen = new HashSet<>();
        List<VisitReadingRequest> readings = request.readings() == null ? List.of() : request.readings();
        for (int i = 0; i < readings.size(); i++) {
            if (!seen.add(readings.get(i).id())) {
                throw ProblemException.invalid("readings[" + i + "].id", "cases.client_id_repeated", readings.get(i).id());
            }
        }
        List<UUID> files = announcedIds(request);
        for (int i = 0; i < files.size(); i++) {
            if (!seen.add(files.get(i))) {
                throw ProblemException.invalid("attachments", "cases.client_id_repeated", files.get(i));
            }
        }
    }

    private static List<UUID> announcedIds(VisitReportSubmission request) {
        List<UUID> ids = new ArrayList<>();
        if (request.confirmation() != null && request.confirmation().signature() != null) {
            ids.add(request.confirmation().signature().id());
        }
        if (request.attachments() != null) {
            request.attachments().forEach(a -> ids.add(a.id()));
        }
        return ids;
    }

    private List<FieldVisit.VisitReading> readings(List<VisitReadingRequest> readings, OffsetDateTime now) {
        if (readings == null) {
            return List.of();
        }
        return readings.stream().map(r -> new FieldVisit.VisitReading(r.id(), r.name().strip(), r.value().strip(),
                r.unit() == null || r.unit().isBlank() ? null : r.unit().strip(), OfflineWindow.stored(r.occurredAt()), now, caller.subject())).toList();
    }

    private static void requireImage(String field, String contentType) {
        if (!contentType.strip().toLowerCase(Locale.ROOT).startsWith("image/")) {
            throw ProblemException.invalid(field, "cases.signature_not_image");
        }
    }

    /** What the submission said, to tell a retry (same) from a reuse of its id for something else. */
    private String hash(VisitReportSubmission request) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(json.writeValueAsString(request)
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
