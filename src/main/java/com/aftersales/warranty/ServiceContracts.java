package com.aftersales.warranty;

import com.aftersales.shared.audit.AuditTrail;
import com.aftersales.shared.error.ProblemException;
import com.aftersales.shared.paging.Page;
import com.aftersales.shared.paging.PageRequest;
import com.aftersales.shared.security.Caller;
import com.aftersales.shared.web.Versions;
import com.aftersales.unit.SerialNo;
import com.aftersales.unit.UnitRecord;
import com.aftersales.unit.UnitRegistry;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Signs and cancels paid service contracts (保修协议). Active contracts of one unit never overlap. A contract belongs to
 * the customer who signed it (the unit's customer that day): after the unit moves to another customer, a customer
 * account sees only its own customer's contracts of the unit; staff see all of them.
 */
@ApplicationScoped
@Transactional
public class ServiceContracts {

    static final String AUDIT_TYPE = "service-contract";

    @Inject
    ServiceContractRepository contracts;

    @Inject
    UnitRegistry units;

    @Inject
    Caller caller;

    @Inject
    AuditTrail audit;

    @Inject
    Clock clock;

    public ServiceContractView sign(@NotNull SerialNo serialNo, @NotNull @Valid ServiceContractRequest request) {
        if (request.endDate().isBefore(request.startDate())) {
            throw ProblemException.invalid("endDate", "warranty.to_before_from");
        }
        // Locks the unit: concurrent signings for one unit are checked one after the other.
        UnitRecord unit = units.visible(serialNo, LockModeType.PESSIMISTIC_WRITE);
        String contractNo = request.contractNo().strip().toUpperCase(Locale.ROOT);
        if (contracts.count("contractNo", contractNo) > 0) {
            throw new ProblemException(409, "contract_no_taken", contractNo);
        }
        for (ServiceContract other : of(unit.id())) {
            if (other.status == ServiceContract.Status.ACTIVE && !other.startDate.isAfter(request.endDate())
                    && !other.endDate.isBefore(request.startDate())) {
                throw new ProblemException(409, "contract_overlap", other.contractNo, other.startDate, other.endDate)
                        .with("conflictingContractId", other.id);
            }
        }
        ServiceContract contract = new ServiceContract();
        contract.id = UUID.randomUUID();
        contract.unitId = unit.id();
        contract.customerId = unit.customerId();
        contract.contractNo = contractNo;
        contract.startDate = request.startDate();
        contract.endDate = request.endDate();
        contract.mileageLimitKm = request.mileageLimitKm();
        contract.feeCny = request.feeCny();
        contract.coverage = request.coverage().strip();
        contract.signedBy = caller.subject();
        contract.signedOn = request.signedOn() == null ? LocalDate.now(clock) : request.signedOn();
        contract.status = ServiceContract.Status.ACTIVE;
        contracts.persistAndFlush(contract);
        ServiceContractView view = ServiceContractView.of(contract, unit.serialNo());
        audit.record(AUDIT_TYPE, contract.id, "CREATE", null, view);
        return view;
    }

    public ServiceContractView cancel(@NotNull SerialNo serialNo, @NotNull UUID contractId, long expectedVersion,
                                      @NotNull @Valid CancellationRequest request) {
        UnitRecord unit = units.visible(serialNo, LockModeType.NONE);
        ServiceContract contract = contract(unit, contractId);
        Versions.check(contract.version, expectedVersion);
        if (contract.status == ServiceContract.Status.CANCELLED) {
            throw new ProblemException(409, "contract_cancelled", contract.contractNo);
        }
        ServiceContractView before = ServiceContractView.of(contract, unit.serialNo());
        contract.status = ServiceContract.Status.CANCELLED;
        contract.cancelReason = request.reason().strip();
        contracts.flush();
        ServiceContractView after = ServiceContractView.of(contract, unit.serialNo());
        audit.record(AUDIT_TYPE, contractId, "CANCEL", before, after);
        return after;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public ServiceContractView get(SerialNo serialNo, UUID contractId) {
        UnitRecord unit = units.visible(serialNo, LockModeType.NONE);
        return ServiceContractView.of(contract(unit, contractId), unit.serialNo());
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<ServiceContractView> list(SerialNo serialNo, PageRequest page) {
        UnitRecord unit = units.visible(serialNo, LockModeType.NONE);
        StringBuilder where = new StringBuilder("unitId = :unit");
        Parameters params = Parameters.with("unit", unit.id());
        caller.customerScope().ifPresent(scope -> {
            where.append(" and customerId = :scope");
            params.and("scope", scope);
        });
        if (page.after() != null) {
            where.append(" and contractNo > :after");
            params.and("after", page.after());
        }
        List<ServiceContract> rows = contracts.find(where + " order by contractNo", params).page(0, page.fetchSize()).list();
        return page.page(rows, c -> c.contractNo, c -> ServiceContractView.of(c, unit.serialNo()));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    List<ServiceContract> of(UUID unitId) {
        return contracts.list("unitId", unitId);
    }

    /** A contract of the unit; a customer account reaches only those its own customer signed (404 otherwise). */
    private ServiceContract contract(UnitRecord unit, UUID contractId) {
        return contracts.find("id = ?1 and unitId = ?2", contractId, unit.id()).firstResultOptional()
                .filter(c -> caller.maySee(c.customerId))
                .orElseThrow(() -> ProblemException.notFound("service-contract", contractId));
    }
}
