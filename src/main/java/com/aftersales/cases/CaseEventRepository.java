package com.aftersales.cases;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

/** The case_event rows (the timeline), for {@link CaseTimeline} and the timeline's reader. */
@ApplicationScoped
class CaseEventRepository implements PanacheRepositoryBase<CaseEvent, Long> {
}
