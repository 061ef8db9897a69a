package com.aftersales.cases;

import com.aftersales.shared.error.ProblemException;
import com.aftersales.shared.security.Caller;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.util.UUID;

/** The service_case rows; other areas ask {@link CaseReferences}. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
class CaseRepository implements PanacheRepositoryBase<ServiceCase, UUID> {

    @Inject
    Caller caller;

    /** The case if the caller may see it; a customer account sees only its own (others are 404). */
    ServiceCase visible(UUID id, LockModeType lock) {
        return findByIdOptional(id, lock)
                .filter(c -> caller.maySee(c.customerId))
                .orElseThrow(() -> ProblemException.notFound("case", id));
    }
}
