package com.aftersales.ledger;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import com.aftersales.AftersalesConfig;
import com.aftersales.cases.CaseType;
import com.aftersales.cases.HistoricalCases;
import com.aftersales.cases.Severity;
import com.aftersales.customer.CustomerRegistry;
import com.aftersales.returns.HistoricalReturns;
import com.aftersales.shared.audit.AuditTrail;
import com.aftersales.shared.error.ProblemException.Issue;
import com.aftersales.shared.upload.Upload;
import com.aftersales.shared.upload.UploadRow;
import com.aftersales.unit.SerialNo;
import com.aftersales.unit.UnitRecord;
import com.aftersales.unit.UnitRegistry;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static com.aftersales.ledger.LedgerColumns.CASE_NO;
import static com.aftersales.ledger.LedgerColumns.CLOSED_AT;
import static com.aftersales.ledger.LedgerColumns.COST;
import static com.aftersales.ledger.LedgerColumns.CUSTOMER_CODE;
import static com.aftersales.ledger.LedgerColumns.DESCRIPTION;
import static com.aftersales.ledger.LedgerColumns.EIGHT_D_NO;
import static com.aftersales.ledger.LedgerColumns.FAILURE_DATE;
import static com.aftersales.ledger.LedgerColumns.FIRST_RESPONSE_AT;
import static com.aftersales.ledger.LedgerColumns.RECEIVED_AT;
import static com.aftersales.ledger.LedgerColumns.RETURN_NO;
import static com.aftersales.ledger.LedgerColumns.SERIALS;
import static com.aftersales.ledger.LedgerColumns.SEVERITY;
import static com.aftersales.ledger.LedgerColumns.TYPE;
import static com.aftersales.ledger.LedgerColumns.VERDICT;

/**
 * Imports the quality center's historical ledgers (客诉台帐 and the returns ledger, one template) from a workbook or CSV,
 * all or nothing: every row a closed case with its type, dates of receipt, first response and closure, units, cost,
 * return with its verdict, and 8D report number; every bad row (an unknown serial, a closure before the receipt…) an
 * issue at its line. Keyed by the ledger's case number, which becomes the case number: a row whose number is a case
 * already (imported before, or a live case of an exported ledger) is skipped, so a re-import doubles nothing.
 */
@ApplicationScoped
public class LedgerImport {

    /** What an import did: cases written, rows skipped because their number is a case already (the first 100 listed). */
    @RegisterForReflection
    @Schema(name = "LedgerImportResult")
    public record Result(int imported, int skipped, List<String> skippedCaseNos) {
    }

    private static final Pattern SERIAL_SEPARATORS = Pattern.compile("[、,，;；/\\s]+");
    private static final Map<String, CaseType> TYPES = Map.of("投诉", CaseType.COMPLAINT, "抱怨", CaseType.GRIEVANCE,
            "索赔", CaseType.CLAIM, "退换货", CaseType.RETURN_EXCHANGE, "维修", CaseType.REPAIR);
    private static final Map<String, Severity> SEVERITIES = Map.of("低", Severity.LOW, "中", Severity.MEDIUM,
            "高", Severity.HIGH, "紧急", Severity.CRITICAL);
    private static final Map<String, HistoricalReturns.Verdict> VERDICTS = Map.of("NTF", HistoricalReturns.Verdict.NTF,
            "未发现故障", HistoricalReturns.Verdict.NTF, "DEFECT_CONFIRMED", HistoricalReturns.Verdict.DEFECT_CONFIRMED,
            "故障确认", HistoricalReturns.Verdict.DEFECT_CONFIRMED, "确认故障", HistoricalReturns.Verdict.DEFECT_CONFIRMED);

    private record Row(int line, String caseNo, CaseType type, Severity severity, String customerCode, List<String> serials,
                       String description, LocalDate failureDate, OffsetDateTime receivedAt, OffsetDateTime firstRespondedAt,
                       OffsetDateTime closedAt, BigDecimal cost, String returnNo, HistoricalReturns.Verdict verdict,
                       String eightDNo) {
    }

    @Inject
    HistoricalCases cases;

    @Inject
    HistoricalReturns returns;

    @Inject
    UnitRegistry units;

    @Inject
    CustomerRegistry customers;

    @Inject
    AuditTrail audit;

    @Inject
    AftersalesConfig config;

    @Inject
    Clock clock;

