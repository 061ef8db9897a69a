package com.aftersales.cases;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.persistence.EntityManager;

import java.util.UUID;

/** Test helper: moves a case's due times into the past, as if hours had gone by. */
final class SqlClock {

    private SqlClock() {
    }

    static void backdateDueTimes(String caseId, int hours) {
        QuarkusTransaction.requiringNew().run(() -> CDI.current().select(EntityManager.class).get()
                .createNativeQuery("update service_case set first_response_due = first_response_due - make_interval(hours => ?1), "
                        + "resolution_due = resolution_due - make_interval(hours => ?1) where id = ?2")
                .setParameter(1, hours).setParameter(2, UUID.fromString(caseId)).executeUpdate());
    }
}
