package com.aftersales.spareparts;

import com.aftersales.shared.audit.AuditTrail;
import com.aftersales.shared.error.ProblemException;
import com.aftersales.shared.security.Caller;
import com.aftersales.shared.web.Versions;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The spare-parts plan of a location for the next period: per part, average monthly consumption (issues to cases)
 * over the last N months × the period, plus safety stock, minus stock on hand and transfers already on the way.
 * Computed in one grouped query; the product manager edits the quantities and accepts it.
 */
@ApplicationScoped
@Transactional
public class SparePlans {

    @Inject
    SparePlanRepository plans;

    public record PlanRequest(@NotBlank @Size(max = 40) String location, @Min(1) @Max(24) Integer monthsBasis,
                              @Min(1) @Max(12) Integer periodMonths) {
    }

    public record Edit(@NotNull UUID partId, @NotNull @Min(0) @Max(1_000_000) Integer accepted) {
    }

    public record EditRequest(@Size(max = 1000) List<@Valid @NotNull Edit> lines, boolean accept) {
    }

    @RegisterForReflection
    public record PlanView(UUID id, String location, LocalDate periodFrom, LocalDate periodTo, int monthsBasis,
                           SparePlan.Status status, List<SparePlan.Line> lines, String createdBy, String acceptedBy, long version,
                           OffsetDateTime createdAt, OffsetDateTime updatedAt) {
        static PlanView of(SparePlan p) {
            return new PlanView(p.id, p.location, p.periodFrom, p.periodTo, p.monthsBasis, p.status(), p.lines(),
                    p.createdBy, p.acceptedBy(), p.version, p.createdAt, p.updatedAt);
        }
    }

    @Inject
    EntityManager em;

    @Inject
    Caller caller;

    @Inject
    AuditTrail audit;

    @Inject
    Clock clock;

    public PlanView propose(@NotNull @Valid PlanRequest request) {
        String location = SpareParts.location(request.location());
        int basis = request.monthsBasis() == null ? 6 : request.monthsBasis();
        int period = request.periodMonths() == null ? 3 : request.periodMonths();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        with consumption as (
                            select part_id, -sum(quantity) as used from stock_movement
                            where location = ?1 and kind = 'ISSUE' and moved_at >= cast(?3 as timestamptz) - make_interval(months => ?2)
                            group by part_id
                        ), inbound as (
                            select (l ->> 'partId')::uuid as part_id, sum((l ->> 'quantity')::int) as qty
                            from transfer_order t cross join jsonb_array_elements(t.lines) l
                            where t.to_location = ?1 and t.status in ('REQUESTED', 'APPROVED', 'SHIPPED')
                            group by 1
                        )
                        select p.id, p.part_no, p.name, coalesce(c.used, 0), coalesce(s.quantity, 0),
                               coalesce(s.safety_stock, 0), coalesce(i.qty, 0)
                        from spare_part p
                        left join stock s on s.part_id = p.id and s.location = ?1
                        left join consumption c on c.part_id = p.id
                        left join inbound i on i.part_id = p.id
                        where s.part_id is not null or c.part_id is not null or i.part_id is not null
                        order by p.part_no""")
                .setParameter(1, location).setParameter(2, basis).setParameter(3, OffsetDateTime.now(clock)).getResultList();
        List<SparePlan.Line> lines = rows.stream().map(r -> {
            int used = ((Number) r[3]).intValue();
            int onHand = ((Number) r[4]).intValue();
            int safety = ((Number) r[5]).intValue();
            int inbound = ((Number) r[6]).intValue();
            int suggested = suggest(used, basis, period, safety, onHand, inbound);
            return new SparePlan.Line((UUID) r[0], (String) r[1], (String) r[2], used, onHand, safety, inbound, suggested, suggested);
        }).toList();
        SparePlan p = SparePlan.propose(location, basis, LocalDate.now(clock).withDayOfMonth(1).plusMonths(1), period, lines,
                caller.subject());
        plans.persistAndFlush(p);
        PlanView view = PlanView.of(p);
        audit.record("spare-plan", p.id, "PROPOSE", null, view);
        return view;
    }

    /** Expected need for the period (average monthly use, rounded up) + safety stock − on hand − on the way; never negative. */
    static int suggest(int used, int monthsBasis, int periodMonths, int safety, int onHand, int inbound) {
        int need = (int) Math.ceil((double) used * periodMonths / monthsBasis);
        return Math.max(0, need + safety - onHand - inbound);
    }

    public PlanView edit(@NotNull UUID id, long expectedVersion, @NotNull @Valid EditRequest request) {
        SparePlan p = plans.findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE).orElseThrow(() -> ProblemException.notFound("spare-plan", id));
        Versions.check(p.version, expectedVersion);
        PlanView before = PlanView.of(p);
        Map<UUID, Integer> accepted = new HashMap<>();
        if (request.lines() != null) {
            request.lines().forEach(e -> accepted.put(e.partId(), e.accepted()));
        }
        p.revise(accepted, request.accept(), caller.subject());
        p.updatedAt = OffsetDateTime.now(clock);
        plans.flush();
        PlanView after = PlanView.of(p);
        audit.record("spare-plan", p.id, request.accept() ? "ACCEPT" : "EDIT", before, after);
        return after;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public PlanView get(UUID id) {
        return PlanView.of(plans.findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("spare-plan", id)));
    }
}
