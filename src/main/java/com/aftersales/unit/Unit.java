package com.aftersales.unit;

import com.aftersales.shared.persistence.Versioned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Formula;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/** 产品履历表: the record of one delivered unit, keyed by its steel-stamp number. */
@Entity
@Table(name = "unit")
public class Unit extends Versioned {

    @Id
    public UUID id;

    @Column(name = "serial_no", nullable = false, unique = true, updatable = false)
    public String serialNo;

    @Column(name = "product_model", nullable = false)
    public String productModel;

    @Enumerated(EnumType.STRING)
    @Column(name = "product_line", nullable = false)
    public ProductLine productLine;

    /** Set while the unit belongs to a new-product development project: its after-sales go to the project manager. */
    @Column(name = "project_code")
    public String projectCode;

    @Column(name = "production_date")
    public LocalDate productionDate;

    @Column(name = "batch_no")
    public String batchNo;

    @Column(name = "customer_id", nullable = false)
    public UUID customerId;

    @Column(name = "end_customer")
    public String endCustomer;

    public String vin;

    @Column(name = "delivery_date")
    public LocalDate deliveryDate;

    @Column(name = "first_sale_date")
    public LocalDate firstSaleDate;

    /** The unit this one replaced on a return (disposition REPLACE); null for a unit delivered as itself. */
    @Column(name = "replaces_unit_id", updatable = false)
    public UUID replacesUnitId;

    /** The first unit of a replacement chain: its free warranty is the one this unit inherits. */
    @Column(name = "warranty_origin_unit_id", updatable = false)
    public UUID warrantyOriginUnitId;

    /** Set when the unit was replaced: it is out of the live fleet from {@link #replacedOn} on. */
    @Column(name = "replaced_by_unit_id")
    public UUID replacedByUnitId;

    @Column(name = "replaced_on")
    public LocalDate replacedOn;

    @Column(name = "replaced_at")
    public OffsetDateTime replacedAt;

    @Column(name = "replaced_return_id")
    public UUID replacedReturnId;

    @Formula("(select r.serial_no from unit r where r.id = replaced_by_unit_id)")
    public String replacedBySerialNo;

    @Formula("(select r.serial_no from unit r where r.id = replaces_unit_id)")
    public String replacesSerialNo;

    public UnitStatus status() {
        return replacedOn == null ? UnitStatus.ACTIVE : UnitStatus.REPLACED;
    }
}
