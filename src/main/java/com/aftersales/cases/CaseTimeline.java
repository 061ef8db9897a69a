package com.aftersales.cases;

import com.aftersales.shared.security.Caller;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.UUID;

/** Writes the case timeline (transitions, notes, assignments, approvals). */
@ApplicationScoped
public class CaseTimeline implements PanacheRepositoryBase<CaseEvent, Long> {

    @Inject
    Caller caller;

    @Inject
    Clock clock;

    @Transactional(Transactional.TxType.MANDATORY)
    public CaseEvent record(UUID caseId, CaseEvent.Kind kind, CaseStatus from, CaseStatus to, String text,
                            CaseEvent.Visibility visibility) {
        CaseEvent event = new CaseEvent();
        event.caseId = caseId;
        event.occurredAt = OffsetDateTime.now(clock);
        event.actor = caller.subject();
        event.kind = kind;
        event.fromStatus = from;
        event.toStatus = to;
        event.text = text;
        event.visibility = visibility;
        persist(event);
        return event;
    }
}
