package com.aftersales.warranty;

import com.aftersales.customer.CustomerRegistry;
import com.aftersales.shared.audit.AuditTrail;
import com.aftersales.shared.error.ProblemException;
import com.aftersales.shared.paging.Page;
import com.aftersales.shared.paging.PageRequest;
import com.aftersales.shared.web.Versions;
import com.aftersales.unit.ProductLine;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import java.util.List;
import java.util.UUID;

/**
 * Agrees and amends customers' free-warranty terms. Terms of one customer and product line never overlap:
 * a new term ends the open-ended term before it (the usual "from next year, 36 months" change); any other
 * overlap is refused.
 */
@ApplicationScoped
@Transactional
public class WarrantyTerms {

    static final String AUDIT_TYPE = "warranty-term";

    @Inject
    WarrantyTermRepository terms;

    @Inject
    CustomerRegistry customers;

    @Inject
    AuditTrail audit;

    public WarrantyTermView agree(@NotNull UUID customerId, @NotNull @Valid WarrantyTermRequest request) {
        checkRules(request);
        // Serialises term changes of one customer, so that two concurrent requests cannot both pass the overlap check.
        customers.visible(customerId, LockModeType.PESSIMISTIC_WRITE);
        List<WarrantyTerm> existing = of(customerId, request.productLine());
        for (WarrantyTerm open : existing) {
            if (open.effectiveTo == null && open.effectiveFrom.isBefore(request.effectiveFrom())) {
                WarrantyTermView before = WarrantyTermView.of(open);
                open.effectiveTo = request.effectiveFrom().minusDays(1);
                terms.flush();
                audit.record(AUDIT_TYPE, open.id, "UPDATE", before, WarrantyTermView.of(open));
            }
        }
        refuseOverlap(existing, null, request);
        WarrantyTerm term = new WarrantyTerm();
        term.id = UUID.randomUUID();
        term.customerId = customerId;
        apply(term, request);
        terms.persistAndFlush(term);
        WarrantyTermView view = WarrantyTermView.of(term);
        audit.record(AUDIT_TYPE, term.id, "CREATE", null, view);
        return view;
    }

    public WarrantyTermView amend(@NotNull UUID customerId, @NotNull UUID termId, long expectedVersion,
                                  @NotNull @Valid WarrantyTermRequest request) {
        checkRules(request);
        customers.visible(customerId, LockModeType.PESSIMISTIC_WRITE);
        WarrantyTerm term = term(customerId, termId);
        Versions.check(term.version, expectedVersion);
        refuseOverlap(of(customerId, request.productLine()), termId, request);
        WarrantyTermView before = WarrantyTermView.of(term);
        apply(term, request);
        terms.flush();
        WarrantyTermView after = WarrantyTermView.of(term);
        audit.record(AUDIT_TYPE, termId, "UPDATE", before, after);
        return after;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public WarrantyTermView get(UUID customerId, UUID termId) {
        customers.visible(customerId, LockModeType.NONE);
        return WarrantyTermView.of(term(customerId, termId));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<WarrantyTermView> list(UUID customerId, ProductLine line, PageRequest page) {
        customers.visible(customerId, LockModeType.NONE);
        StringBuilder where = new StringBuilder("customerId = :customer");
        Parameters params = Parameters.with("customer", customerId);
        if (line != null) {
            where.append(" and productLine = :line");
            params.and("line", line);
        }
        if (page.after() != null) {
            where.append(" and id > :after");
            params.and("after", UUID.fromString(page.after()));
        }
        List<WarrantyTerm> rows = terms.find(where + " order by id", params).page(0, page.fetchSize()).list();
        return page.page(rows, t -> t.id.toString(), WarrantyTermView::of);
    }

    /** The terms the entitlement policy needs for one customer and product line. */
    @Transactional(Transactional.TxType.SUPPORTS)
    List<WarrantyTerm> of(UUID customerId, ProductLine line) {
        return terms.list("customerId = ?1 and productLine = ?2 order by effectiveFrom", customerId, line);
    }

    private WarrantyTerm term(UUID customerId, UUID termId) {
        return terms.find("id = ?1 and customerId = ?2", termId, customerId).firstResultOptional()
                .orElseThrow(() -> ProblemException.notFound("warranty-term", termId));
    }

    private static void checkRules(WarrantyTermRequest request) {
        if (request.months() == null && request.mileageKm() == null && request.operatingHours() == null) {
            throw ProblemException.invalid("months", "warranty.limit_required");
        }
        if (request.effectiveTo() != null && request.effectiveFrom() != null
                && request.effectiveTo().isBefore(request.effectiveFrom())) {
            throw ProblemException.invalid("effectiveTo", "warranty.to_before_from");
        }
    }

    private static void refuseOverlap(List<WarrantyTerm> existing, UUID self, WarrantyTermRequest request) {
        for (WarrantyTerm other : existing) {
            if (!other.id.equals(self) && other.overlaps(request.effectiveFrom(), request.effectiveTo())) {
                throw new ProblemException(409, "warranty_term_overlap", other.effectiveFrom,
                        other.effectiveTo == null ? "∞" : other.effectiveTo)
                        .with("conflictingTermId", other.id);
            }
        }
    }

    private static void apply(WarrantyTerm term, WarrantyTermRequest request) {
        term.productLine = request.productLine();
        term.months = request.months();
        term.mileageKm = request.mileageKm();
        term.operatingHours = request.operatingHours();
        term.startBasis = request.startBasis() == null ? StartBasis.DELIVERY : request.startBasis();
        term.effectiveFrom = request.effectiveFrom();
        term.effectiveTo = request.effectiveTo();
        term.notes = request.notes() == null || request.notes().isBlank() ? null : request.notes().strip();
        term.replacementWarranty = request.replacementWarranty() == null ? ReplacementWarranty.INHERIT
                : request.replacementWarranty();
    }
}
