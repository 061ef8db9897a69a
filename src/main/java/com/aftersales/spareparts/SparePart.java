package com.aftersales.spareparts;

import com.aftersales.shared.persistence.Versioned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.util.UUID;

/** 备品备件: a spare part; wear parts (易损件) are listed per product model. */
@Entity
@Table(name = "spare_part")
public class SparePart extends Versioned {

    @Id
    public UUID id;

    @Column(name = "part_no", nullable = false, updatable = false)
    public String partNo;

    @Column(nullable = false)
    public String name;

    @Column(name = "product_models", nullable = false)
    public String[] productModels = new String[0];

    @Column(name = "unit_of_measure", nullable = false)
    public String unitOfMeasure;

    /** CNY; what a CHARGEABLE case pays for the part. */
    @Column(name = "market_price", nullable = false, precision = 14, scale = 2)
    public BigDecimal marketPrice;

    /** CNY; the company's own cost of the part (标准成本), when known: what an issue to a warranty case costs. */
    @Column(name = "standard_cost", precision = 14, scale = 2)
    public BigDecimal standardCost;

    @Column(name = "wear_part", nullable = false)
    public boolean wearPart;
}
