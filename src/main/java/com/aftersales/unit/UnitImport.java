package com.aftersales.unit;

import com.aftersales.customer.CustomerRegistry;
import com.aftersales.shared.audit.AuditTrail;
import com.aftersales.shared.error.ProblemException;
import com.aftersales.shared.error.ProblemException.Issue;
import com.aftersales.shared.security.Caller;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.Session;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Imports the delivered-units CSV that sales sends after each delivery (UTF-8, Chinese or English headers).
 * All or nothing: every bad row is reported with its line number; only a clean file is written, in one
 * set-based INSERT (with its audit rows) rather than row by row.
 */
@ApplicationScoped
public class UnitImport {

    /** The result of a successful import. */
    @RegisterForReflection
    public record Result(int imported) {
    }

    enum Column {
        SERIAL_NO("serialNo", true, "serialno", "serial_no", "serial", "钢印号"),
        PRODUCT_MODEL("productModel", true, "productmodel", "product_model", "model", "产品型号", "型号"),
        PRODUCT_LINE("productLine", true, "productline", "product_line", "产品线", "产品类别"),
        PROJECT_CODE("projectCode", false, "projectcode", "project_code", "项目编号", "开发项目"),
        PRODUCTION_DATE("productionDate", false, "productiondate", "production_date", "生产日期"),
        BATCH_NO("batchNo", false, "batchno", "batch_no", "batch", "批次", "批次号"),
        CUSTOMER_CODE("customerCode", true, "customercode", "customer_code", "customer", "客户代码", "客户编码"),
        END_CUSTOMER("endCustomer", false, "endcustomer", "end_customer", "终端客户"),
        VIN("vin", false, "vin", "车架号", "vin码"),
        DELIVERY_DATE("deliveryDate", false, "deliverydate", "delivery_date", "交付日期", "发货日期"),
        FIRST_SALE_DATE("firstSaleDate", false, "firstsaledate", "first_sale_date", "首次销售日期");

        final String field;
        final boolean required;
        final Set<String> names;

        Column(String field, boolean required, String... names) {
            this.field = field;
            this.required = required;
            this.names = Set.of(names);
        }

        static Column byHeader(String header) {
            String h = header.strip().toLowerCase(Locale.ROOT);
            for (Column c : values()) {
                if (c.names.contains(h)) {
                    return c;
                }
            }
            return null;
        }
    }

    private record Row(int line, String serialNo, String model, ProductLine productLine, String projectCode,
                       LocalDate productionDate, String batchNo, String customerCode, String endCustomer, String vin,
                       LocalDate deliveryDate, LocalDate firstSaleDate) {
    }

    private static final int MAX_LISTED_ISSUES = 500;
    private static final java.util.regex.Pattern VIN = java.util.regex.Pattern.compile("[A-HJ-NPR-Z0-9]{17}");
    private static final DateTimeFormatter SLASHED = DateTimeFormatter.ofPattern("uuuu/M/d");
    private static final DateTimeFormatter DASHED = DateTimeFormatter.ofPattern("uuuu-M-d");

    private final CsvMapper csv = new CsvMapper();

    @Inject
    EntityManager em;

    @Inject
    Caller caller;

    @Inject
    CustomerRegistry customers;

    @Inject
    AuditTrail audit;

    @ConfigProperty(name = "aftersales.zone")
    ZoneId zone;

    @ConfigProperty(name = "aftersales.units.import.max-rows")
    int maxRows;

    @Transactional
    public Result importCsv(byte[] body) {
        String text = decode(body);
        List<List<String>> records = parse(text);
        if (records.isEmpty()) {
            throw new ProblemException(422, "import_empty");
        }
        if (records.size() - 1 > maxRows) {
            throw new ProblemException(413, "import_too_many_rows", records.size() - 1, maxRows);
        }
        List<Issue> issues = new ArrayList<>();
        Map<Column, Integer> columns = header(records.get(0), issues);
        if (!issues.isEmpty()) {
            throw rejected(issues);
        }
        LocalDate today = LocalDate.now(zone);
        List<Row> rows = new ArrayList<>(records.size());
        Map<String, Integer> firstLine = new HashMap<>();
        for (int i = 1; i < records.size(); i++) {
            List<String> record = records.get(i);
            int line = i + 1;
            if (record.size() == 1 && record.get(0).isBlank()) {
                continue; // blank line, e.g. at the end of the file
            }
            if (record.size() != records.get(0).size()) {
                issues.add(Issue.atLine(line, "*", "import.column_count", record.size(), records.get(0).size()));
                continue;
            }
            Row row = row(line, record, columns, issues);
            if (row == null) {
                continue;
            }
            issues.addAll(UnitRules.check(line, row.serialNo, row.productionDate, row.deliveryDate, row.firstSaleDate, today));
            Integer earlier = firstLine.putIfAbsent(row.serialNo, line);
            if (earlier != null) {
                issues.add(Issue.atLine(line, "serialNo", "import.duplicate_in_file", row.serialNo, earlier));
            }
            rows.add(row);
        }
        if (rows.isEmpty() && issues.isEmpty()) {
            throw new ProblemException(422, "import_empty");
        }
        Map<String, UUID> customerIds = customers.idsByCode(rows.stream().map(r -> r.customerCode)
                .filter(java.util.Objects::nonNull).collect(java.util.stream.Collectors.toSet()));
        em.unwrap(Session.class).doWork(c -> lookups(c, rows, customerIds, issues));
        if (!issues.isEmpty()) {
            throw rejected(issues);
        }
        return new Result(insert(rows, customerIds));
    }

