package com.aftersales.unit;

import com.aftersales.shared.web.Text;
import com.aftersales.customer.CustomerRegistry;
import com.aftersales.shared.audit.AuditTrail;
import com.aftersales.shared.error.ProblemException;
import com.aftersales.shared.paging.Page;
import com.aftersales.shared.paging.PageRequest;
import com.aftersales.shared.security.Caller;
import com.aftersales.shared.web.Versions;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Registers delivered units (产品履历表) and finds them by steel-stamp number. Other areas get {@link UnitRecord}s from
 * it, never the entity.
 */
@ApplicationScoped
@Transactional
public class UnitRegistry {

    public static final String AUDIT_TYPE = "unit";

    @Inject
    UnitRepository units;

    @Inject
    EntityManager em;

    @Inject
    Caller caller;

    @Inject
    AuditTrail audit;

    @Inject
    CustomerRegistry customers;

    @Inject
    Clock clock;

    @Inject
    SoftwareVersions software;

    @Inject
    @jakarta.enterprise.inject.Any
    jakarta.enterprise.inject.Instance<UnitReplacementListener> replacementListeners;

    public UnitView register(@NotNull @Valid UnitRequest request) {
        Unit unit = register(request, null);
        return request.softwareVersions() == null || request.softwareVersions().isEmpty() ? UnitView.of(unit)
                : UnitView.of(unit, null, software.current(unit.id));
    }

    /**
     * A replacement on a return (disposition REPLACE): the new unit, delivered today to the replaced unit's customer,
     * records which unit it replaces and the first unit of the chain, whose free warranty it inherits
     * ({@code warranty/Entitlements}); the replaced unit becomes REPLACED from today on (out of the live fleet, recall
     * selection and warranty alerts). 409 when the unit was already replaced or the serial is taken. The serial of the
     * replacement.
     */
    public String registerReplacement(@NotNull UUID replacedUnitId, @NotNull String replacementSerial, @NotNull UUID returnId) {
        Unit replaced = units.findByIdOptional(replacedUnitId, LockModeType.PESSIMISTIC_WRITE)
                .orElseThrow(() -> ProblemException.notFound("unit", replacedUnitId));
        if (replaced.replacedOn != null) {
            throw new ProblemException(409, "unit_already_replaced", replaced.serialNo, replaced.replacedBySerialNo);
        }
        LocalDate today = LocalDate.now(clock);
        Unit replacement = register(new UnitRequest(replacementSerial, replaced.productModel, replaced.productLine,
                replaced.projectCode, null, null, replaced.customerId, replaced.endCustomer, null, today, null, null), replaced);
        UnitView before = UnitView.of(replaced);
        replaced.replacedByUnitId = replacement.id;
        replaced.replacedBySerialNo = replacement.serialNo;
        replaced.replacedOn = today;
        replaced.replacedAt = OffsetDateTime.now(clock);
        replaced.replacedReturnId = returnId;
        units.flush();
        audit.record(AUDIT_TYPE, replaced.serialNo, "REPLACE", before, UnitView.of(replaced));
        replacementListeners.forEach(l -> l.replaced(replaced.id, replaced.serialNo, replacement.serialNo, today));
        return replacement.serialNo;
    }

    private Unit register(UnitRequest request, Unit replaces) {
        SerialNo serial = SerialNo.of(request.serialNo());
        checkRules(serial, request);
        Map<String, String> versions = SoftwareVersions.normalised(
                Objects.requireNonNullElse(request.softwareVersions(), List.of()), "softwareVersions");
        customers.visible(request.customerId(), LockModeType.NONE);
        if (units.count("serialNo", serial.value()) > 0) {
            throw new ProblemException(409, "unit_exists", serial.value());
        }
        Unit unit = new Unit();
        unit.id = UUID.randomUUID();
        unit.serialNo = serial.value();
        apply(unit, request);
        if (replaces != null) {
            unit.replacesUnitId = replaces.id;
            unit.replacesSerialNo = replaces.serialNo;
            // A replacement of a replacement inherits the original's warranty, not its predecessor's delivery.
            unit.warrantyOriginUnitId = replaces.warrantyOriginUnitId != null ? replaces.warrantyOriginUnitId : replaces.id;
        }
        units.persistAndFlush(unit);
        software.initial(unit, versions);
        audit.record(AUDIT_TYPE, unit.serialNo, "CREATE", null,
                UnitView.of(unit, null, versions.isEmpty() ? null : software.current(unit.id)));
        return unit;
    }

    public UnitView amend(@NotNull SerialNo serialNo, long expectedVersion, @NotNull @Valid UnitRequest request) {
        Unit unit = unit(serialNo, LockModeType.PESSIMISTIC_WRITE);
        Versions.check(unit.version, expectedVersion);
        SerialNo serial = SerialNo.of(request.serialNo());
        if (!serial.value().equals(unit.serialNo)) {
            throw ProblemException.invalid("serialNo", "unit.serial_immutable", unit.serialNo);
        }
        checkRules(serial, request);
        if (request.softwareVersions() != null) {
            software.unchanged(unit.id, SoftwareVersions.normalised(request.softwareVersions(), "softwareVersions"));
        }
        customers.visible(request.customerId(), LockModeType.NONE);
        List<SoftwareVersion> versions = software.current(unit.id);
        UnitView before = UnitView.of(unit, null, versions.isEmpty() ? null : versions);
        apply(unit, request);
        units.flush();
        UnitView after = UnitView.of(unit, null, versions.isEmpty() ? null : versions);
        audit.record(AUDIT_TYPE, unit.serialNo, "UPDATE", before, after);
        return after;
    }

