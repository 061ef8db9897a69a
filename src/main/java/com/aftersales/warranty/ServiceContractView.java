package com.aftersales.warranty;

import com.aftersales.shared.billing.BillingStatus;
import com.fasterxml.jackson.annotation.JsonFormat;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

@RegisterForReflection
public record ServiceContractView(UUID id, String serialNo, UUID customerId, String contractNo, LocalDate startDate, LocalDate endDate,
                                  Integer mileageLimitKm,
                                  @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal feeCny,
                                  String coverage, String signedBy, LocalDate signedOn, ServiceContract.Status status,
                                  String cancelReason, ActivationRule activationRule,
                                  BillingStatus billingStatus, String invoiceNo, LocalDate invoicedOn,
                                  LocalDate paidOn, @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal paidCny,
                                  String paymentRef, long version, OffsetDateTime createdAt,
                                  OffsetDateTime updatedAt) {

    static ServiceContractView of(ServiceContract c, String serialNo) {
        return new ServiceContractView(c.id, serialNo, c.customerId, c.contractNo, c.startDate, c.endDate, c.mileageLimitKm,
                c.feeCny.setScale(2), c.coverage, c.signedBy, c.signedOn, c.status, c.cancelReason, c.activationRule,
                c.billingStatus(), c.invoiceNo, c.invoicedOn, c.paidOn, c.paidCny == null ? null : c.paidCny.setScale(2),
                c.paymentRef, c.version,
                c.createdAt, c.updatedAt);
    }
}
