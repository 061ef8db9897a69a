package com.aftersales.customer;

import com.aftersales.shared.persistence.Versioned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A customer: OEM, fleet, dealer or end user. */
@Entity
@Table(name = "customer")
public class Customer extends Versioned {

    @Id
    public UUID id;

    @Column(nullable = false, unique = true)
    public String code;

    @Column(nullable = false)
    public String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public CustomerType type;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public List<Contact> contacts = new ArrayList<>();
}
