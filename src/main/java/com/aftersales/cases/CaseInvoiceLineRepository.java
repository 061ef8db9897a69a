package com.aftersales.cases;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/** The case_invoice_line rows, for {@link CaseInvoices}. */
@ApplicationScoped
class CaseInvoiceLineRepository implements PanacheRepositoryBase<CaseInvoiceLine, UUID> {
}
