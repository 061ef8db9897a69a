package com.aftersales.cases;

import com.aftersales.AftersalesConfig;
import com.aftersales.shared.audit.AuditTrail;
import com.aftersales.shared.error.ProblemException;
import com.aftersales.shared.paging.Page;
import com.aftersales.shared.paging.PageRequest;
import com.aftersales.shared.security.Caller;
import com.aftersales.shared.storage.ObjectStore;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
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

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Photos and documents on a case: the client asks for an upload URL, puts the bytes there, confirms; downloads
 * are short-lived URLs given only to those who may see the case. Type and size are checked before any URL is given.
 */
@ApplicationScoped
@Transactional
public class CaseAttachments implements PanacheRepositoryBase<Attachment, UUID> {

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

    @Inject
    CaseBook cases;

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
        String type = request.contentType().strip().toLowerCase(Locale.ROOT);
        if (!config.attachments().contentTypes().contains(type)) {
            throw ProblemException.invalid("contentType", "validation.one_of", String.join(", ", config.attachments().contentTypes()));
        }
        if (request.sizeBytes() > config.attachments().maxBytes()) {
            throw ProblemException.invalid("sizeBytes", "validation.range", 1, config.attachments().maxBytes());
        }
        if (request.visitId() != null) {
            visits.ofCase(c.id, request.visitId());
        }
        String name = request.fileName().strip().replaceAll("[\\\\/\\p{Cntrl}]", "_");
        Attachment a = new Attachment();
        a.id = UUID.randomUUID();
        a.caseId = c.id;
        a.visitId = request.visitId();
        a.fileName = name;
        a.contentType = type;
        a.sizeBytes = request.sizeBytes();
        a.storageKey = "cases/" + c.id + "/" + a.id;
        a.uploadedBy = caller.subject();
        a.createdAt = OffsetDateTime.now(clock);
        persistAndFlush(a);
        audit.record(AUDIT_TYPE, a.id, "CREATE", null, AttachmentView.of(a, null, null));
        return AttachmentView.of(a, store.uploadUrl(a.storageKey, a.contentType, a.sizeBytes, config.attachments().urlTtl()), null);
    }

    /** The client says the bytes are there: the store must hold exactly the announced size. */
    public AttachmentView confirm(@NotNull UUID caseId, @NotNull UUID attachmentId) {
        ServiceCase c = cases.visible(caseId, LockModeType.NONE);
        Attachment a = find("id = ?1 and caseId = ?2", attachmentId, c.id).withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResultOptional().orElseThrow(() -> ProblemException.notFound("attachment", attachmentId));
        if (!a.uploaded) {
            long stored = store.size(a.storageKey).orElseThrow(() -> new ProblemException(409, "attachment_not_uploaded"));
            if (stored != a.sizeBytes) {
                throw new ProblemException(422, "attachment_size_mismatch", a.sizeBytes, stored);
            }
            a.uploaded = true;
            flush();
            audit.record(AUDIT_TYPE, a.id, "UPLOADED", null, AttachmentView.of(a, null, null));
        }
        return AttachmentView.of(a, null, null);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public AttachmentView get(@NotNull UUID caseId, @NotNull UUID attachmentId) {
        ServiceCase c = cases.visible(caseId, LockModeType.NONE);
        Attachment a = find("id = ?1 and caseId = ?2", attachmentId, c.id).firstResultOptional()
                .orElseThrow(() -> ProblemException.notFound("attachment", attachmentId));
        if (!a.uploaded) {
            throw new ProblemException(409, "attachment_not_uploaded");
        }
        return AttachmentView.of(a, null, store.downloadUrl(a.storageKey, a.fileName, a.contentType, config.attachments().urlTtl()));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<AttachmentView> list(@NotNull UUID caseId, PageRequest page) {
        ServiceCase c = cases.visible(caseId, LockModeType.NONE);
        String where = "caseId = ?1" + (page.after() == null ? "" : " and id > ?2");
        Object[] params = page.after() == null ? new Object[]{c.id} : new Object[]{c.id, CaseCosts.uuidCursor(page.after())};
        List<Attachment> rows = find(where + " order by id", params).page(0, page.fetchSize()).list();
        return page.page(rows, a -> a.id.toString(), a -> AttachmentView.of(a, null, null));
    }
}
