package com.aftersales.cases;

import com.aftersales.shared.audit.AuditTrail;
import com.aftersales.shared.error.ProblemException;
import com.aftersales.shared.security.Roles;
import com.aftersales.shared.web.Versions;
import com.aftersales.unit.ProductLine;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.Set;
import java.util.UUID;

/** The routing and SLA tables: data that administrators change without a deploy. */
@ApplicationScoped
@Transactional
public class CaseSettings {

    /** Roles that may own cases. */
    static final Set<String> OWNER_ROLES = Set.of(Roles.AFTER_SALES_MANAGER, Roles.SALES_MANAGER, Roles.PROJECT_MANAGER,
            Roles.QUALITY_ENGINEER, Roles.PRODUCT_MANAGER);

    @RegisterForReflection
    public record RouteView(ProductLine productLine, boolean inProject, String ownerRole, long version) {
        static RouteView of(CaseRoute r) {
            return new RouteView(r.productLine, r.inProject, r.ownerRole, r.version);
        }
    }

    public record RouteRequest(@NotBlank @Size(max = 40) String ownerRole) {
    }

    @RegisterForReflection
    public record SlaView(UUID id, Severity severity, UUID customerId, int firstResponseHours, int resolutionHours,
                          long version) {
        static SlaView of(CaseSla s) {
            return new SlaView(s.id, s.severity, s.customerId, s.firstResponseHours, s.resolutionHours, s.version);
        }
    }

    public record SlaRequest(@NotNull Severity severity, UUID customerId,
                             @NotNull @Min(1) @Max(8760) Integer firstResponseHours,
                             @NotNull @Min(1) @Max(87600) Integer resolutionHours) {
    }

    @Inject
    EntityManager em;

    @Inject
    AuditTrail audit;

    @Inject
    com.aftersales.customer.CustomerRegistry customers;

    /** What intake reads before it looks at the units: whether the customer exists, and the SLA row that applies. */
    record Intake(boolean customerExists, int firstResponseHours, int resolutionHours) {
    }

    /**
     * One statement: the customer's existence (the customer area's read model {@code customer_name}) and the SLA for
     * the severity (the customer's own row, else the default row).
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    Intake intake(UUID customerId, Severity severity) {
        Object[] row = (Object[]) em.createNativeQuery("""
                        select exists (select 1 from customer_name n where n.id = ?1) as customer_exists,
                               s.first_response_hours, s.resolution_hours
                        from (select 1) one
                        left join lateral (select first_response_hours, resolution_hours from case_sla
                                           where severity = ?2 and (customer_id = ?1 or customer_id is null)
                                           order by customer_id nulls last limit 1) s on true""")
                .setParameter(1, customerId).setParameter(2, severity.name()).getSingleResult();
        if (row[1] == null) {
            throw new IllegalStateException("No SLA row for " + severity);
        }
        return new Intake((Boolean) row[0], ((Number) row[1]).intValue(), ((Number) row[2]).intValue());
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<RouteView> routes() {
        return em.createQuery("from CaseRoute order by productLine, inProject", CaseRoute.class).getResultList()
                .stream().map(RouteView::of).toList();
    }

    public RouteView changeRoute(ProductLine line, boolean inProject, long expectedVersion, @NotNull RouteRequest request) {
        if (!OWNER_ROLES.contains(request.ownerRole())) {
            throw ProblemException.invalid("ownerRole", "validation.one_of", String.join(", ", OWNER_ROLES));
        }
        CaseRoute.Key key = new CaseRoute.Key();
        key.productLine = line;
        key.inProject = inProject;
        CaseRoute route = em.find(CaseRoute.class, key, LockModeType.PESSIMISTIC_WRITE);
        Versions.check(route.version, expectedVersion);
        RouteView before = RouteView.of(route);
        route.ownerRole = request.ownerRole();
        em.flush();
        RouteView after = RouteView.of(route);
        audit.record("case-routing", line + "/" + inProject, "UPDATE", before, after);
        return after;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<SlaView> slas() {
        return em.createQuery("from CaseSla order by severity, customerId nulls first", CaseSla.class).getResultList()
                .stream().map(SlaView::of).toList();
    }

    /** Sets the due times for a severity (and customer): creates the row or changes it. */
    public SlaView setSla(@NotNull @jakarta.validation.Valid SlaRequest request, @NotNull Versions.Put precondition) {
        if (request.customerId() != null) {
            customers.visible(request.customerId(), LockModeType.NONE);
        }
        var query = request.customerId() == null
                ? em.createQuery("from CaseSla where severity = ?1 and customerId is null", CaseSla.class)
                .setParameter(1, request.severity())
                : em.createQuery("from CaseSla where severity = ?1 and customerId = ?2", CaseSla.class)
                .setParameter(1, request.severity()).setParameter(2, request.customerId());
        List<CaseSla> existing = query.setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList();
        CaseSla sla;
        SlaView before = null;
        precondition.check(existing.isEmpty() ? null : existing.get(0).version);
        if (existing.isEmpty()) {
            sla = new CaseSla();
            sla.id = UUID.randomUUID();
            sla.severity = request.severity();
            sla.customerId = request.customerId();
        } else {
            sla = existing.get(0);
            before = SlaView.of(sla);
        }
        sla.firstResponseHours = request.firstResponseHours();
        sla.resolutionHours = request.resolutionHours();
        if (existing.isEmpty()) {
            em.persist(sla);
        }
        em.flush();
        SlaView after = SlaView.of(sla);
        audit.record("case-sla", sla.id, before == null ? "CREATE" : "UPDATE", before, after);
        return after;
    }
}
