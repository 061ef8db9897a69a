package com.aftersales.recall;

import com.aftersales.AftersalesConfig;
import com.aftersales.shared.error.ProblemException;
import com.aftersales.shared.error.ProblemException.Issue;
import com.aftersales.shared.security.Caller;
import com.aftersales.shared.upload.Column;
import com.aftersales.shared.upload.Columns;
import com.aftersales.shared.upload.Upload;
import com.aftersales.shared.upload.UploadRow;
import com.aftersales.unit.SerialNo;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What a recall has achieved: completion overall, by customer and by model, units still open after N days, the
 * periodic progress report for the authority (JSON and a zh-CN workbook), and the OEM's CSV of remedies.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class RecallProgress {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    @RegisterForReflection
    public record Figures(String group, long affected, long remedied, long exempt, long open, BigDecimal completionRate) {
    }

    @RegisterForReflection
    public record Completion(Figures overall, List<Figures> byCustomer, List<Figures> byModel, int openAfterDays,
                             long openLongerThanThat, List<String> sampleOpenSerials) {
    }

    @RegisterForReflection
    public record Report(String campaignCode, String title, String filingReference, LocalDate periodFrom, LocalDate periodTo,
                         long affected, long notified, long remediedInPeriod, long remediedToDate, long exempt, long open,
                         BigDecimal completionRate) {
    }

    @RegisterForReflection
    public record ImportResult(int updated) {
    }

    @Inject
    EntityManager em;

    @Inject
    Recalls recalls;

    @Inject
    Caller caller;

    @Inject
    com.aftersales.shared.audit.AuditTrail audit;

    @Inject
    Clock clock;

    @Inject
    AftersalesConfig config;

    public Completion completion(UUID id, int openAfterDays) {
        RecallCampaign c = recalls.visible(id);
        UUID scope = caller.customerScope().orElse(null);
        Figures overall = figures(c.id, "'ALL'", scope).get(0);
        List<Figures> byCustomer = figures(c.id, "(select code from customer_name where id = ru.customer_id)", scope);
        List<Figures> byModel = figures(c.id, "ru.product_model", scope);
        String openUnits = "from recall_unit ru join recall_campaign c on c.id = ru.campaign_id "
                + "where ru.campaign_id = ?1 and ru.remedy_status not in ('REMEDIED', 'EXEMPT') "
                + "and c.activated_at < cast(?4 as timestamptz) - make_interval(days => ?2) "
                + "and (cast(?3 as uuid) is null or ru.customer_id = cast(?3 as uuid))";
        String scopeText = scope == null ? null : scope.toString();
        OffsetDateTime now = OffsetDateTime.now(clock);
        long openCount = ((Number) em.createNativeQuery("select count(*) " + openUnits)
                .setParameter(1, c.id).setParameter(2, openAfterDays).setParameter(3, scopeText).setParameter(4, now)
                .getSingleResult()).longValue();
        @SuppressWarnings("unchecked")
        List<String> sample = em.createNativeQuery("select ru.serial_no " + openUnits + " order by ru.serial_no limit 200")
                .setParameter(1, c.id).setParameter(2, openAfterDays).setParameter(3, scopeText).setParameter(4, now)
                .getResultList();
        return new Completion(overall, byCustomer, byModel, openAfterDays, openCount, sample);
    }

    private List<Figures> figures(UUID campaignId, String groupExpression, UUID scope) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select " + groupExpression + " as grp, count(*), "
                        + "count(*) filter (where remedy_status = 'REMEDIED'), count(*) filter (where remedy_status = 'EXEMPT') "
                        + "from recall_unit ru where ru.campaign_id = ?1 "
                        + "and (cast(?2 as uuid) is null or ru.customer_id = cast(?2 as uuid)) group by grp order by grp")
                .setParameter(1, campaignId).setParameter(2, scope == null ? null : scope.toString()).getResultList();
        if (rows.isEmpty()) {
            return List.of(new Figures("ALL", 0, 0, 0, 0, BigDecimal.ZERO.setScale(4)));
        }
        return rows.stream().map(r -> {
            long affected = ((Number) r[1]).longValue();
            long remedied = ((Number) r[2]).longValue();
            long exempt = ((Number) r[3]).longValue();
            return new Figures((String) r[0], affected, remedied, exempt, affected - remedied - exempt, rate(remedied, affected - exempt));
        }).toList();
    }

    /** The progress report of a period (the current quarter by default), for the authority. */
    public Report report(UUID id, LocalDate from, LocalDate to) {
        RecallCampaign c = recalls.staffCampaign(id);
        LocalDate today = LocalDate.now(clock);
        LocalDate start = from != null ? from : today.withDayOfMonth(1).withMonth(((today.getMonthValue() - 1) / 3) * 3 + 1);
        LocalDate end = to != null ? to : start.plusMonths(3).minusDays(1);
        if (end.isBefore(start)) {
            throw ProblemException.badParameter("to", "warranty.to_before_from");
        }
        Object[] r = (Object[]) em.createNativeQuery("""
                        select count(*),
                               count(*) filter (where c.activated_at < cast(?3 as date) + 1),
                               count(*) filter (where ru.remedy_status = 'REMEDIED' and ru.remedy_date between ?2 and ?3),
                               count(*) filter (where ru.remedy_status = 'REMEDIED' and ru.remedy_date <= ?3),
                               count(*) filter (where ru.remedy_status = 'EXEMPT')
                        from recall_unit ru join recall_campaign c on c.id = ru.campaign_id where ru.campaign_id = ?1""")
                .setParameter(1, c.id).setParameter(2, start).setParameter(3, end).getSingleResult();
        long affected = ((Number) r[0]).longValue();
        long notified = ((Number) r[1]).longValue();
        long inPeriod = ((Number) r[2]).longValue();
        long toDate = ((Number) r[3]).longValue();
        long exempt = ((Number) r[4]).longValue();
        return new Report(c.code, c.title, c.filingReference, start, end, affected, notified, inPeriod, toDate, exempt,
                affected - toDate - exempt, rate(toDate, affected - exempt));
    }

    static byte[] workbook(Report r) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            Workbook wb = new Workbook(out, "aftersales", "1.0");
            Worksheet ws = wb.newWorksheet("召回进度报告");
            ws.width(0, 24);
            ws.width(1, 40);
            String[][] rows = {
                    {"召回编号", r.campaignCode()}, {"召回名称", r.title()}, {"备案编号", r.filingReference()},
                    {"报告期间", r.periodFrom() + " 至 " + r.periodTo()}, {"召回数量（台）", String.valueOf(r.affected())},
                    {"已通知数量（台）", String.valueOf(r.notified())}, {"本期完成数量（台）", String.valueOf(r.remediedInPeriod())},
                    {"累计完成数量（台）", String.valueOf(r.remediedToDate())}, {"豁免数量（台）", String.valueOf(r.exempt())},
                    {"未完成数量（台）", String.valueOf(r.open())},
                    {"完成率", r.completionRate().multiply(BigDecimal.valueOf(100)).setScale(2, RoundingMode.HALF_UP) + "%"}};
            ws.value(0, 0, "缺陷汽车产品召回进度报告");
            ws.style(0, 0).bold().fontSize(14).set();
            for (int i = 0; i < rows.length; i++) {
                ws.value(i + 2, 0, rows[i][0]);
                ws.style(i + 2, 0).bold().set();
                ws.value(i + 2, 1, rows[i][1] == null ? "" : rows[i][1]);
            }
            wb.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static final Column SERIAL_NO = Column.required("serialNo", "serial_no", "serial", "钢印号");
    static final Column STATUS = Column.required("status", "状态");
    static final Column DATE = Column.optional("date", "日期", "完成日期");
    static final Column WHERE = Column.optional("where", "地点", "服务站");
    static final Column REASON = Column.optional("reason", "原因");
    // OEM files carry columns of their own: those are ignored.
    static final Columns REMEDY_COLUMNS = Columns.amongOthers(SERIAL_NO, STATUS, DATE, WHERE, REASON);

    /**
     * The OEM's CSV of remedies (serial, status, date[, where, reason]), Chinese or English headers. All or nothing:
     * every bad row is reported with its line; a clean file is applied in one UPDATE … FROM unnest(…).
     */
    @Transactional
    public ImportResult importRemedies(UUID id, long expectedVersion, byte[] body) {
        // The import is a change of the campaign as a whole: it names the version read (If-Match) and makes a new one.
        RecallCampaign c = recalls.lockedActive(id, expectedVersion);
        Upload upload = Upload.read(body, REMEDY_COLUMNS, config.recalls().importing().maxRows());
        List<Issue> issues = upload.issues();
        List<String> serials = new ArrayList<>();
        List<String> statuses = new ArrayList<>();
        List<String> dates = new ArrayList<>();
        List<String> wheres = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (UploadRow row : upload.rows()) {
            int line = row.line();
            SerialNo serialNo = SerialNo.of(row.text(SERIAL_NO));
            String serial = serialNo == null ? null : serialNo.value();
            Recalls.Remedy status = row.requiredOneOf(STATUS, Recalls.Remedy.values());
            LocalDate date = row.date(DATE);
            String reason = row.text(REASON);
            if (status != null) {
                issues.addAll(recalls.remedyIssues(line, "", status, date, reason));
            }
            if (serial == null || serial.isEmpty()) {
                issues.add(Issue.atLine(line, "serialNo", "validation.required"));
            } else if (!seen.add(serial)) {
                issues.add(Issue.atLine(line, "serialNo", "import.duplicate_in_file", serial, "-"));
            }
            serials.add(serial);
            statuses.add(status == null ? null : status.name());
            dates.add(date == null ? null : date.toString());
            wheres.add(row.text(WHERE));
            reasons.add(reason);
            lines.add(line);
        }
        // Serials not in this campaign, in one query.
        @SuppressWarnings("unchecked")
        List<String> known = em.createNativeQuery("select serial_no from recall_unit where campaign_id = ?1 and serial_no = any(?2)")
                .setParameter(1, c.id).setParameter(2, serials.stream().filter(s -> s != null).toArray(String[]::new)).getResultList();
        Set<String> knownSet = new HashSet<>(known);
        for (int i = 0; i < serials.size(); i++) {
            if (serials.get(i) != null && !serials.get(i).isEmpty() && !knownSet.contains(serials.get(i))) {
                issues.add(Issue.atLine(lines.get(i), "serialNo", "recalls.serial_not_in_campaign", serials.get(i)));
            }
        }
        upload.rejectIfIssues();
        int updated = em.createNativeQuery("""
                        update recall_unit ru set remedy_status = v.status, remedy_date = cast(v.day as date), remedy_where = v.place,
                               exempt_reason = v.reason, updated_at = ?7
                        from unnest(cast(?2 as text[]), cast(?3 as text[]), cast(?4 as text[]), cast(?5 as text[]), cast(?6 as text[]))
                             as v(serial, status, day, place, reason)
                        where ru.campaign_id = ?1 and ru.serial_no = v.serial""")
                .setParameter(1, c.id).setParameter(2, serials.toArray(new String[0]))
                .setParameter(3, statuses.toArray(new String[0])).setParameter(4, dates.toArray(new String[0]))
                .setParameter(5, wheres.toArray(new String[0])).setParameter(6, reasons.toArray(new String[0]))
                .setParameter(7, OffsetDateTime.now(clock))
                .executeUpdate();
        audit.record(Recalls.AUDIT_TYPE, c.id, "REMEDY_IMPORT", null, Map.of("updated", updated));
        recalls.newVersion(c);
        return new ImportResult(updated);
    }

    static BigDecimal rate(long part, long whole) {
        return whole <= 0 ? BigDecimal.ZERO.setScale(4)
                : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_UP);
    }
}
