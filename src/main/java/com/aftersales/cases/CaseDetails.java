package com.aftersales.cases;

import com.aftersales.shared.audit.AuditTrail;
import com.aftersales.shared.security.Caller;
import com.aftersales.shared.web.MergePatch;
import com.aftersales.shared.web.Versions;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.Locale;
import java.util.UUID;

/**
 * Correcting what intake recorded about a case (title, description, reporter, channel) by JSON Merge Patch: an app sends
 * only what changed. Status, owner, the action plan and the major flag keep their own calls (CaseWorkflow).
 */
@ApplicationScoped
@Transactional
public class CaseDetails {

    /** The case's editable details: the shape a merge patch applies to, checked as a body is. */
    @RegisterForReflection
    public record DetailsRequest(@NotBlank @Size(max = 200) String title,
                                 @NotBlank @Size(max = 10_000) String description,
                                 @NotNull @Valid OpenCaseRequest.Reporter reporter,
                                 @NotNull Channel channel) {

        static DetailsRequest of(ServiceCase c) {
            return new DetailsRequest(c.title, c.description,
                    new OpenCaseRequest.Reporter(c.reporterName, c.reporterPhone, c.reporterEmail), c.channel);
        }
    }

    @Inject
    CaseRepository cases;

    @Inject
    CaseViews views;

    @Inject
    Caller caller;

    @Inject
    AuditTrail audit;

    @Inject
    EntityManager em;

    @Inject
    MergePatch mergePatch;

    /** A merge patch (RFC 7396) of an open case's details under the case's ETag, by whoever may act on the case. */
    public CaseView patch(@NotNull UUID id, long expectedVersion, @NotNull JsonNode patch, Locale locale) {
        ServiceCase c = cases.visible(id, LockModeType.PESSIMISTIC_WRITE);
        c.requireActor(caller.subject(), caller::hasRole);
        Versions.check(c.version, expectedVersion);
        DetailsRequest details = mergePatch.apply(DetailsRequest.of(c), patch, DetailsRequest.class);
        CaseView before = views.of(c, locale);
        c.reviseDetails(details);
        em.flush();
        CaseView after = views.of(c, locale);
        audit.record(CaseViews.AUDIT_TYPE, c.id, "PATCH", before, after);
        return after;
    }
}
