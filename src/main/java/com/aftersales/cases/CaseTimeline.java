package com.aftersales.cases;

import com.aftersales.shared.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.UUID;

/** Writes the case timeline (transitions, notes, assignments, approvals); other areas add internal notes to it. */
@ApplicationScoped
public class CaseTimeline {

    @Inject
    CaseEventRepository events;

    @Inject
    Caller caller;

    @Inject
    Clock clock;

    @Transactional(Transactional.TxType.MANDATORY)
    CaseEvent record(UUID caseId, CaseEvent.Kind kind, CaseStatus from, CaseStatus to, String text,
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
        events.persist(event);
        return event;
    }

    /** A note for staff on the case's timeline (the case owner sees what another area did about the case). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void addInternalNote(UUID caseId, String text) {
        record(caseId, CaseEvent.Kind.NOTE, null, null, text, CaseEvent.Visibility.INTERNAL);
    }
}