    private static ProblemException rejected(List<Issue> issues) {
        issues.sort(java.util.Comparator.comparing((Issue i) -> i.line() == null ? 0 : i.line()));
        List<Issue> listed = issues.size() > MAX_LISTED_ISSUES ? issues.subList(0, MAX_LISTED_ISSUES) : issues;
        return new ProblemException(422, "import_rejected", List.copyOf(listed), issues.size())
                .with("totalErrors", issues.size());
    }

    private static String decode(byte[] body) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
            // Gateways pass text bodies as text: bytes that were not UTF-8 arrive as U+FFFD replacement characters.
            if (text.indexOf('\uFFFD') >= 0) {
                throw new ProblemException(415, "import_not_utf8");
            }
            return text.startsWith("\uFEFF") ? text.substring(1) : text; // Excel writes a BOM
        } catch (CharacterCodingException e) {
            throw new ProblemException(415, "import_not_utf8");
        }
    }

    private List<List<String>> parse(String text) {
        try (MappingIterator<List<String>> it = csv.readerForListOf(String.class)
                .with(CsvParser.Feature.WRAP_AS_ARRAY)
                .readValues(text)) {
            List<List<String>> records = new ArrayList<>();
            while (it.hasNextValue()) {
                records.add(it.nextValue());
                if (records.size() > maxRows + 2) {
                    throw new ProblemException(413, "import_too_many_rows", "> " + maxRows, maxRows);
                }
            }
            return records;
        } catch (IOException | RuntimeException e) {
            if (e instanceof ProblemException p) {
                throw p;
            }
            throw new ProblemException(400, "import_unreadable");
        }
    }

    private static Map<Column, Integer> header(List<String> header, List<Issue> issues) {
        Map<Column, Integer> columns = new EnumMap<>(Column.class);
        for (int i = 0; i < header.size(); i++) {
            Column c = Column.byHeader(header.get(i));
            if (c == null) {
                issues.add(Issue.atLine(1, header.get(i), "import.unknown_column"));
            } else if (columns.putIfAbsent(c, i) != null) {
                issues.add(Issue.atLine(1, header.get(i), "import.repeated_column"));
            }
        }
        for (Column c : Column.values()) {
            if (c.required && !columns.containsKey(c)) {
                issues.add(Issue.atLine(1, c.field, "import.missing_column"));
            }
        }
        return columns;
    }

    private static Row row(int line, List<String> record, Map<Column, Integer> columns, List<Issue> issues) {
        int before = issues.size();
        String serial = SerialNumbers.normalise(value(record, columns, Column.SERIAL_NO));
        String model = value(record, columns, Column.PRODUCT_MODEL);
        String lineText = value(record, columns, Column.PRODUCT_LINE);
        String customer = value(record, columns, Column.CUSTOMER_CODE);
        for (var required : List.of(Map.entry(Column.SERIAL_NO, nz(serial)), Map.entry(Column.PRODUCT_MODEL, nz(model)),
                Map.entry(Column.PRODUCT_LINE, nz(lineText)), Map.entry(Column.CUSTOMER_CODE, nz(customer)))) {
            if (required.getValue().isEmpty()) {
                issues.add(Issue.atLine(line, required.getKey().field, "validation.required"));
            }
        }
        ProductLine productLine = null;
        if (lineText != null) {
            productLine = ProductLine.parse(lineText).orElse(null);
            if (productLine == null) {
                issues.add(Issue.atLine(line, Column.PRODUCT_LINE.field, "validation.one_of",
                        "COMMERCIAL_VEHICLE/商用车, PASSENGER_CAR/乘用车, MICRO_CAR/微车, SYSTEM/系统"));
            }
        }
        String vin = value(record, columns, Column.VIN);
        if (vin != null) {
            vin = vin.toUpperCase(Locale.ROOT);
            if (!VIN.matcher(vin).matches()) {
                issues.add(Issue.atLine(line, Column.VIN.field, "aftersales.vin.text"));
            }
        }
        LocalDate production = date(line, record, columns, Column.PRODUCTION_DATE, issues);
        LocalDate delivery = date(line, record, columns, Column.DELIVERY_DATE, issues);
        LocalDate firstSale = date(line, record, columns, Column.FIRST_SALE_DATE, issues);
        String project = value(record, columns, Column.PROJECT_CODE);
        String batch = value(record, columns, Column.BATCH_NO);
        String endCustomer = value(record, columns, Column.END_CUSTOMER);
        tooLong(line, Column.PRODUCT_MODEL, model, 100, issues);
        tooLong(line, Column.PROJECT_CODE, project, 60, issues);
        tooLong(line, Column.BATCH_NO, batch, 60, issues);
        tooLong(line, Column.END_CUSTOMER, endCustomer, 200, issues);
        if (issues.size() > before && (serial == null || serial.isEmpty())) {
            return null;
        }
        return new Row(line, serial, model, productLine, project, production, batch,
                customer == null ? null : customer.toUpperCase(Locale.ROOT), endCustomer, vin, delivery, firstSale);
    }

    private static void tooLong(int line, Column column, String value, int max, List<Issue> issues) {
        if (value != null && value.length() > max) {
            issues.add(Issue.atLine(line, column.field, "validation.max_length", max));
        }
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static String value(List<String> record, Map<Column, Integer> columns, Column column) {
        Integer index = columns.get(column);
        if (index == null) {
            return null;
        }
        String v = record.get(index).strip();
        return v.isEmpty() ? null : v;
    }

    private static LocalDate date(int line, List<String> record, Map<Column, Integer> columns, Column column,
                                  List<Issue> issues) {
        String v = value(record, columns, column);
        if (v == null) {
            return null;
        }
        try {
            return LocalDate.parse(v, v.contains("/") ? SLASHED : DASHED);
        } catch (DateTimeParseException e) {
            issues.add(Issue.atLine(line, column.field, "validation.date"));
            return null;
        }
    }

    /** One query for existing serials; the customer codes were looked up in one more (by the customer area). */
    private void lookups(Connection c, List<Row> rows, Map<String, UUID> customerIds, List<Issue> issues)
            throws java.sql.SQLException {
        Map<String, Integer> lineOf = new HashMap<>();
        for (Row row : rows) {
            lineOf.putIfAbsent(row.serialNo, row.line);
        }
        try (PreparedStatement existing = c.prepareStatement("select serial_no from unit where serial_no = any(?)")) {
            existing.setArray(1, c.createArrayOf("text", lineOf.keySet().toArray()));
            try (ResultSet rs = existing.executeQuery()) {
                while (rs.next()) {
                    String serial = rs.getString(1);
                    issues.add(Issue.atLine(lineOf.get(serial), "serialNo", "import.serial_exists", serial));
                }
            }
        }
        var scope = caller.customerScope();
        for (Row row : rows) {
            if (row.customerCode == null) {
                continue;
            }
            UUID id = customerIds.get(row.customerCode);
            if (id == null || scope.isPresent() && !scope.get().equals(id)) {
                issues.add(Issue.atLine(row.line, "customerCode", "import.unknown_customer", row.customerCode));
            }
        }
    }

    /** The units and their audit rows in one statement (the audit trail composes it around the insert). */
    private int insert(List<Row> rows, Map<String, UUID> customerIds) {
        int n = rows.size();
        String[][] cols = new String[11][n];
        for (int i = 0; i < n; i++) {
            Row r = rows.get(i);
            cols[0][i] = r.serialNo;
            cols[1][i] = r.model;
            cols[2][i] = r.productLine.name();
            cols[3][i] = r.projectCode;
            cols[4][i] = r.productionDate == null ? null : r.productionDate.toString();
            cols[5][i] = r.batchNo;
            cols[6][i] = java.util.Objects.toString(customerIds.get(r.customerCode), null);
            cols[7][i] = r.endCustomer;
            cols[8][i] = r.vin;
            cols[9][i] = r.deliveryDate == null ? null : r.deliveryDate.toString();
            cols[10][i] = r.firstSaleDate == null ? null : r.firstSaleDate.toString();
        }
        return audit.recordAll(new AuditTrail.AuditQuery("""
                rows as (
                    select * from unnest(cast(?1 as text[]), cast(?2 as text[]), cast(?3 as text[]), cast(?4 as text[]),
                                         cast(?5 as text[]), cast(?6 as text[]), cast(?7 as text[]), cast(?8 as text[]),
                                         cast(?9 as text[]), cast(?10 as text[]), cast(?11 as text[]))
                        as r(serial_no, product_model, product_line, project_code, production_date, batch_no,
                             customer_id, end_customer, vin, delivery_date, first_sale_date)
                ), ins as (
                    insert into unit (id, serial_no, product_model, product_line, project_code, production_date, batch_no,
                                      customer_id, end_customer, vin, delivery_date, first_sale_date)
                    select gen_random_uuid(), serial_no, product_model, product_line, project_code, production_date::date,
                           batch_no, customer_id::uuid, end_customer, vin, delivery_date::date, first_sale_date::date
                    from rows
                    returning *
                )""", """
                select 'IMPORT' as action, 'unit' as entity_type, ins.serial_no as entity_id,
                       jsonb_build_object('serialNo', serial_no, 'productModel', product_model, 'productLine', product_line,
                                          'projectCode', project_code, 'productionDate', production_date,
                                          'batchNo', batch_no, 'customerId', customer_id, 'endCustomer', end_customer,
                                          'vin', vin, 'deliveryDate', delivery_date, 'firstSaleDate', first_sale_date,
                                          'version', version) as after_state
                from ins"""), (Object[]) cols);
    }
}
