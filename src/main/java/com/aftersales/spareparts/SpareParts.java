package com.aftersales.spareparts;

import com.aftersales.cases.CaseCosts;
import com.aftersales.cases.CaseReferences;
import com.aftersales.shared.audit.AuditTrail;
import com.aftersales.shared.error.ProblemException;
import com.aftersales.shared.paging.Page;
import com.aftersales.shared.paging.PageRequest;
import com.aftersales.shared.web.Locations;
import com.aftersales.shared.web.Text;
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
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** Spare parts, their stock per location, movements and safety stock. */
@ApplicationScoped
@Transactional
public class SpareParts {

    @Inject
    SparePartRepository partRows;

    public record PartRequest(
            @NotBlank @Pattern(regexp = "[A-Za-z0-9._/-]{1,40}", message = "{aftersales.part.no}") String partNo,
            @NotBlank @Size(max = 200) String name,
            @Size(max = 100) List<@NotBlank @Size(max = 100) String> productModels,
            @NotBlank @Size(max = 20) String unitOfMeasure,
            @NotNull @DecimalMin("0.00") @DecimalMax("999999999999.99") @Digits(integer = 12, fraction = 2) BigDecimal marketPrice,
            boolean wearPart,
            @DecimalMin("0.00") @DecimalMax("999999999999.99") @Digits(integer = 12, fraction = 2) BigDecimal standardCost) {
    }

    @RegisterForReflection
    public record PartView(UUID id, String partNo, String name, List<String> productModels, String unitOfMeasure,
                           @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal marketPrice, boolean wearPart,
                           @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal standardCost,
                           long version, OffsetDateTime createdAt, OffsetDateTime updatedAt) {
        static PartView of(SparePart p) {
            return new PartView(p.id, p.partNo, p.name, List.of(p.productModels), p.unitOfMeasure, p.marketPrice.setScale(2),
                    p.wearPart, p.standardCost == null ? null : p.standardCost.setScale(2), p.version, p.createdAt, p.updatedAt);
        }
    }

    public record StockSettings(@NotNull @Min(0) @Max(1_000_000) Integer safetyStock,
                                @NotNull @Min(0) @Max(1_000_000) Integer reorderPoint) {
    }

    @RegisterForReflection
    public record StockView(UUID partId, String partNo, String name, String location, int quantity, int safetyStock,
                            int reorderPoint, boolean belowSafetyStock, long version) {
    }

    public enum MovementKind { RECEIPT, ISSUE, ADJUSTMENT }

    public record MovementRequest(@NotNull MovementKind kind,
                                  @NotBlank @Pattern(regexp = "[A-Za-z0-9_-]{1,40}", message = "{aftersales.location}") String location,
                                  @NotNull @Min(-1_000_000) @Max(1_000_000) Integer quantity, UUID caseId,
                                  @Size(max = 2000) String reason, @Size(max = 60) String serialNo) {
    }

    static final String AUDIT_TYPE = "spare-part";

    @Inject
    EntityManager em;

    @Inject
    StockLedger ledger;

    @Inject
    CaseReferences cases;

    @Inject
    CaseCosts caseCosts;

    @Inject
    AuditTrail audit;

    public PartView create(@NotNull @Valid PartRequest request) {
        String partNo = request.partNo().strip().toUpperCase(Locale.ROOT);
        if (partRows.count("partNo", partNo) > 0) {
            throw new ProblemException(409, "part_no_taken", partNo);
        }
        SparePart p = new SparePart();
        p.id = UUID.randomUUID();
        p.partNo = partNo;
        apply(p, request);
        partRows.persistAndFlush(p);
        PartView view = PartView.of(p);
        audit.record(AUDIT_TYPE, p.id, "CREATE", null, view);
        return view;
    }

