package com.aftersales.cases;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A photo or document on a case (or one of its visits); the bytes are in object storage under {@code storageKey}. */
@Entity
@Table(name = "attachment")
public class Attachment {

    @Id
    public UUID id;

    @Column(name = "case_id", nullable = false, updatable = false)
    public UUID caseId;

    @Column(name = "visit_id", updatable = false)
    public UUID visitId;

    @Column(name = "file_name", nullable = false, updatable = false)
    public String fileName;

    @Column(name = "content_type", nullable = false, updatable = false)
    public String contentType;

    @Column(name = "size_bytes", nullable = false, updatable = false)
    public long sizeBytes;

    @Column(name = "storage_key", nullable = false, updatable = false)
    public String storageKey;

    /** False until the client has put the bytes and confirmed. */
    @Column(nullable = false)
    public boolean uploaded;

    @Column(name = "uploaded_by", nullable = false, updatable = false)
    public String uploadedBy;

    /** Internal cost evidence (a service station's documents): never listed or served to the case's customer. */
    @Column(nullable = false, updatable = false)
    public boolean internal;

    /** Set by CaseAttachments from the business clock. */
    @Column(name = "created_at", nullable = false, updatable = false)
    public OffsetDateTime createdAt;
}
