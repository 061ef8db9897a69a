package com.aftersales.cases;

import com.aftersales.shared.error.Messages;
import com.aftersales.shared.error.ProblemException;
import com.aftersales.shared.security.Caller;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** Finds cases the caller may see and renders them; a customer account sees only its own (others are 404). */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class CaseBook implements PanacheRepositoryBase<ServiceCase, UUID> {

    static final String AUDIT_TYPE = "case";

    @Inject
    Caller caller;

    @Inject
    CaseUnits caseUnits;

    @Inject
    Clock clock;

    public ServiceCase visible(UUID id, LockModeType lock) {
        return findByIdOptional(id, lock)
                .filter(c -> caller.maySee(c.customerId))
                .orElseThrow(() -> ProblemException.notFound("case", id));
    }

    public CaseView view(ServiceCase c, Locale locale) {
        return views(List.of(c), locale).get(0);
    }

    /** Views of several cases with two more queries in all (their units, the cases they may duplicate). */
    public List<CaseView> views(List<ServiceCase> cases, Locale locale) {
        if (cases.isEmpty()) {
            return List.of();
        }
        List<UUID> ids = cases.stream().map(c -> c.id).toList();
        Map<UUID, List<CaseUnit>> units = caseUnits.list("caseId in ?1 order by serialNo", ids).stream()
                .collect(Collectors.groupingBy(u -> u.caseId));
        List<UUID> duplicateIds = cases.stream().map(c -> c.duplicateOf).filter(java.util.Objects::nonNull).toList();
        Map<UUID, String> caseNos = new HashMap<>();
        if (!duplicateIds.isEmpty()) {
            list("id in ?1", duplicateIds).forEach(d -> caseNos.put(d.id, d.caseNo));
        }
        boolean internal = !caller.isCustomerAccount();
        OffsetDateTime now = OffsetDateTime.now(clock);
        List<CaseView> views = new ArrayList<>(cases.size());
        for (ServiceCase c : cases) {
            CaseView.PossibleDuplicate duplicate = null;
            if (internal && c.duplicateOf != null) {
                String caseNo = caseNos.get(c.duplicateOf);
                duplicate = new CaseView.PossibleDuplicate(c.duplicateOf, caseNo, c.duplicateSerial, c.duplicateSimilarity,
                        Messages.text(locale, "cases.possible_duplicate", c.duplicateSerial, caseNo, c.duplicateSimilarity));
            }
            List<CaseView.UnitEntitlement> unitViews = units.getOrDefault(c.id, List.of()).stream()
                    .map(u -> new CaseView.UnitEntitlement(u.serialNo, u.mileageKm, u.operatingHours, u.regime, u.validUntil,
                            u.decidedByKind, u.decidedById, u.decidedByRef, reason(u, locale)))
                    .toList();
            views.add(new CaseView(c.id, c.caseNo, c.type, c.status, List.copyOf(c.status.next()), c.severity, c.customerId,
                    c.productLine, c.title, c.description, c.failureDate,
                    new OpenCaseRequest.Reporter(c.reporterName, c.reporterPhone, c.reporterEmail), c.channel,
                    c.ownerRole, internal ? c.ownerPerson : null, c.major, internal ? c.majorReason : null,
                    internal ? c.actionPlan : null, c.approvalStatus, c.firstResponseDue, c.resolutionDue,
                    c.firstRespondedAt, c.resolvedAt, c.closedAt, overdue(c, now), c.reopenCount, duplicate, unitViews,
                    internal ? c.createdBy : null, c.version, c.createdAt, c.updatedAt));
        }
        return views;
    }

    static boolean overdue(ServiceCase c, OffsetDateTime now) {
        return c.status.isOpen() && (c.resolutionDue.isBefore(now)
                || c.firstRespondedAt == null && c.firstResponseDue.isBefore(now));
    }

    private static String reason(CaseUnit u, Locale locale) {
        String separator = "en".equals(locale.getLanguage()) ? "; " : "；";
        return u.reasons.stream()
                .map(r -> Messages.text(locale, "entitlement." + r.code(), r.args().toArray()))
                .collect(Collectors.joining(separator));
    }

    List<ServiceCase> byIds(Collection<UUID> ids) {
        return list("id in ?1", ids);
    }
}
