package com.aftersales.cases;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.util.UUID;

/** A cost line on an invoice: keyed by the cost line, so a line is invoiced once; its amount as invoiced. */
@Entity
@Table(name = "case_invoice_line")
public class CaseInvoiceLine {

    @Id
    @Column(name = "cost_id")
    public UUID costId;

    @Column(name = "invoice_id", nullable = false, updatable = false)
    public UUID invoiceId;

    @Column(name = "amount_cny", nullable = false, updatable = false, precision = 14, scale = 2)
    public BigDecimal amountCny;
}
