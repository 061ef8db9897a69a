package com.aftersales.unit;

import com.aftersales.shared.web.Text;
import com.aftersales.customer.CustomerRegistry;
import com.aftersales.shared.audit.AuditTrail;
import com.aftersales.shared.error.ProblemException;
import com.aftersales.shared.paging.Page;
import com.aftersales.shared.paging.PageRequest;
import com.aftersales.shared.security.Caller;
import com.aftersales.shared.web.Versions;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Registers delivered units (产品履历表) and finds them by steel-stamp number. */
@ApplicationScoped
@Transactional
public class UnitRegistry implements PanacheRepositoryBase<Unit, UUID> {

    public static final String AUDIT_TYPE = "unit";

    @Inject
    Caller caller;

    @Inject
    AuditTrail audit;

    @Inject
    CustomerRegistry customers;

    @Inject
    Clock clock;

    public UnitView register(@NotNull @Valid UnitRequest request) {
        SerialNo serial = SerialNo.of(request.serialNo());
        checkRules(serial, request);
        customers.visible(request.customerId(), LockModeType.NONE);
        if (count("serialNo", serial.value()) > 0) {
            throw new ProblemException(409, "unit_exists", serial.value());
        }
        Unit unit = new Unit();
        unit.id = UUID.randomUUID();
        unit.serialNo = serial.value();
        apply(unit, request);
        persistAndFlush(unit);
        UnitView view = UnitView.of(unit);
        audit.record(AUDIT_TYPE, unit.serialNo, "CREATE", null, view);
        return view;
    }

    public UnitView amend(@NotNull SerialNo serialNo, long expectedVersion, @NotNull @Valid UnitRequest request) {
        Unit unit = visible(serialNo, LockModeType.PESSIMISTIC_WRITE);
        Versions.check(unit.version, expectedVersion);
        SerialNo serial = SerialNo.of(request.serialNo());
        if (!serial.value().equals(unit.serialNo)) {
            throw ProblemException.invalid("serialNo", "unit.serial_immutable", unit.serialNo);
        }
        checkRules(serial, request);
        customers.visible(request.customerId(), LockModeType.NONE);
        UnitView before = UnitView.of(unit);
        apply(unit, request);
        flush();
        UnitView after = UnitView.of(unit);
        audit.record(AUDIT_TYPE, unit.serialNo, "UPDATE", before, after);
        return after;
    }

    /** The unit's record with the recall campaigns still open on it (recall_unit is read as data, not as a module). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public UnitView get(SerialNo serialNo) {
        Unit unit = visible(serialNo, LockModeType.NONE);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = getEntityManager().createNativeQuery(
                        "select rc.id, rc.code, rc.title, rcu.remedy_status "
                        + "from recall_unit rcu join recall_campaign rc on rc.id = rcu.campaign_id "
                        + "where rcu.unit_id = ?1 and rc.status = 'ACTIVE' and rcu.remedy_status not in ('REMEDIED', 'EXEMPT') "
                        + "order by rc.code")
                .setParameter(1, unit.id).getResultList();
        return UnitView.of(unit, rows.stream()
                .map(r -> new UnitView.OpenRecall((UUID) r[0], (String) r[1], (String) r[2], (String) r[3])).toList());
    }

    /** The unit if it exists and the caller may see it; otherwise 404. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Unit visible(SerialNo serialNo, LockModeType lock) {
        Optional<Unit> unit = find("serialNo", serialNo.value()).withLock(lock).firstResultOptional();
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
        List<Unit> rows = find(query, params).page(0, page.fetchSize()).list();
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
