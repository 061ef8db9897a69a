package com.aftersales.cases;

import com.aftersales.AftersalesConfig;
import com.aftersales.shared.audit.AuditTrail;
import com.aftersales.shared.error.ProblemException;
import com.aftersales.shared.paging.Page;
import com.aftersales.shared.paging.PageRequest;
import com.aftersales.shared.security.Caller;
import com.aftersales.shared.storage.ObjectStore;
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
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * Photos and documents on a case: the client asks for an upload URL, puts the bytes there, confirms; downloads
 * are short-lived URLs given only to those who may see the case. Type and size are checked before any URL is given,
 * and so is the case's quota (files and bytes, confirmed or still announced). The upload URL names an upload key
 * ({@code <storage key>.upload}); confirming copies the bytes to the storage key, which no URL ever writes, so an upload
 * URL still valid after the confirmation cannot replace the file. Announcements not confirmed within
 * {@code aftersales.attachments.unconfirmed-expiry} are removed with their bytes ({@link #expireUnconfirmed}).
 */
@ApplicationScoped
@Transactional
public class CaseAttachments {

    @Inject
    AttachmentRepository attachments;

    public record AttachRequest(@NotBlank @Size(max = 200) String fileName, @NotBlank @Size(max = 100) String contentType,
                                @NotNull @Positive Long sizeBytes, UUID visitId) {
    }

    @RegisterForReflection
    public record AttachmentView(UUID id, UUID caseId, UUID visitId, String fileName, String contentType, long sizeBytes,
                                 boolean uploaded, String uploadedBy, OffsetDateTime createdAt,
                                 ObjectStore.SignedUrl upload, ObjectStore.SignedUrl download) {
        static AttachmentView of(Attachment a, ObjectStore.SignedUrl upload, ObjectStore.SignedUrl download) {
            return new AttachmentView(a.id, a.caseId, a.visitId, a.fileName, a.contentType, a.sizeBytes, a.uploaded,
                    a.uploadedBy, a.createdAt, upload, download);
        }
    }

    static final String AUDIT_TYPE = "attachment";

    private static final Logger LOG = Logger.getLogger(CaseAttachments.class);

    @Inject
    CaseRepository cases;

    @Inject
    FieldVisits visits;

    @Inject
    ObjectStore store;

    @Inject
    AftersalesConfig config;

    @Inject
    Clock clock;

    @Inject
    Caller caller;

    @Inject
    AuditTrail audit;

    public AttachmentView attach(@NotNull UUID caseId, @NotNull @Valid AttachRequest request) {
        ServiceCase c = cases.visible(caseId, LockModeType.NONE);
        return announce(c.id, UUID.randomUUID(), request.fileName(), request.contentType(), request.sizeBytes(),
                request.visitId(), "");
    }

    /**
     * A service station announces a document of a visit assigned to it (another station's visit: 404); the file is an
     * attachment of the visit's case, checked and counted as any.
     */
    public AttachmentView stationAttach(@NotNull UUID visitId, @NotNull @Valid AttachRequest request) {
        FieldVisit v = visits.ofStation(visitId, LockModeType.NONE);
        if (request.visitId() != null && !request.visitId().equals(v.id)) {
            throw ProblemException.invalid("visitId", "cases.station_attachment_other_visit", v.id);
        }
        return announce(v.caseId, UUID.randomUUID(), request.fileName(), request.contentType(), request.sizeBytes(), v.id, "");
    }

    /** A service station confirms the upload of a document it announced for a visit assigned to it. */
    public AttachmentView stationConfirm(@NotNull UUID visitId, @NotNull UUID attachmentId) {
        FieldVisit v = visits.ofStation(visitId, LockModeType.NONE);
        Attachment a = attachments.find("id = ?1 and caseId = ?2 and visitId = ?3", attachmentId, v.caseId, v.id)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional()
                .orElseThrow(() -> ProblemException.notFound("attachment", attachmentId));
        return confirmed(a);
    }

    /**
     * Announces a file of a visible case under the given id (a client's own id in an offline report submission); the
     * answer carries its upload URL. Refusals name the field under {@code fieldPrefix}.
     */
    AttachmentView announce(UUID caseId, UUID id, String fileName, String contentType, long sizeBytes, UUID visitId,
                            String fieldPrefix) {
        String type = contentType.strip().toLowerCase(Locale.ROOT);
        if (!config.attachments().contentTypes().contains(type)) {
            throw ProblemException.invalid(fieldPrefix + "contentType", "validation.one_of", String.join(", ", config.attachments().contentTypes()));
        }
        if (sizeBytes > config.attachments().maxBytes()) {
            throw ProblemException.invalid(fieldPrefix + "sizeBytes", "validation.range", 1, config.attachments().maxBytes());
        }
        if (visitId != null) {
            visits.ofCase(caseId, visitId);
        }
        if (attachments.findById(id) != null) {
            throw ProblemException.invalid(fieldPrefix + "id", "cases.attachment_id_taken", id);
        }
        quota(caseId, sizeBytes);
        String name = fileName.strip().replaceAll("[\\\\/\\p{Cntrl}]", "_");
        Attachment a = new Attachment();
        a.id = id;
        a.caseId = caseId;
        a.visitId = visitId;
        a.fileName = name;
        a.contentType = type;
        a.sizeBytes = sizeBytes;
        a.storageKey = "cases/" + caseId + "/" + a.id;
        a.uploadedBy = caller.subject();
        // A station's documents are the evidence of its fees to the company: internal, as cost lines are.
        a.internal = caller.isStationAccount();
        a.createdAt = OffsetDateTime.now(clock);
        attachments.persistAndFlush(a);
        audit.record(AUDIT_TYPE, a.id, "CREATE", null, AttachmentView.of(a, null, null));
        return AttachmentView.of(a, store.uploadUrl(uploadKey(a), a.contentType, a.sizeBytes, config.attachments().urlTtl()), null);
    }

    /**
     * The announcements of a retried report submission as they are now: a fresh upload URL for one still waiting for its
     * bytes, none once uploaded; one removed as expired is left out.
     */
    List<AttachmentView> announced(UUID caseId, List<UUID> ids) {
        List<AttachmentView> views = new java.util.ArrayList<>();
        OffsetDateTime now = OffsetDateTime.now(clock);
        for (UUID id : ids) {
            attachments.find("id = ?1 and caseId = ?2", id, caseId).firstResultOptional().ifPresent(a -> views.add(
                    a.uploaded || !now.isBefore(a.createdAt.plus(config.attachments().unconfirmedExpiry()))
                            ? AttachmentView.of(a, null, null)
                            : AttachmentView.of(a, store.uploadUrl(uploadKey(a), a.contentType, a.sizeBytes,
                            config.attachments().urlTtl()), null)));
        }
        return views;
    }

    /** An attachment of the case, announced or uploaded. */
    Optional<Attachment> ofCase(UUID caseId, UUID attachmentId) {
        return attachments.find("id = ?1 and caseId = ?2", attachmentId, caseId).firstResultOptional();
    }

    /** The client says the bytes are there: the store must hold exactly the announced size. */
    public AttachmentView confirm(@NotNull UUID caseId, @NotNull UUID attachmentId) {
        ServiceCase c = cases.visible(caseId, LockModeType.NONE);
        return confirmed(attachment(c, attachmentId, LockModeType.PESSIMISTIC_WRITE));
    }

    /** Confirms an announced attachment (locked by the caller): the stored size must be the announced one. */
    private AttachmentView confirmed(Attachment a) {
        if (!a.uploaded) {
            Optional<Long> uploaded = store.size(uploadKey(a));
            // Announced before uploads had a key of their own: the bytes are at the storage key itself.
            long stored = uploaded.or(() -> store.size(a.storageKey))
                    .orElseThrow(() -> new ProblemException(409, "attachment_not_uploaded"));
            if (stored != a.sizeBytes) {
                throw new ProblemException(422, "attachment_size_mismatch", a.sizeBytes, stored);
            }
            if (uploaded.isPresent()) {
                store.copy(uploadKey(a), a.storageKey);
                removeQuietly(uploadKey(a));
            }
            a.uploaded = true;
            attachments.flush();
            audit.record(AUDIT_TYPE, a.id, "UPLOADED", null, AttachmentView.of(a, null, null));
        }
        return AttachmentView.of(a, null, null);
    }

    /**
     * A fresh upload URL for an announced file whose URL expired before the bytes got there (a field engineer offline
     * for longer than the URL lives): for the account that announced it, or staff; not once it is uploaded, nor after
     * the announcement itself expired (then it is announced again). The row does not change; the audit trail records
     * who got the URL. The announcement's own expiry still counts from when it was made.
     */
    public AttachmentView reissueUploadUrl(@NotNull UUID caseId, @NotNull UUID attachmentId) {
        ServiceCase c = cases.visible(caseId, LockModeType.NONE);
        Attachment a = attachment(c, attachmentId, LockModeType.NONE);
        if (!caller.isStaff() && !caller.subject().equals(a.uploadedBy)) {
            throw new ProblemException(403, "attachment_not_announcer");
        }
        if (a.uploaded) {
            throw new ProblemException(409, "attachment_already_uploaded");
        }
        OffsetDateTime expiresAt = a.createdAt.plus(config.attachments().unconfirmedExpiry());
        if (!OffsetDateTime.now(clock).isBefore(expiresAt)) {
            throw new ProblemException(409, "attachment_announcement_expired", expiresAt);
        }
        audit.record(AUDIT_TYPE, a.id, "UPLOAD_URL_ISSUED", null, AttachmentView.of(a, null, null));
        return AttachmentView.of(a, store.uploadUrl(uploadKey(a), a.contentType, a.sizeBytes, config.attachments().urlTtl()), null);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public AttachmentView get(@NotNull UUID caseId, @NotNull UUID attachmentId) {
        ServiceCase c = cases.visible(caseId, LockModeType.NONE);
        Attachment a = attachment(c, attachmentId, LockModeType.NONE);
        if (!a.uploaded) {
            throw new ProblemException(409, "attachment_not_uploaded");
        }
        return AttachmentView.of(a, null, store.downloadUrl(a.storageKey, a.fileName, a.contentType, config.attachments().urlTtl()));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<AttachmentView> list(@NotNull UUID caseId, PageRequest page) {
        ServiceCase c = cases.visible(caseId, LockModeType.NONE);
        String where = "caseId = ?1" + (caller.isCustomerAccount() ? " and internal = false" : "")
                + (page.after() == null ? "" : " and id > ?2");
        Object[] params = page.after() == null ? new Object[]{c.id} : new Object[]{c.id, CaseCosts.uuidCursor(page.after())};
        List<Attachment> rows = attachments.find(where + " order by id", params).page(0, page.fetchSize()).list();
        return page.page(rows, a -> a.id.toString(), a -> AttachmentView.of(a, null, null));
    }

    /**
     * Refuses an announcement that would take the case past its quota: files and bytes of its confirmed attachments and
     * of announcements not yet expired. Announcements of one case are counted one at a time (a transaction lock).
     */
    private void quota(UUID caseId, long sizeBytes) {
        var em = attachments.getEntityManager();
        em.createNativeQuery("select pg_advisory_xact_lock(hashtext(?1))").setParameter(1, "attachment-quota:" + caseId)
                .getSingleResult();
        Object[] used = (Object[]) em.createNativeQuery("select count(*), coalesce(sum(size_bytes), 0) from attachment "
                        + "where case_id = ?1 and (uploaded or created_at > ?2)")
                .setParameter(1, caseId)
                .setParameter(2, OffsetDateTime.now(clock).minus(config.attachments().unconfirmedExpiry())).getSingleResult();
        long files = ((Number) used[0]).longValue();
        long bytes = ((Number) used[1]).longValue();
        if (files + 1 > config.attachments().perCaseMaxCount() || bytes + sizeBytes > config.attachments().perCaseMaxBytes()) {
            throw new ProblemException(409, "attachment_quota", config.attachments().perCaseMaxCount(),
                    config.attachments().perCaseMaxBytes(), files, bytes);
        }
    }

    /**
     * Removes announcements that were never confirmed within {@code aftersales.attachments.unconfirmed-expiry}, and
     * their bytes (the upload key, and the storage key of an announcement made before uploads had their own key).
     * Run by the cases' scheduled job ({@link SlaBreachJob}); a batch at a time, rows skipped that another run holds.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int expireUnconfirmed(OffsetDateTime now) {
        List<Attachment> stale = attachments.find("uploaded = false and createdAt < ?1 order by createdAt",
                        now.minus(config.attachments().unconfirmedExpiry()))
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .withHint("jakarta.persistence.lock.timeout", -2)
                .page(0, 500).list();
        for (Attachment a : stale) {
            store.delete(uploadKey(a));
            store.delete(a.storageKey);
            attachments.delete(a);
        }
        attachments.flush();
        return stale.size();
    }

    /** The case's attachment with this id; 404 for an id of another case or none. */
    private Attachment attachment(ServiceCase c, UUID attachmentId, LockModeType lock) {
        return attachments.find("id = ?1 and caseId = ?2" + (caller.isCustomerAccount() ? " and internal = false" : ""),
                        attachmentId, c.id).withLock(lock).firstResultOptional()
                .orElseThrow(() -> ProblemException.notFound("attachment", attachmentId));
    }

    /** Where the client's upload URL puts the bytes; only a confirmation moves them to the storage key. */
    static String uploadKey(Attachment a) {
        return a.storageKey + ".upload";
    }

    private void removeQuietly(String key) {
        try {
            store.delete(key);
        } catch (RuntimeException e) {
            // The copy is what is read; a leftover upload object is never read and goes with the case's objects.
            LOG.warnf("The upload object of an attachment could not be removed (%s)", e.getClass().getSimpleName());
        }
    }
}
