package com.aftersales.spareparts;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import com.aftersales.cases.CaseReferences;
import com.aftersales.shared.audit.AuditTrail;
import com.aftersales.notify.Outbox;
import com.aftersales.shared.security.Roles;
import com.aftersales.shared.error.ProblemException;
import com.aftersales.shared.paging.Page;
import com.aftersales.shared.paging.PageRequest;
import com.aftersales.shared.security.Caller;
import com.aftersales.shared.web.Text;
import com.aftersales.shared.web.Versions;
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

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * 调拨单: requested, approved or rejected by the product manager, shipped by the warehouse (stock leaves the source
 * location), received (stock arrives). Each step moves stock exactly once: it happens under the order's row lock
 * and only from the step before.
 */
@ApplicationScoped
@Transactional
public class TransferOrders {

    @Inject
    TransferOrderRepository orders;

    public record OrderRequest(@NotBlank @Size(max = 40) String fromLocation, @NotBlank @Size(max = 40) String toLocation, UUID caseId,
                               @NotNull @Size(min = 1, max = 100) List<TransferOrder.@Valid @NotNull Line> lines) {
    }

    @Schema(name = "TransferOrderDecision")
    public enum Decision { APPROVE, REJECT }

    @Schema(name = "TransferOrderDecisionRequest")
    public record DecisionRequest(@NotNull Decision decision, @Size(max = 4000) String comment) {
    }

    public record Dispatch(@NotBlank @Size(max = 100) String carrier, @NotBlank @Size(max = 100) String trackingNo,
                           @NotNull LocalDate shippedOn) {
    }

    @RegisterForReflection
    public record OrderView(UUID id, String transferNo, String fromLocation, String toLocation, UUID caseId,
                            TransferOrder.Status status, List<TransferOrder.Line> lines, String requestedBy, String decidedBy,
                            String decisionComment, String carrier, String trackingNo, LocalDate shippedOn,
                            OffsetDateTime receivedAt, long version, OffsetDateTime createdAt, OffsetDateTime updatedAt) {
        static OrderView of(TransferOrder o) {
            return new OrderView(o.id, o.transferNo, o.fromLocation, o.toLocation, o.caseId, o.status(), List.copyOf(o.lines),
                    o.requestedBy, o.decidedBy(), o.decisionComment(), o.carrier(), o.trackingNo(), o.shippedOn(),
                    o.receivedAt(), o.version, o.createdAt, o.updatedAt);
        }
    }

    static final String AUDIT_TYPE = "transfer-order";

    @Inject
    EntityManager em;

    @Inject
    SpareParts parts;

    @Inject
    StockLedger ledger;

    @Inject
    CaseReferences cases;

    @Inject
    Caller caller;

    @Inject
    AuditTrail audit;

    @Inject
    Outbox outbox;

    @Inject
    Clock clock;

    public OrderView request(@NotNull @Valid OrderRequest request) {
        String from = SpareParts.location(request.fromLocation());
        String to = SpareParts.location(request.toLocation());
        if (from.equals(to)) {
            throw ProblemException.invalid("toLocation", "parts.same_location");
        }
        if (request.caseId() != null) {
            cases.visible(request.caseId());
        }
        List<UUID> partIds = request.lines().stream().map(TransferOrder.Line::partId).toList();
        if (partIds.stream().distinct().count() != partIds.size()) {
            throw ProblemException.invalid("lines", "parts.part_repeated");
        }
        partIds.forEach(id -> parts.part(id, LockModeType.NONE));
        String transferNo = "DB-%d-%05d".formatted(LocalDate.now(clock).getYear(),
                ((Number) em.createNativeQuery("select nextval('transfer_no_seq')").getSingleResult()).longValue());
        TransferOrder o = TransferOrder.request(transferNo, from, to, request.caseId(), request.lines(), caller.subject());
        orders.persistAndFlush(o);
        OrderView view = OrderView.of(o);
        audit.record(AUDIT_TYPE, o.id, "CREATE", null, view);
        outbox.add("TRANSFER_ORDER_WAITING", Outbox.Recipient.role(Roles.PRODUCT_MANAGER),
                Outbox.payload("orderId", o.id, "transferNo", o.transferNo, "fromLocation", o.fromLocation,
                        "toLocation", o.toLocation), "transfer-waiting:" + o.id);
        return view;
    }

