package com.aftersales.cases;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/** The case_invoice rows, for {@link CaseInvoices}. */
@ApplicationScoped
class CaseInvoiceRepository implements PanacheRepositoryBase<CaseInvoice, UUID> {
}
