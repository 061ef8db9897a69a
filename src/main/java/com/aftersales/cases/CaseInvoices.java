package com.aftersales.cases;

import com.aftersales.shared.audit.AuditTrail;
import com.aftersales.shared.billing.BillingStatus;
import com.aftersales.shared.billing.PaymentRequest;
import com.aftersales.shared.error.ProblemException;
import com.aftersales.shared.security.Caller;
import com.aftersales.shared.web.Versions;
import com.fasterxml.jackson.annotation.JsonFormat;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Chargeable work billed to the customer: a case's verified cost lines billed to the CUSTOMER (market-price parts and
 * labour, an accepted quote's sale lines) go onto invoices, each line onto one invoice only; an invoice is paid once
 * and in full. Finance records both; the case's customer reads its own bill, which never shows a line billed to the
 * company or to a service contract. Cost lines themselves are only read here (CaseCosts owns them).
 */
@ApplicationScoped
@Transactional
public class CaseInvoices {

    static final String AUDIT_TYPE = "case-invoice";

    /** An invoice of the case's chargeable work: number (发票号), date, and the lines (none: every line not yet invoiced). */
    @Schema(name = "CaseInvoiceRequest")
    public record InvoiceRequest(
            @NotBlank @Pattern(regexp = "[A-Za-z0-9_/-]{1,40}", message = "{aftersales.invoice.no}") String invoiceNo,
            @NotNull LocalDate invoicedOn,
            @Size(max = 500) List<@NotNull UUID> costIds) {
    }

    @RegisterForReflection
    @Schema(name = "CaseInvoiceLine")
    public record LineView(UUID costId, CaseCost.Category category, String description, LocalDate incurredOn,
                           String serialNo, @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amountCny) {
    }

    /** An invoice; who recorded it is shown to staff only (null to a customer account). */
    @RegisterForReflection
    @Schema(name = "CaseInvoice")
    public record InvoiceView(UUID id, UUID caseId, String invoiceNo, LocalDate invoicedOn,
                              @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal totalCny,
                              BillingStatus billingStatus, LocalDate paidOn,
                              @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal paidCny, String paymentRef,
                              String invoicedBy, String paidBy, List<LineView> lines, long version,
                              OffsetDateTime createdAt, OffsetDateTime updatedAt) {
    }

    /** The case's bill: its invoices, and its chargeable lines not invoiced yet, with the sums. */
    @RegisterForReflection
    @Schema(name = "CaseBill")
    public record BillView(UUID caseId, String caseNo, List<InvoiceView> invoices, List<LineView> notInvoiced,
                           @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal notInvoicedCny,
                           @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal invoicedCny,
                           @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal paidCny) {
    }

    @Inject
    CaseRepository cases;

    @Inject
    CaseCostRepository costs;

    @Inject
    CaseInvoiceRepository invoices;

    @Inject
    CaseInvoiceLineRepository lines;

    @Inject
    Caller caller;

    @Inject
    AuditTrail audit;

    @Inject
    Clock clock;

    /**
     * An invoice of the given lines (or of every line not yet invoiced). The case row is locked, so two invoices of one
     * case are made one after the other and the second finds the lines the first took; the line's primary key holds
     * the rule as well.
     */
    public InvoiceView issue(@NotNull UUID caseId, @NotNull @Valid InvoiceRequest request) {
        ServiceCase c = cases.visible(caseId, LockModeType.PESSIMISTIC_WRITE);
        if (request.invoicedOn().isAfter(LocalDate.now(clock))) {
            throw ProblemException.invalid("invoicedOn", "cases.date_in_future");
        }
        String invoiceNo = request.invoiceNo().strip().toUpperCase(Locale.ROOT);
        if (invoices.count("invoiceNo", invoiceNo) > 0) {
            throw new ProblemException(409, "invoice_no_taken", invoiceNo);
        }
        List<CaseCost> open = notInvoiced(c.id);
        List<CaseCost> chosen;
        if (request.costIds() == null || request.costIds().isEmpty()) {
            chosen = open;
        } else {
            Map<UUID, CaseCost> byId = open.stream().collect(Collectors.toMap(k -> k.id, Function.identity()));
            chosen = new ArrayList<>();
            for (UUID id : new LinkedHashSet<>(request.costIds())) {
                CaseCost cost = byId.get(id);
                if (cost == null) {
                    if (lines.findByIdOptional(id).isPresent()) {
                        throw new ProblemException(409, "cost_invoiced", id);
                    }
                    throw ProblemException.invalid("costIds", "cases.cost_not_chargeable", id);
                }
                chosen.add(cost);
            }
        }
        if (chosen.isEmpty()) {
            throw new ProblemException(409, "nothing_to_invoice", c.caseNo);
        }
        CaseInvoice invoice = new CaseInvoice();
        invoice.id = UUID.randomUUID();
        invoice.caseId = c.id;
        invoice.invoiceNo = invoiceNo;
        invoice.invoicedOn = request.invoicedOn();
        invoice.totalCny = chosen.stream().map(k -> k.amountCny).reduce(BigDecimal.ZERO, BigDecimal::add).setScale(2);
        invoice.invoicedBy = caller.subject();
        invoices.persist(invoice);
        for (CaseCost cost : chosen) {
            CaseInvoiceLine line = new CaseInvoiceLine();
            line.costId = cost.id;
            line.invoiceId = invoice.id;
            line.amountCny = cost.amountCny.setScale(2);
            lines.persist(line);
        }
        invoices.flush();
        InvoiceView view = view(invoice, chosen);
        audit.record(AUDIT_TYPE, invoice.id, "CREATE", null, view);
        return view;
    }