    public OrderView decide(@NotNull UUID id, long expectedVersion, @NotNull @Valid DecisionRequest request) {
        TransferOrder o = locked(id, expectedVersion);
        OrderView before = OrderView.of(o);
        Map<String, Object> payload = Outbox.payload("orderId", o.id, "transferNo", o.transferNo, "fromLocation",
                o.fromLocation, "toLocation", o.toLocation, "comment", Text.blankToNull(request.comment()));
        if (request.decision() == Decision.APPROVE) {
            o.approve(caller.subject(), request.comment());
            // The warehouse ships what was approved (§7.2.9).
            outbox.add("TRANSFER_ORDER_APPROVED", Outbox.Recipient.role(Roles.WAREHOUSE), payload, "transfer-approved:" + o.id);
        } else {
            o.reject(caller.subject(), request.comment());
            outbox.add("TRANSFER_ORDER_REJECTED", Outbox.Recipient.person(o.requestedBy), payload, "transfer-rejected:" + o.id);
        }
        return audited(o, request.decision().name(), before);
    }

    /** Ships every line or none: one short line rolls the whole shipment back with a 409. */
    public OrderView ship(@NotNull UUID id, long expectedVersion, @NotNull @Valid Dispatch dispatch) {
        TransferOrder o = locked(id, expectedVersion);
        OrderView before = OrderView.of(o);
        o.ship(dispatch.carrier(), dispatch.trackingNo(), dispatch.shippedOn());
        for (TransferOrder.Line line : o.lines) {
            ledger.move(line.partId(), o.fromLocation, -line.quantity(), StockLedger.Kind.TRANSFER_OUT, o.caseId, o.id, o.transferNo);
        }
        return audited(o, "SHIP", before);
    }

    public OrderView receive(@NotNull UUID id, long expectedVersion) {
        TransferOrder o = locked(id, expectedVersion);
        OrderView before = OrderView.of(o);
        o.receive(OffsetDateTime.now(clock));
        for (TransferOrder.Line line : o.lines) {
            ledger.move(line.partId(), o.toLocation, line.quantity(), StockLedger.Kind.TRANSFER_IN, o.caseId, o.id, o.transferNo);
        }
        return audited(o, "RECEIVE", before);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public OrderView get(UUID id) {
        return OrderView.of(orders.findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("transfer-order", id)));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<OrderView> list(TransferOrder.Status status, PageRequest page) {
        String where = (status == null ? "1 = 1" : "status = ?1") + (page.after() == null ? "" : " and transferNo > ?2");
        Object[] params = status == null && page.after() == null ? new Object[0]
                : new Object[]{status, page.after()};
        if (status == null && page.after() != null) {
            where = "transferNo > ?1";
            params = new Object[]{page.after()};
        } else if (status != null && page.after() == null) {
            params = new Object[]{status};
        }
        List<TransferOrder> rows = orders.find(where + " order by transferNo", params).page(0, page.fetchSize()).list();
        return page.page(rows, o -> o.transferNo, OrderView::of);
    }

    private TransferOrder locked(UUID id, long expectedVersion) {
        TransferOrder o = orders.findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE)
                .orElseThrow(() -> ProblemException.notFound("transfer-order", id));
        Versions.check(o.version, expectedVersion);
        return o;
    }

    private OrderView audited(TransferOrder o, String action, OrderView before) {
        orders.flush();
        OrderView after = OrderView.of(o);
        audit.record(AUDIT_TYPE, o.id, action, before, after);
        return after;
    }
}
