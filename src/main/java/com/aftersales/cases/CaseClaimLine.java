package com.aftersales.cases;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** One claimed amount of a claim by category, its documents (the case's attachments) and what review agreed. */
@Entity
@Table(name = "case_claim_line")
public class CaseClaimLine {

    @Id
    public UUID id;

    @Column(name = "claim_id", nullable = false, updatable = false)
    public UUID claimId;

    @Column(nullable = false)
    public int position;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public CaseClaim.Category category;

    @Column(name = "claimed_cny", nullable = false, precision = 14, scale = 2)
    public BigDecimal claimedCny;

    @Column(nullable = false)
    public String description;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public List<UUID> documents = new ArrayList<>();

    @Column(name = "agreed_cny", precision = 14, scale = 2)
    public BigDecimal agreedCny;

    @Column
    public String reason;
}
