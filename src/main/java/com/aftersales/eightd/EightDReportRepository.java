package com.aftersales.eightd;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/** The EightDReport rows, for {@link EightDReports}. */
@ApplicationScoped
class EightDReportRepository implements PanacheRepositoryBase<EightDReport, UUID> {
}
