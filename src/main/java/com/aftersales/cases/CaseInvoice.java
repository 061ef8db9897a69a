package com.aftersales.cases;

import com.aftersales.shared.billing.BillingStatus;
import com.aftersales.shared.persistence.Versioned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;

/** An invoice of a case's chargeable work (its verified cost lines billed to the customer), paid once and in full. */
@Entity
@Table(name = "case_invoice")
public class CaseInvoice extends Versioned {

    @Id
    public UUID id;

    @Column(name = "case_id", nullable = false, updatable = false)
    public UUID caseId;

    @Column(name = "invoice_no", nullable = false, updatable = false)
    public String invoiceNo;

    @Column(name = "invoiced_on", nullable = false, updatable = false)
    public LocalDate invoicedOn;

    /** The sum of its lines, exact to the fen. */
    @Column(name = "total_cny", nullable = false, updatable = false, precision = 14, scale = 2)
    public BigDecimal totalCny;

    @Column(name = "invoiced_by", nullable = false, updatable = false)
    public String invoicedBy;

    @Column(name = "paid_on")
    public LocalDate paidOn;

    @Column(name = "paid_cny", precision = 14, scale = 2)
    public BigDecimal paidCny;

    @Column(name = "payment_ref")
    public String paymentRef;

    @Column(name = "paid_by")
    public String paidBy;

    BillingStatus status() {
        return paidOn == null ? BillingStatus.INVOICED : BillingStatus.PAID;
    }
}
