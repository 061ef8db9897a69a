package com.aftersales.cases;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.util.UUID;

/** Due times for a severity; with a customer, it overrides the default for that customer. */
@Entity
@Table(name = "case_sla")
public class CaseSla {

    @Id
    public UUID id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Severity severity;

    @Column(name = "customer_id")
    public UUID customerId;

    @Column(name = "first_response_hours", nullable = false)
    public int firstResponseHours;

    @Column(name = "resolution_hours", nullable = false)
    public int resolutionHours;

    @Version
    public long version;
}