    /** The unit's record with the recall campaigns still open on it (the recall area's read model, not its module). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public UnitView get(SerialNo serialNo) {
        Unit unit = unit(serialNo, LockModeType.NONE);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                        "select r.campaign_id, r.code, r.title, r.remedy_status from recall_open_unit r where r.unit_id = ?1 "
                        + "order by r.code")
                .setParameter(1, unit.id).getResultList();
        return UnitView.of(unit, rows.stream()
                .map(r -> new UnitView.OpenRecall((UUID) r[0], (String) r[1], (String) r[2], (String) r[3])).toList(),
                software.current(unit.id));
    }

    /**
     * The unit if it exists and the caller may see it; otherwise 404. A PESSIMISTIC_WRITE lock serialises changes to
     * records that belong to the unit (its service contracts).
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public UnitRecord visible(SerialNo serialNo, LockModeType lock) {
        return UnitRecord.of(unit(serialNo, lock));
    }

    /** The unit a record of the caller's refers to (a case's or a return's unit); 404 if there is none. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public UnitRecord byId(UUID id) {
        return units.findByIdOptional(id).map(UnitRecord::of).orElseThrow(() -> ProblemException.notFound("unit", id));
    }

    /** The units with these (normalised) serial numbers, whoever's they are: the caller checks whose they are. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<UnitRecord> bySerials(Collection<String> serials) {
        return units.list("serialNo in ?1", serials).stream().map(UnitRecord::of).toList();
    }

    /**
     * The last day the records of these units are kept (the latest of their retention dates: product life + 1 year,
     * the rule the retention job applies too); null for no units.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public LocalDate keptUntil(Collection<UUID> unitIds) {
        // A unit never delivered counts from the day it was recorded, in the business zone.
        return (LocalDate) em.createNativeQuery("select max(aftersales_kept_until(coalesce(u.delivery_date, "
                        + "cast(u.created_at at time zone cast(?2 as text) as date)), u.product_model)) from unit u "
                        + "where u.id = any(?1)", LocalDate.class)
                .setParameter(1, unitIds.toArray(new UUID[0])).setParameter(2, clock.getZone().getId()).getSingleResult();
    }

    private Unit unit(SerialNo serialNo, LockModeType lock) {
        Optional<Unit> unit = units.find("serialNo", serialNo.value()).withLock(lock).firstResultOptional();
        return unit.filter(u -> caller.maySee(u.customerId))
                .orElseThrow(() -> ProblemException.notFound("unit", serialNo.value()));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<UnitView> list(UUID customerId, ProductLine line, String model, String serialPrefix, PageRequest page) {
        List<String> where = new ArrayList<>();
        Parameters params = new Parameters();
        Optional<UUID> scope = caller.customerScope();
        if (scope.isPresent()) {
            where.add("customerId = :scope");
            params.and("scope", scope.get());
        }
        if (customerId != null) {
            where.add("customerId = :customer");
            params.and("customer", customerId);
        }
        if (line != null) {
            where.add("productLine = :line");
            params.and("line", line);
        }
        if (model != null && !model.isBlank()) {
            where.add("productModel = :model");
            params.and("model", model.strip());
        }
        if (serialPrefix != null && !serialPrefix.isBlank()) {
            where.add("serialNo like :prefix");
            params.and("prefix", Text.likeLiteral(SerialNo.of(serialPrefix).value()) + "%");
        }
        if (page.after() != null) {
            where.add("serialNo > :after");
            params.and("after", page.after());
        }
        String query = (where.isEmpty() ? "" : String.join(" and ", where) + " ") + "order by serialNo";
        List<Unit> rows = units.find(query, params).page(0, page.fetchSize()).list();
        return page.page(rows, u -> u.serialNo, UnitView::of);
    }

    private void checkRules(SerialNo serial, UnitRequest request) {
        var issues = UnitRules.check(null, serial, request.productionDate(), request.deliveryDate(),
                request.firstSaleDate(), LocalDate.now(clock));
        if (!issues.isEmpty()) {
            throw new ProblemException(422, "validation_failed", issues);
        }
    }

    private static void apply(Unit unit, UnitRequest request) {
        unit.productModel = request.productModel().strip();
        unit.productLine = request.productLine();
        unit.projectCode = Text.blankToNull(request.projectCode());
        unit.productionDate = request.productionDate();
        unit.batchNo = Text.blankToNull(request.batchNo());
        unit.customerId = request.customerId();
        unit.endCustomer = Text.blankToNull(request.endCustomer());
        unit.vin = Text.blankToNull(request.vin());
        unit.deliveryDate = request.deliveryDate();
        unit.firstSaleDate = request.firstSaleDate();
    }
}