    @Transactional
    public Result importLedger(byte[] body) {
        Upload upload = Upload.read(body, LedgerColumns.COLUMNS, config.ledger().importing().maxRows());
        List<Issue> issues = upload.issues();
        Map<String, Integer> firstLine = new HashMap<>();
        List<UploadRow> cells = upload.rows();
        Set<String> existing = cases.existing(cells.stream().map(r -> r.text(CASE_NO)).filter(n -> n != null).toList());
        List<Row> rows = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (UploadRow r : cells) {
            String caseNo = r.text(CASE_NO, 40);
            r.required(CASE_NO, caseNo);
            if (caseNo != null) {
                Integer earlier = firstLine.putIfAbsent(caseNo, r.line());
                if (earlier != null) {
                    r.issue(CASE_NO, "ledger.duplicate_in_file", caseNo, earlier);
                    continue;
                }
                if (existing.contains(caseNo)) {
                    skipped.add(caseNo);
                    continue;
                }
            }
            Row row = row(r, caseNo);
            if (row != null) {
                rows.add(row);
            }
        }
        Map<String, UUID> customerIds = customers.idsByCode(rows.stream().map(Row::customerCode).collect(Collectors.toSet()));
        Map<String, UnitRecord> unitsBySerial = new HashMap<>();
        units.bySerials(rows.stream().flatMap(r -> r.serials().stream()).distinct().toList())
                .forEach(u -> unitsBySerial.put(u.serialNo(), u));
        Set<String> takenReturnNos = returns.existing(rows.stream().map(Row::returnNo).filter(n -> n != null).toList());
        Map<String, Integer> returnNoLine = new HashMap<>();
        List<HistoricalCases.Historical> toWrite = new ArrayList<>();
        Map<String, Row> byCaseNo = new LinkedHashMap<>();
        for (Row row : rows) {
            UUID customerId = customerIds.get(row.customerCode());
            if (customerId == null) {
                issues.add(Issue.atLine(row.line(), CUSTOMER_CODE.field(), "import.unknown_customer", row.customerCode()));
            }
            List<UnitRecord> found = new ArrayList<>();
            for (String serial : row.serials()) {
                UnitRecord unit = unitsBySerial.get(serial);
                if (unit == null || customerId != null && !unit.customerId().equals(customerId)) {
                    issues.add(Issue.atLine(row.line(), SERIALS.field(), "ledger.unknown_serial", serial, row.customerCode()));
                } else if (unit.replacedOn() != null && row.failureDate() != null && row.failureDate().isAfter(unit.replacedOn())) {
                    // As at intake: a replaced unit left the field, a later failure is its replacement's.
                    issues.add(Issue.atLine(row.line(), SERIALS.field(), "cases.unit_replaced", serial, unit.replacedOn(),
                            unit.replacedBy()));
                } else {
                    found.add(unit);
                }
            }
            if (row.returnNo() != null) {
                Integer earlier = returnNoLine.putIfAbsent(row.returnNo(), row.line());
                if (earlier != null || takenReturnNos.contains(row.returnNo())) {
                    issues.add(Issue.atLine(row.line(), RETURN_NO.field(), "ledger.return_no_taken", row.returnNo()));
                }
            }
            if (customerId != null && found.size() == row.serials().size()) {
                toWrite.add(new HistoricalCases.Historical(row.caseNo(), row.type(), row.severity(), customerId, found,
                        row.description(), row.failureDate(), row.receivedAt(), row.firstRespondedAt(), row.closedAt(),
                        row.cost(), row.eightDNo()));
                byCaseNo.put(row.caseNo(), row);
            }
        }
        upload.rejectIfIssues();
        Map<String, UUID> ids = cases.write(toWrite);
        List<HistoricalReturns.Historical> returned = new ArrayList<>();
        for (HistoricalCases.Historical h : toWrite) {
            Row row = byCaseNo.get(h.caseNo());
            if (row.returnNo() != null || row.verdict() != null) {
                returned.add(new HistoricalReturns.Historical(ids.get(h.caseNo()),
                        row.returnNo() != null ? row.returnNo() : h.caseNo() + "-TH", h.units(), row.verdict(), row.closedAt(),
                        row.closedAt()));
            }
        }
        returns.write(returned);
        Result result = new Result(toWrite.size(), skipped.size(), List.copyOf(skipped.subList(0, Math.min(100, skipped.size()))));
        audit.record("ledger", "import", "IMPORT", null, Map.of("imported", result.imported(), "skipped", result.skipped(),
                "caseNos", List.copyOf(ids.keySet())));
        return result;
    }

