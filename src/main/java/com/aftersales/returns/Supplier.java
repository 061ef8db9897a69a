package com.aftersales.returns;

import com.aftersales.customer.Contact;
import com.aftersales.shared.persistence.Versioned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A supplier of purchased parts: what a purchased-part verdict names and a debit note is raised against. */
@Entity
@Table(name = "supplier")
public class Supplier extends Versioned {

    @Id
    public UUID id;

    @Column(nullable = false, unique = true)
    public String code;

    @Column(nullable = false)
    public String name;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public List<Contact> contacts = new ArrayList<>();

    /** An inactive supplier stays on past verdicts and debit notes; no new verdict names it. */
    @Column(nullable = false)
    public boolean active = true;
}