    /** The invoice's one payment: its whole total, dated neither after today nor before the invoice. */
    public InvoiceView pay(@NotNull UUID caseId, @NotNull UUID invoiceId, long expectedVersion,
                           @NotNull @Valid PaymentRequest request) {
        ServiceCase c = cases.visible(caseId, LockModeType.NONE);
        CaseInvoice invoice = invoice(c, invoiceId);
        Versions.check(invoice.version, expectedVersion);
        if (invoice.paidOn != null) {
            throw new ProblemException(409, "invoice_paid", invoice.invoiceNo, invoice.paidOn);
        }
        request.check(LocalDate.now(clock), invoice.invoicedOn, invoice.totalCny);
        List<CaseCost> invoiced = linesOf(invoice.id);
        InvoiceView before = view(invoice, invoiced);
        invoice.paidOn = request.paidOn();
        invoice.paidCny = request.amountCny().setScale(2);
        invoice.paymentRef = request.paymentRef().strip();
        invoice.paidBy = caller.subject();
        invoices.flush();
        InvoiceView after = view(invoice, invoiced);
        audit.record(AUDIT_TYPE, invoice.id, "PAY", before, after);
        return after;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public InvoiceView get(@NotNull UUID caseId, @NotNull UUID invoiceId) {
        CaseInvoice invoice = invoice(cases.visible(caseId, LockModeType.NONE), invoiceId);
        return view(invoice, linesOf(invoice.id));
    }

    /** The case's bill (a customer account: its own cases only; 404 otherwise). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public BillView bill(@NotNull UUID caseId) {
        ServiceCase c = cases.visible(caseId, LockModeType.NONE);
        // Every invoice's lines in one query, not one query per invoice.
        Map<UUID, List<CaseCost>> lines = new java.util.HashMap<>();
        costs.getEntityManager().createQuery("select l.invoiceId, k from CaseInvoiceLine l, CaseCost k where k.id = l.costId "
                        + "and k.caseId = ?1 order by k.incurredOn, k.createdAt, k.id", Object[].class)
                .setParameter(1, c.id).getResultList()
                .forEach(row -> lines.computeIfAbsent((UUID) row[0], id -> new ArrayList<>()).add((CaseCost) row[1]));
        List<InvoiceView> views = invoices.list("caseId = ?1 order by invoicedOn, invoiceNo", c.id).stream()
                .map(i -> view(i, lines.getOrDefault(i.id, List.of()))).toList();
        List<CaseCost> open = notInvoiced(c.id);
        return new BillView(c.id, c.caseNo, views, open.stream().map(CaseInvoices::line).toList(),
                sum(open.stream().map(k -> k.amountCny).toList()), sum(views.stream().map(InvoiceView::totalCny).toList()),
                sum(views.stream().map(InvoiceView::paidCny).filter(Objects::nonNull).toList()));
    }

    /** The case's verified lines billed to the customer that are on no invoice yet. */
    private List<CaseCost> notInvoiced(UUID caseId) {
        return costs.list("caseId = ?1 and status = ?2 and billedTo = ?3 and id not in (select l.costId from CaseInvoiceLine l) "
                + "order by incurredOn, createdAt, id", caseId, CaseCost.Status.VERIFIED, CaseCost.BilledTo.CUSTOMER);
    }

    private List<CaseCost> linesOf(UUID invoiceId) {
        return costs.list("id in (select l.costId from CaseInvoiceLine l where l.invoiceId = ?1) order by incurredOn, createdAt, id",
                invoiceId);
    }

    private CaseInvoice invoice(ServiceCase c, UUID invoiceId) {
        return invoices.find("id = ?1 and caseId = ?2", invoiceId, c.id).firstResultOptional()
                .orElseThrow(() -> ProblemException.notFound("case-invoice", invoiceId));
    }

    private InvoiceView view(CaseInvoice i, List<CaseCost> invoiced) {
        boolean staff = caller.customerScope().isEmpty();
        return new InvoiceView(i.id, i.caseId, i.invoiceNo, i.invoicedOn, i.totalCny.setScale(2), i.status(), i.paidOn,
                i.paidCny == null ? null : i.paidCny.setScale(2), i.paymentRef, staff ? i.invoicedBy : null,
                staff ? i.paidBy : null, invoiced.stream().map(CaseInvoices::line).toList(), i.version, i.createdAt,
                i.updatedAt);
    }

    private static LineView line(CaseCost c) {
        return new LineView(c.id, c.category, c.description, c.incurredOn, c.serialNo, c.amountCny.setScale(2));
    }

    private static BigDecimal sum(List<BigDecimal> amounts) {
        return amounts.stream().reduce(BigDecimal.ZERO, BigDecimal::add).setScale(2);
    }
}
