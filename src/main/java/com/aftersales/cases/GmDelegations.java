package com.aftersales.cases;

import com.aftersales.shared.audit.AuditTrail;
import com.aftersales.shared.error.ProblemException;
import com.aftersales.shared.paging.Page;
import com.aftersales.shared.paging.PageRequest;
import com.aftersales.shared.security.Caller;
import com.aftersales.shared.security.Roles;
import com.aftersales.shared.web.Versions;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The general manager's delegation of approvals to a named deputy for a period (issue 19 clarification): created by a
 * GENERAL_MANAGER for themselves, listed, revoked (by a GENERAL_MANAGER or ADMIN, If-Match), every change audited. While
 * one is in force the deputy may do what only the general manager may do ({@link #generalManager}): every such step asks
 * here, and the record of it names who acted and on whose behalf.
 */
@ApplicationScoped
@Transactional
public class GmDelegations {

    static final String AUDIT_TYPE = "gm-delegation";

    public record DelegationRequest(@NotBlank @Size(max = 200) String deputy, @NotNull OffsetDateTime from,
                                    @NotNull OffsetDateTime to, @NotBlank @Size(max = 2000) String reason) {
    }

    public record RevocationRequest(@Size(max = 2000) String reason) {
    }

    @RegisterForReflection
    public record DelegationView(UUID id, String delegator, String deputy, OffsetDateTime from, OffsetDateTime to,
                                 String reason, GmDelegation.Status status, OffsetDateTime revokedAt, String revokedBy,
                                 String revokeReason, long version, OffsetDateTime createdAt, OffsetDateTime updatedAt) {
        static DelegationView of(GmDelegation d, OffsetDateTime now) {
            return new DelegationView(d.id, d.delegator, d.deputy, d.validFrom, d.validTo, d.reason, d.status(now),
                    d.revokedAt, d.revokedBy, d.revokeReason, d.version, d.createdAt, d.updatedAt);
        }
    }

    /**
     * Who does a general manager's step: {@code subject} in their own right ({@code onBehalfOf} null), or as the deputy
     * of delegation {@code delegationId}, on behalf of its delegator.
     */
    @RegisterForReflection
    public record Authority(String subject, String onBehalfOf, UUID delegationId) {
        public boolean deputy() {
            return onBehalfOf != null;
        }
    }

    /** A deputy's step as the delegation's audit trail records it. */
    @RegisterForReflection
    public record DeputyAct(String action, String entity, String entityId, String deputy, String onBehalfOf,
                            OffsetDateTime at) {
    }

    @Inject
    GmDelegationRepository delegations;

    @Inject
    Caller caller;

    @Inject
    AuditTrail audit;

    @Inject
    Clock clock;

    /** A GENERAL_MANAGER delegates their approvals to another person, for a period that has not ended yet. */
    public DelegationView create(@NotNull @Valid DelegationRequest request) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        String deputy = request.deputy().strip();
        if (deputy.equals(caller.subject())) {
            throw ProblemException.invalid("deputy", "gm_delegations.deputy_is_delegator");
        }
        if (!request.to().isAfter(request.from())) {
            throw ProblemException.invalid("to", "gm_delegations.period_empty");
        }
        if (!request.to().isAfter(now)) {
            throw ProblemException.invalid("to", "gm_delegations.period_over");
        }
        GmDelegation d = new GmDelegation();
        d.id = UUID.randomUUID();
        d.delegator = caller.subject();
        d.deputy = deputy;
        d.validFrom = request.from();
        d.validTo = request.to();
        d.reason = request.reason().strip();
        delegations.persistAndFlush(d);
        DelegationView view = DelegationView.of(d, now);
        audit.record(AUDIT_TYPE, d.id, "CREATE", null, view);
        return view;
    }

    /** Revokes a delegation that has not ended: from now on its deputy gets 403. */
    public DelegationView revoke(@NotNull UUID id, long expectedVersion, RevocationRequest request) {
        GmDelegation d = delegations.findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE)
                .orElseThrow(() -> ProblemException.notFound(AUDIT_TYPE, id));
        Versions.check(d.version, expectedVersion);
        OffsetDateTime now = OffsetDateTime.now(clock);
        DelegationView before = DelegationView.of(d, now);
        d.revoke(caller.subject(), request == null ? null : request.reason(), now);
        delegations.flush();
        DelegationView after = DelegationView.of(d, now);
        audit.record(AUDIT_TYPE, d.id, "REVOKE", before, after);
        return after;
    }

    /** One delegation: a GENERAL_MANAGER or ADMIN sees every one, anyone else only those naming them the deputy. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public DelegationView get(@NotNull UUID id) {
        return delegations.findByIdOptional(id).filter(d -> overseer() || d.deputy.equals(caller.subject()))
                .map(d -> DelegationView.of(d, OffsetDateTime.now(clock)))
                .orElseThrow(() -> ProblemException.notFound(AUDIT_TYPE, id));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<DelegationView> list(String deputy, PageRequest page) {
        List<String> where = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        String only = overseer() ? deputy : caller.subject();
        if (only != null && !only.isBlank()) {
            params.add(only.strip());
            where.add("deputy = ?" + params.size());
        }
        if (page.after() != null) {
            params.add(CaseCosts.uuidCursor(page.after()));
            where.add("id > ?" + params.size());
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        List<GmDelegation> rows = delegations.find((where.isEmpty() ? "" : String.join(" and ", where) + " ") + "order by id",
                params.toArray()).page(0, page.fetchSize()).list();
        return page.page(rows, d -> d.id.toString(), d -> DelegationView.of(d, now));
    }

    private boolean overseer() {
        return caller.hasRole(Roles.GENERAL_MANAGER) || caller.hasRole(Roles.ADMIN);
    }

    /**
     * The caller's authority for a step only the general manager may take ({@code action} on {@code entity}
     * {@code entityId}): a GENERAL_MANAGER in their own right, or the deputy of a delegation in force now (not revoked,
     * now in [from, to)), on behalf of its delegator; empty for anyone else. A deputy's step is audited under the
     * delegation, in the step's transaction (a refused step leaves no trace). The delegation row is share-locked, so a
     * revocation waits for the step and the step for a revocation under way.
     */
    public Optional<Authority> generalManager(String action, String entity, Object entityId) {
        if (caller.hasRole(Roles.GENERAL_MANAGER)) {
            return Optional.of(new Authority(caller.subject(), null, null));
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        Optional<GmDelegation> inForce = delegations.find("deputy = ?1 and revokedAt is null and validFrom <= ?2 "
                        + "and validTo > ?2 order by validFrom desc, id", caller.subject(), now)
                .withLock(LockModeType.PESSIMISTIC_READ).firstResultOptional();
        return inForce.map(d -> {
            audit.record(AUDIT_TYPE, d.id, "DEPUTY_ACT", null,
                    new DeputyAct(action, entity, String.valueOf(entityId), d.deputy, d.delegator, now));
            return new Authority(caller.subject(), d.delegator, d.id);
        });
    }

    /** The deputies of the delegations in force now (each once): they are asked with the general manager. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<String> deputiesInForce() {
        return delegations.getEntityManager().createQuery("select distinct d.deputy from GmDelegation d where d.revokedAt is null "
                        + "and d.validFrom <= ?1 and d.validTo > ?1 order by d.deputy", String.class)
                .setParameter(1, OffsetDateTime.now(clock)).getResultList();
    }

    /** {@link #generalManager}, or 403 {@code gm_authority_required}. */
    public Authority requireGeneralManager(String action, String entity, Object entityId) {
        return generalManager(action, entity, entityId).orElseThrow(() -> new ProblemException(403, "gm_authority_required"));
    }
}