    /** The row's cells read and checked on their own; null when nothing more can be checked. */
    private Row row(UploadRow r, String caseNo) {
        // The complaint ledger's five types; a service request (SERVICE) is not a ledger row.
        CaseType type = r.oneOf(TYPE, v -> parse(v, TYPES, TYPES.values().toArray(CaseType[]::new)), "投诉/COMPLAINT, 抱怨/GRIEVANCE, 索赔/CLAIM, "
                + "退换货/RETURN_EXCHANGE, 维修/REPAIR");
        r.required(TYPE, r.text(TYPE));
        Severity severity = r.oneOf(SEVERITY, v -> parse(v, SEVERITIES, Severity.values()), "低/LOW, 中/MEDIUM, 高/HIGH, 紧急/CRITICAL");
        String customer = r.text(CUSTOMER_CODE);
        r.required(CUSTOMER_CODE, customer);
        String serialText = r.text(SERIALS);
        // A complaint or grievance about the service itself may name no unit, as a live one may.
        if (type == null || !type.mayHaveNoUnit()) {
            r.required(SERIALS, serialText);
        }
        List<String> serials = serialText == null ? List.of() : SERIAL_SEPARATORS.splitAsStream(serialText)
                .filter(s -> !s.isEmpty()).map(s -> SerialNo.of(s).value()).distinct().toList();
        String description = r.text(DESCRIPTION, 4000);
        r.required(DESCRIPTION, description);
        LocalDate failure = r.date(FAILURE_DATE);
        OffsetDateTime received = at(r.dateTime(RECEIVED_AT));
        r.required(RECEIVED_AT, r.text(RECEIVED_AT));
        OffsetDateTime responded = at(r.dateTime(FIRST_RESPONSE_AT));
        OffsetDateTime closed = at(r.dateTime(CLOSED_AT));
        r.required(CLOSED_AT, r.text(CLOSED_AT));
        BigDecimal cost = amount(r);
        String returnNo = r.text(RETURN_NO, 40);
        HistoricalReturns.Verdict verdict = r.oneOf(VERDICT, v -> parse(v, VERDICTS, HistoricalReturns.Verdict.values()),
                "NTF/未发现故障, DEFECT_CONFIRMED/故障确认");
        String eightD = r.text(EIGHT_D_NO, 60);
        if (serialText == null && (returnNo != null || verdict != null)) {
            r.required(SERIALS, null); // a returned unit is a unit of the case
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        if (received != null && closed != null) {
            if (closed.isBefore(received)) {
                r.issue(CLOSED_AT, "ledger.before_receipt");
            } else if (closed.isAfter(now)) {
                r.issue(CLOSED_AT, "ledger.in_future");
            }
            if (responded != null && (responded.isBefore(received) || responded.isAfter(closed))) {
                r.issue(FIRST_RESPONSE_AT, "ledger.response_outside");
            }
        }
        LocalDate receivedDay = received == null ? null : received.atZoneSameInstant(clock.getZone()).toLocalDate();
        if (failure != null && receivedDay != null && failure.isAfter(receivedDay)) {
            r.issue(FAILURE_DATE, "ledger.failure_after_receipt");
        }
        if (r.hasIssues()) {
            return null;
        }
        return new Row(r.line(), caseNo, type, severity == null ? Severity.MEDIUM : severity, customer, serials, description,
                failure == null ? receivedDay : failure, received, responded, closed, cost, returnNo, verdict, eightD);
    }

    private BigDecimal amount(UploadRow r) {
        String text = r.text(COST);
        if (text == null) {
            return null;
        }
        try {
            BigDecimal value = new BigDecimal(text.replace(",", "").replace("，", "").replace("¥", "").replace("￥", "").strip());
            if (value.signum() < 0 || value.stripTrailingZeros().scale() > 2 || value.compareTo(new BigDecimal("999999999999")) > 0) {
                r.issue(COST, "ledger.amount");
                return null;
            }
            return value.setScale(2);
        } catch (NumberFormatException e) {
            r.issue(COST, "ledger.amount");
            return null;
        }
    }

    private OffsetDateTime at(LocalDateTime local) {
        return local == null ? null : local.atZone(clock.getZone()).toOffsetDateTime();
    }

    private static <E extends Enum<E>> Optional<E> parse(String text, Map<String, E> chinese, E[] values) {
        E byName = chinese.get(text.strip());
        if (byName != null) {
            return Optional.of(byName);
        }
        String name = text.strip().toUpperCase(Locale.ROOT);
        for (E value : values) {
            if (value.name().equals(name)) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }
}
