package com.aftersales.warranty;

import com.aftersales.AftersalesConfig;
import com.aftersales.shared.audit.AuditTrail;
import com.aftersales.shared.billing.PaymentRequest;
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
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Signs and cancels paid service contracts (保修协议). Active contracts of one unit never overlap. A contract belongs to
 * the customer who signed it (the unit's customer that day): after the unit moves to another customer, a customer
 * account sees only its own customer's contracts of the unit; staff see all of them. Finance invoices the fee once and
 * records its payment once, in full; a contract signed under the payment rule covers its dates only from that day.
 */
@ApplicationScoped
@Transactional
public class ServiceContracts {

    static final String AUDIT_TYPE = "service-contract";

    /** The fee's invoice as finance issued it: its number (发票号) and date. */
    public record ContractInvoiceRequest(
            @NotBlank @Pattern(regexp = "[A-Za-z0-9_/-]{1,40}", message = "{aftersales.invoice.no}") String invoiceNo,
            @NotNull LocalDate invoicedOn) {
    }

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

    @Inject
    AftersalesConfig config;

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
        // The rule in force today stays this contract's rule: a later change of the setting does not flip it.
        contract.activationRule = ActivationRule.valueOf(config.warranty().contractActivation().name());
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
        return change(unit, contract, "CANCEL", () -> {
            contract.status = ServiceContract.Status.CANCELLED;
            contract.cancelReason = request.reason().strip();
        });
    }

    /** The fee's one invoice: dated neither ahead of today nor before the signing; not on a cancelled contract. */
    public ServiceContractView invoice(@NotNull SerialNo serialNo, @NotNull UUID contractId, long expectedVersion,
                                       @NotNull @Valid ContractInvoiceRequest request) {
        UnitRecord unit = units.visible(serialNo, LockModeType.NONE);
        ServiceContract contract = billable(unit, contractId, expectedVersion);
        if (contract.invoiceNo != null) {
            throw new ProblemException(409, "contract_invoiced", contract.contractNo, contract.invoiceNo);
        }
        if (request.invoicedOn().isAfter(LocalDate.now(clock))) {
            throw ProblemException.invalid("invoicedOn", "cases.date_in_future");
        }
        if (request.invoicedOn().isBefore(contract.signedOn)) {
            throw ProblemException.invalid("invoicedOn", "warranty.invoiced_before_signing", contract.signedOn);
        }
        String invoiceNo = request.invoiceNo().strip().toUpperCase(Locale.ROOT);
        if (contracts.count("invoiceNo", invoiceNo) > 0) {
            throw new ProblemException(409, "invoice_no_taken", invoiceNo);
        }
        return change(unit, contract, "INVOICE", () -> {
            contract.invoiceNo = invoiceNo;
            contract.invoicedOn = request.invoicedOn();
        });
    }

    /**
     * The fee's one payment, in full, against its invoice: not dated ahead of today nor before the invoice. Under the
     * payment rule the contract covers its dates from this day on; entitlements frozen on cases before stay as they are.
     */
    public ServiceContractView pay(@NotNull SerialNo serialNo, @NotNull UUID contractId, long expectedVersion,
                                   @NotNull @Valid PaymentRequest request) {
        UnitRecord unit = units.visible(serialNo, LockModeType.NONE);
        ServiceContract contract = billable(unit, contractId, expectedVersion);
        if (contract.paidOn != null) {
            throw new ProblemException(409, "contract_paid", contract.contractNo, contract.paidOn);
        }
        if (contract.invoiceNo == null) {
            throw new ProblemException(409, "contract_not_invoiced", contract.contractNo);
        }
        request.check(LocalDate.now(clock), contract.invoicedOn, contract.feeCny);
        return change(unit, contract, "PAY", () -> {
            contract.paidOn = request.paidOn();
            contract.paidCny = request.amountCny().setScale(2);
            contract.paymentRef = request.paymentRef().strip();
        });
    }

    /** One audited change of a contract: the view before, the change, the flush (the version moves), the view after. */
    private ServiceContractView change(UnitRecord unit, ServiceContract contract, String action, Runnable change) {
        ServiceContractView before = ServiceContractView.of(contract, unit.serialNo());
        change.run();
        contracts.flush();
        ServiceContractView after = ServiceContractView.of(contract, unit.serialNo());
        audit.record(AUDIT_TYPE, contract.id, action, before, after);
        return after;
    }

    private ServiceContract billable(UnitRecord unit, UUID contractId, long expectedVersion) {
        ServiceContract contract = contract(unit, contractId);
        Versions.check(contract.version, expectedVersion);
        if (contract.status == ServiceContract.Status.CANCELLED) {
            throw new ProblemException(409, "contract_cancelled", contract.contractNo);
        }
        return contract;
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