    public PartView update(@NotNull UUID id, long expectedVersion, @NotNull @Valid PartRequest request) {
        SparePart p = part(id, LockModeType.PESSIMISTIC_WRITE);
        Versions.check(p.version, expectedVersion);
        if (!p.partNo.equals(request.partNo().strip().toUpperCase(Locale.ROOT))) {
            throw ProblemException.invalid("partNo", "parts.part_no_immutable", p.partNo);
        }
        PartView before = PartView.of(p);
        apply(p, request);
        partRows.flush();
        PartView after = PartView.of(p);
        audit.record(AUDIT_TYPE, p.id, "UPDATE", before, after);
        return after;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public PartView get(UUID id) {
        return PartView.of(part(id, LockModeType.NONE));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<PartView> list(String model, Boolean wearPart, PageRequest page) {
        StringBuilder sql = new StringBuilder("select p.* from spare_part p where 1 = 1");
        List<Object> params = new java.util.ArrayList<>();
        if (model != null) {
            params.add(new String[]{model.strip()});
            sql.append(" and p.product_models @> cast(?").append(params.size()).append(" as text[])");
        }
        if (wearPart != null) {
            params.add(wearPart);
            sql.append(" and p.wear_part = ?").append(params.size());
        }
        if (page.after() != null) {
            params.add(page.after());
            sql.append(" and p.part_no > ?").append(params.size());
        }
        var q = em.createNativeQuery(sql + " order by p.part_no limit " + page.fetchSize(), SparePart.class);
        for (int i = 0; i < params.size(); i++) {
            q.setParameter(i + 1, params.get(i));
        }
        @SuppressWarnings("unchecked")
        List<SparePart> rows = q.getResultList();
        return page.page(rows, p -> p.partNo, PartView::of);
    }

    public StockView setStockLevels(@NotNull UUID partId, @NotNull String rawLocation, @NotNull Versions.Put precondition,
                                    @NotNull @Valid StockSettings settings) {
        SparePart p = part(partId, LockModeType.NONE);
        String location = location(rawLocation);
        // The row's version under a lock: If-Match must name it, If-None-Match: * only creates.
        @SuppressWarnings("unchecked")
        List<Object> current = em.createNativeQuery("select version from stock where part_id = ?1 and location = ?2 for update")
                .setParameter(1, p.id).setParameter(2, location).getResultList();
        precondition.check(current.isEmpty() ? null : ((Number) current.get(0)).longValue());
        int written = em.createNativeQuery("insert into stock (part_id, location, safety_stock, reorder_point) values (?1, ?2, ?3, ?4) "
                        + "on conflict (part_id, location) do update set safety_stock = excluded.safety_stock, "
                        + "reorder_point = excluded.reorder_point where cast(?5 as boolean)")
                .setParameter(1, p.id).setParameter(2, location).setParameter(3, settings.safetyStock())
                .setParameter(4, settings.reorderPoint()).setParameter(5, !precondition.creates()).executeUpdate();
        if (written == 0) {
            // Created by a receipt or another PUT since the lock found nothing: If-None-Match: * no longer holds.
            throw new ProblemException(412, "record_exists");
        }
        StockView view = stock(p.id).stream().filter(s -> s.location().equals(location)).findFirst().orElseThrow();
        audit.record("stock", p.partNo + "@" + location, "LEVELS", null, view);
        return view;
    }

    /** Receipt, issue to a case, or adjustment with a reason; issues and negative adjustments never oversell. */
    public StockView move(@NotNull UUID partId, @NotNull @Valid MovementRequest request) {
        SparePart p = part(partId, LockModeType.NONE);
        int delta = request.quantity();
        switch (request.kind()) {
            case RECEIPT, ISSUE -> {
                if (delta <= 0) {
                    throw ProblemException.invalid("quantity", "parts.quantity_positive");
                }
                if (request.kind() == MovementKind.ISSUE) {
                    if (request.caseId() == null) {
                        throw ProblemException.invalid("caseId", "parts.issue_needs_case");
                    }
                    cases.visible(request.caseId());
                    delta = -delta;
                }
            }
            case ADJUSTMENT -> {
                if (delta == 0) {
                    throw ProblemException.invalid("quantity", "parts.quantity_not_zero");
                }
                if (request.reason() == null || request.reason().isBlank()) {
                    throw ProblemException.invalid("reason", "parts.adjustment_needs_reason");
                }
            }
        }
        String location = location(request.location());
        if (request.kind() != MovementKind.ISSUE && request.serialNo() != null) {
            throw ProblemException.invalid("serialNo", "parts.serial_only_on_issue");
        }
        ledger.move(p.id, location, delta, StockLedger.Kind.valueOf(request.kind().name()), request.caseId(), null,
                Text.blankToNull(request.reason()));
        if (request.kind() == MovementKind.ISSUE) {
            // The part issued becomes a PARTS cost line of the case in the same transaction: no issue without its cost.
            caseCosts.bookIssuedParts(request.caseId(), Text.blankToNull(request.serialNo()),
                    new CaseCosts.IssuedParts(p.partNo, p.name, request.quantity(), p.marketPrice, p.standardCost));
        }
        return stock(p.id).stream().filter(s -> s.location().equals(location)).findFirst().orElseThrow();
    }

    /** One location's stock row of a part (404 when the location has none). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public StockView stockAt(@NotNull UUID partId, String rawLocation) {
        SparePart p = part(partId, LockModeType.NONE);
        String location = location(rawLocation);
        return stock(p.id).stream().filter(s -> s.location().equals(location)).findFirst()
                .orElseThrow(() -> ProblemException.notFound("stock", p.partNo + "@" + location));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<StockView> stock(UUID partId) {
        return stockViews("where s.part_id = ?1 order by s.location", partId);
    }

    /** Every part and location under its safety stock: one indexed query. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<StockView> belowSafetyStock() {
        return stockViews("where s.quantity < s.safety_stock order by p.part_no, s.location", null);
    }

    private List<StockView> stockViews(String where, UUID partId) {
        var q = em.createNativeQuery("select s.part_id, p.part_no, p.name, s.location, s.quantity, s.safety_stock, "
                + "s.reorder_point, s.version from stock s join spare_part p on p.id = s.part_id " + where);
        if (partId != null) {
            q.setParameter(1, partId);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = q.getResultList();
        return rows.stream().map(r -> new StockView((UUID) r[0], (String) r[1], (String) r[2], (String) r[3],
                ((Number) r[4]).intValue(), ((Number) r[5]).intValue(), ((Number) r[6]).intValue(),
                ((Number) r[4]).intValue() < ((Number) r[5]).intValue(), ((Number) r[7]).longValue())).toList();
    }

    /** Warehouse locations are codes: trimmed, upper case. */
    static String location(String raw) {
        return Locations.of("location", raw);
    }

    SparePart part(UUID id, LockModeType lock) {
        return partRows.findByIdOptional(id, lock).orElseThrow(() -> ProblemException.notFound("spare-part", id));
    }

    private static void apply(SparePart p, PartRequest r) {
        p.name = r.name().strip();
        p.productModels = r.productModels() == null ? new String[0]
                : r.productModels().stream().map(String::strip).distinct().toArray(String[]::new);
        p.unitOfMeasure = r.unitOfMeasure().strip();
        p.marketPrice = r.marketPrice();
        p.wearPart = r.wearPart();
        p.standardCost = r.standardCost();
    }
}
