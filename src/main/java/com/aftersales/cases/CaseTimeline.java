package com.aftersales.cases;

import com.aftersales.shared.error.Messages;
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
        CaseEvent event = event(caseId, kind, from, to, text, visibility);
        events.persist(event);
        return event;
    }

    private CaseEvent event(UUID caseId, CaseEvent.Kind kind, CaseStatus from, CaseStatus to, String text,
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
        return event;
    }

    /**
     * A note for staff on the case's timeline (the case owner sees what another area did about the case), as a message
     * key and its arguments: stored with its zh-CN text (the working language) and read in each reader's language.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void addInternalNote(UUID caseId, String key, Object... args) {
        recordKeyed(caseId, CaseEvent.Kind.NOTE, CaseEvent.Visibility.INTERNAL, key, args);
    }

    /** An event whose text is a message key and its arguments (stored in zh-CN, read in each reader's language). */
    @Transactional(Transactional.TxType.MANDATORY)
    void recordKeyed(UUID caseId, CaseEvent.Kind kind, CaseEvent.Visibility visibility, String key, Object... args) {
        CaseEvent event = event(caseId, kind, null, null, Messages.text(Messages.ZH, key, args), visibility);
        // Set before the insert (an identity key inserts at once; the columns are not updatable).
        event.textKey = key;
        event.textArgs = java.util.Arrays.stream(args).map(String::valueOf).toList();
        events.persist(event);
    }
}
