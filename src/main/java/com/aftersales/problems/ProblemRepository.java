package com.aftersales.problems;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/** The Problem rows, for {@link ProblemLibrary}. */
@ApplicationScoped
class ProblemRepository implements PanacheRepositoryBase<Problem, UUID> {
}
