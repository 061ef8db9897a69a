package com.aftersales.cases;

import com.aftersales.shared.error.Messages;
import com.aftersales.shared.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Renders cases as the API shows them (and the audit trail records them): what a customer account may not see is left
 * out.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
class CaseViews {

    static final String AUDIT_TYPE = "case";

    @Inject
    Caller caller;

    @Inject
    CaseRepository repository;

    @Inject
    CaseUnits caseUnits;

    @Inject
    Clock clock;

    CaseView of(ServiceCase c, Locale locale) {
        return of(List.of(c), locale).get(0);
    }

    /** Views of several cases with two more queries in all (their units, the cases they may duplicate). */
    List<CaseView> of(List<ServiceCase> cases, Locale locale) {
        if (cases.isEmpty()) {
            return List.of();
        }
        List<UUID> ids = cases.stream().map(c -> c.id).toList();
        Map<UUID, List<CaseUnit>> units = caseUnits.list("caseId in ?1 order by serialNo", ids).stream()
                .collect(Collectors.groupingBy(u -> u.caseId));
        List<UUID> duplicateIds = cases.stream().map(c -> c.duplicateOf).filter(java.util.Objects::nonNull).toList();
        Map<UUID, String> caseNos = new HashMap<>();
        if (!duplicateIds.isEmpty()) {
            repository.list("id in ?1", duplicateIds).forEach(d -> caseNos.put(d.id, d.caseNo));
        }
        boolean internal = caller.isStaff();
        OffsetDateTime now = OffsetDateTime.now(clock);
        List<CaseView> views = new ArrayList<>(cases.size());
        for (ServiceCase c : cases) {
            views.add(render(c, units.getOrDefault(c.id, List.of()), caseNos.get(c.duplicateOf), internal, now, locale));
        }
        return views;
    }

    /** The view of a case just opened, from its units as written and its duplicate's number: no statement. */
    CaseView opened(ServiceCase c, List<CaseUnit> units, String duplicateCaseNo, Locale locale) {
        List<CaseUnit> sorted = units.stream().sorted(Comparator.comparing(u -> u.serialNo)).toList();
        return render(c, sorted, duplicateCaseNo, caller.isStaff(), OffsetDateTime.now(clock), locale);
    }

    private static CaseView render(ServiceCase c, List<CaseUnit> units, String duplicateCaseNo, boolean internal,
                                   OffsetDateTime now, Locale locale) {
        CaseView.PossibleDuplicate duplicate = null;
        if (internal && c.duplicateOf != null) {
            duplicate = new CaseView.PossibleDuplicate(c.duplicateOf, duplicateCaseNo, c.duplicateSerial, c.duplicateSimilarity,
                    Messages.text(locale, "cases.possible_duplicate", c.duplicateSerial, duplicateCaseNo, c.duplicateSimilarity));
        }
        List<CaseView.UnitEntitlement> unitViews = units.stream()
                .map(u -> new CaseView.UnitEntitlement(u.serialNo, u.mileageKm, u.operatingHours, u.regime, u.validUntil,
                        u.decidedByKind, u.decidedById, u.decidedByRef, reason(u, locale)))
                .toList();
        return new CaseView(c.id, c.caseNo, c.type, c.servicePurpose, c.status, List.copyOf(c.status.next()), c.severity, c.customerId,
                c.productLine, c.title, c.description, c.failureDate,
                new OpenCaseRequest.Reporter(c.reporterName, c.reporterPhone, c.reporterEmail), c.channel,
                c.ownerRole, internal ? c.ownerPerson : null, internal ? c.managerRole : null, c.major, internal ? c.majorReason : null,
                internal ? c.actionPlan : null, c.approvalStatus, internal ? c.approvalDecidedBy : null,
                internal ? c.approvalOnBehalfOf : null, c.firstResponseDue, c.resolutionDue,
                c.firstRespondedAt, c.resolvedAt, c.closedAt, overdue(c, now), c.reopenCount, duplicate, unitViews,
                internal ? c.createdBy : null, c.version, c.createdAt, c.updatedAt);
    }

    static boolean overdue(ServiceCase c, OffsetDateTime now) {
        return c.status.isOpen() && (c.resolutionDue.isBefore(now)
                || c.respondedAt == null && c.firstResponseDue.isBefore(now));
    }

    private static String reason(CaseUnit u, Locale locale) {
        String separator = "en".equals(locale.getLanguage()) ? "; " : "；";
        return u.reasons.stream()
                .map(r -> Messages.text(locale, "entitlement." + r.code(), r.args().toArray()))
                .collect(Collectors.joining(separator));
    }
}
