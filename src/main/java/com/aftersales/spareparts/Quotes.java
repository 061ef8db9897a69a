package com.aftersales.spareparts;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import com.aftersales.AftersalesConfig;
import com.aftersales.cases.CaseCosts;
import com.aftersales.cases.CaseReferences;
import com.aftersales.cases.CaseReferences.CaseReference;
import com.aftersales.notify.Outbox;
import com.aftersales.shared.audit.AuditTrail;
import com.aftersales.shared.error.ProblemException;
import com.aftersales.shared.error.ProblemException.Issue;
import com.aftersales.shared.web.Locations;
import com.aftersales.shared.security.Caller;
import com.aftersales.shared.web.Versions;
import com.fasterxml.jackson.annotation.JsonFormat;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A quote for a chargeable case: parts at market price plus labour, which the customer accepts or declines. */
@ApplicationScoped
@Transactional
public class Quotes {

    @Inject
    QuoteRepository quotes;

    public record PartLine(@NotNull UUID partId, @NotNull @Positive @Max(100_000) Integer quantity) {
    }

    public record QuoteRequest(@NotNull @Size(max = 100) List<@Valid @NotNull PartLine> parts,
                               @NotNull @DecimalMin("0.00") @DecimalMax("10000") @Digits(integer = 5, fraction = 2) BigDecimal labourHours,
                               @NotNull @DecimalMin("0.00") @DecimalMax("100000") @Digits(integer = 6, fraction = 2) BigDecimal labourRateCny,
                               @Size(max = 40) String location) {
    }

    /** Accept, or decline with the customer's reason (required then). */
    @Schema(name = "QuoteDecisionRequest")
    public record DecisionRequest(@NotNull Boolean accept, @Size(max = 2000) String reason) {
    }

    @RegisterForReflection
    public record QuoteView(UUID id, UUID caseId, List<Quote.Line> lines,
                            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal labourHours,
                            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal labourRateCny,
                            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal labourCny,
                            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal totalCny, String location,
                            Quote.Status status, String issuedBy, OffsetDateTime decidedAt, String decidedBy,
                            String declineReason, long version, OffsetDateTime createdAt) {
        static QuoteView of(Quote q) {
            return new QuoteView(q.id, q.caseId, List.copyOf(q.lines), q.labourHours.setScale(2), q.labourRate.setScale(2),
                    q.labourCny(), q.totalCny.setScale(2), q.location, q.status(), q.issuedBy, q.decidedAt(), q.decidedBy(),
                    q.declineReason(), q.version, q.createdAt);
        }
    }

    @Inject
    CaseReferences cases;

    @Inject
    SpareParts parts;

    @Inject
    Caller caller;

    @Inject
    AuditTrail audit;

    @Inject
    Clock clock;

    @Inject
    Outbox outbox;

    @Inject
    StockLedger ledger;

    @Inject
    EntityManager em;

    @Inject
    AftersalesConfig config;

    @Inject
    CaseCosts caseCosts;

    public QuoteView issue(@NotNull UUID caseId, @NotNull @Valid QuoteRequest request) {
        CaseReference c = cases.visible(caseId);
        if (cases.chargeableUnits(c.id()) == 0) {
            throw new ProblemException(409, "quote_not_chargeable", c.caseNo());
        }
        List<Quote.Line> lines = new ArrayList<>();
        BigDecimal partsCny = BigDecimal.ZERO;
        for (PartLine pl : request.parts()) {
            SparePart p = parts.part(pl.partId(), LockModeType.NONE);
            BigDecimal amount = p.marketPrice.multiply(BigDecimal.valueOf(pl.quantity()));
            lines.add(new Quote.Line(p.id, p.partNo, p.name, pl.quantity(), p.marketPrice.setScale(2), amount.setScale(2)));
            partsCny = partsCny.add(amount);
        }
        String location = Locations.of("location", request.location() == null || request.location().isBlank()
                ? config.parts().quoteLocation() : request.location());
        Quote q = Quote.issue(c.id(), lines, partsCny, request.labourHours(), request.labourRateCny(), location, caller.subject());
        quotes.persistAndFlush(q);
        QuoteView view = QuoteView.of(q);
        audit.record("quote", q.id, "ISSUE", null, view);
        // The customer decides: its accounts see the quote in-app, its contacts get it by e-mail.
        outbox.add("QUOTE_ISSUED", Outbox.Recipient.customer(c.customerId()), Outbox.payload("quoteId", q.id,
                "caseId", c.id(), "caseNo", c.caseNo(), "totalCny", view.totalCny().toPlainString()), "quote-issued:" + q.id);
        return view;
    }

    /** The customer (or sales on its behalf) accepts or declines an issued quote. */
    public QuoteView decide(@NotNull UUID caseId, @NotNull UUID quoteId, long expectedVersion, @NotNull @Valid DecisionRequest request) {
        CaseReference c = cases.visible(caseId);
        Quote q = quotes.find("id = ?1 and caseId = ?2", quoteId, c.id()).withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional()
                .orElseThrow(() -> ProblemException.notFound("quote", quoteId));
        Versions.check(q.version, expectedVersion);
        QuoteView before = QuoteView.of(q);
        String reason = request.reason() == null || request.reason().isBlank() ? null : request.reason().strip();
        q.decide(request.accept(), reason, caller.subject(), OffsetDateTime.now(clock));
        if (request.accept()) {
            issueParts(q, c);
            // The agreed amount is booked on the case as a sale to the customer (parts and labour).
            caseCosts.bookSale(c.id(), q.id.toString(), q.totalCny.subtract(q.labourCny()), q.labourCny());
        }
        quotes.flush();
        QuoteView after = QuoteView.of(q);
        audit.record("quote", q.id, q.status().name(), before, after);
        return after;
    }

    /**
     * Issues every part of an accepted quote from its location to the case, or none: the stock rows are locked and
     * checked first, so a 409 names every short part (no silent backorder) and nothing moves.
     */
    private void issueParts(Quote q, CaseReference c) {
        List<UUID> partIds = q.lines.stream().map(Quote.Line::partId).toList();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select part_id, quantity from stock where location = ?1 and part_id = any(?2) "
                        + "order by part_id for update")
                .setParameter(1, q.location).setParameter(2, partIds.toArray(new UUID[0])).getResultList();
        Map<UUID, Integer> have = new HashMap<>();
        rows.forEach(r -> have.put((UUID) r[0], ((Number) r[1]).intValue()));
        List<Issue> shortLines = new ArrayList<>();
        for (int i = 0; i < q.lines.size(); i++) {
            Quote.Line line = q.lines.get(i);
            int available = have.getOrDefault(line.partId(), 0);
            if (available < line.quantity()) {
                shortLines.add(Issue.of("lines[" + i + "]", "quotes.part_short", line.partNo(), q.location, available, line.quantity()));
            }
        }
        if (!shortLines.isEmpty()) {
            throw new ProblemException(409, "quote_stock_short", shortLines);
        }
        for (Quote.Line line : q.lines) {
            ledger.move(line.partId(), q.location, -line.quantity(), StockLedger.Kind.ISSUE, c.id(), null,
                    "quote " + q.id + " " + c.caseNo());
        }
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<QuoteView> of(@NotNull UUID caseId) {
        CaseReference c = cases.visible(caseId);
        return quotes.list("caseId = ?1 order by createdAt", c.id()).stream().map(QuoteView::of).toList();
    }
}
