package com.aftersales.warranty;

import com.aftersales.shared.billing.BillingStatus;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import com.aftersales.shared.persistence.Versioned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;

/** 保修协议: a paid service contract for one unit, signed by sales after (or before the end of) the free warranty. */
@Entity
@Table(name = "service_contract")
public class ServiceContract extends Versioned {

    @Schema(name = "ServiceContractStatus")
    public enum Status { ACTIVE, CANCELLED }

    @Id
    public UUID id;

    @Column(name = "unit_id", nullable = false, updatable = false)
    public UUID unitId;

    /** The customer who signed it: the unit's customer on the day (a unit that changes customer keeps its contracts). */
    @Column(name = "customer_id", nullable = false, updatable = false)
    public UUID customerId;

    @Column(name = "contract_no", nullable = false, unique = true, updatable = false)
    public String contractNo;

    @Column(name = "start_date", nullable = false)
    public LocalDate startDate;

    @Column(name = "end_date", nullable = false)
    public LocalDate endDate;

    @Column(name = "mileage_limit_km")
    public Integer mileageLimitKm;

    /** CNY, exact to the fen. */
    @Column(name = "fee_cny", nullable = false, precision = 14, scale = 2)
    public BigDecimal feeCny;

    @Column(nullable = false)
    public String coverage;

    @Column(name = "signed_by", nullable = false, updatable = false)
    public String signedBy;

    @Column(name = "signed_on", nullable = false)
    public LocalDate signedOn;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @Column(name = "cancel_reason")
    public String cancelReason;

    /** The rule this contract was signed under (a later change of the configuration does not change it). */
    @Enumerated(EnumType.STRING)
    @Column(name = "activation_rule", nullable = false, updatable = false)
    public ActivationRule activationRule;

    /** The fee's invoice (发票号), once. */
    @Column(name = "invoice_no")
    public String invoiceNo;

    @Column(name = "invoiced_on")
    public LocalDate invoicedOn;

    /** The fee's payment, once and in full (no partial payments). */
    @Column(name = "paid_on")
    public LocalDate paidOn;

    @Column(name = "paid_cny", precision = 14, scale = 2)
    public BigDecimal paidCny;

    @Column(name = "payment_ref")
    public String paymentRef;

    BillingStatus billingStatus() {
        return paidOn != null ? BillingStatus.PAID : invoiceNo != null ? BillingStatus.INVOICED : BillingStatus.NOT_INVOICED;
    }

    EntitlementPolicy.Contract facts() {
        return new EntitlementPolicy.Contract(id, contractNo, startDate, endDate, mileageLimitKm, status == Status.ACTIVE,
                activationRule, paidOn);
    }
}
