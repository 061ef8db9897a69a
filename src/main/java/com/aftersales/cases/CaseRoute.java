package com.aftersales.cases;

import com.aftersales.unit.ProductLine;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.io.Serializable;
import java.util.Objects;

/** One row of the routing table: product line × development stage → owner role. */
@Entity
@Table(name = "case_routing")
@IdClass(CaseRoute.Key.class)
public class CaseRoute {

    public static class Key implements Serializable {
        public ProductLine productLine;
        public boolean inProject;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && productLine == k.productLine && inProject == k.inProject;
        }

        @Override
        public int hashCode() {
            return Objects.hash(productLine, inProject);
        }
    }

    @Id
    @Enumerated(EnumType.STRING)
    @Column(name = "product_line")
    public ProductLine productLine;

    @Id
    @Column(name = "in_project")
    public boolean inProject;

    @Column(name = "owner_role", nullable = false)
    public String ownerRole;

    @Version
    public long version;
}
