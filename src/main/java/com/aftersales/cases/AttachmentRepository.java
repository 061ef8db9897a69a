package com.aftersales.cases;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/** The attachment rows, for {@link CaseAttachments}. */
@ApplicationScoped
class AttachmentRepository implements PanacheRepositoryBase<Attachment, UUID> {
}
