package com.aftersales.unit;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import com.aftersales.AftersalesConfig;
import com.aftersales.customer.CustomerRegistry;
import com.aftersales.shared.audit.AuditTrail;
import com.aftersales.shared.error.ProblemException.Issue;
import com.aftersales.shared.security.Caller;
import com.aftersales.shared.upload.Column;
import com.aftersales.shared.upload.Columns;
import com.aftersales.shared.upload.Upload;
import com.aftersales.shared.upload.UploadRow;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.hibernate.Session;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Imports the delivered-units CSV that sales sends after each delivery (UTF-8, Chinese or English headers).
 * All or nothing: every bad row is reported with its line number; only a clean file is written, in one
 * set-based INSERT (with its audit rows) rather than row by row.
 */
@ApplicationScoped
public class UnitImport {

    /** The result of a successful import. */
    @RegisterForReflection
    @Schema(name = "UnitImportResult")
    public record Result(int imported) {
    }

    static final Column SERIAL_NO = Column.required("serialNo", "serial_no", "serial", "钢印号");
    static final Column PRODUCT_MODEL = Column.required("productModel", "product_model", "model", "产品型号", "型号");
    static final Column PRODUCT_LINE = Column.required("productLine", "product_line", "产品线", "产品类别");
    static final Column PROJECT_CODE = Column.optional("projectCode", "project_code", "项目编号", "开发项目");
    static final Column PRODUCTION_DATE = Column.optional("productionDate", "production_date", "生产日期");
    static final Column BATCH_NO = Column.optional("batchNo", "batch_no", "batch", "批次", "批次号");
    static final Column CUSTOMER_CODE = Column.required("customerCode", "customer_code", "customer", "客户代码", "客户编码");
    static final Column END_CUSTOMER = Column.optional("endCustomer", "end_customer", "终端客户");
    static final Column VIN = Column.optional("vin", "车架号", "vin码");
    static final Column DELIVERY_DATE = Column.optional("deliveryDate", "delivery_date", "交付日期", "发货日期");
    static final Column FIRST_SALE_DATE = Column.optional("firstSaleDate", "first_sale_date", "首次销售日期");
    /** The versions the unit left the factory with: {@code MCU=1.4.2;APP=2.0.1} (; or ；, = or ＝). */
    static final Column SOFTWARE_VERSIONS = Column.optional("softwareVersions", "software_versions", "软件版本", "软件/固件版本");
    static final Columns COLUMNS = Columns.exactly(SERIAL_NO, PRODUCT_MODEL, PRODUCT_LINE, PROJECT_CODE, PRODUCTION_DATE,
            BATCH_NO, CUSTOMER_CODE, END_CUSTOMER, VIN, DELIVERY_DATE, FIRST_SALE_DATE, SOFTWARE_VERSIONS);

    private record Row(int line, SerialNo serialNo, String model, ProductLine productLine, String projectCode,
                       LocalDate productionDate, String batchNo, String customerCode, String endCustomer, String vin,
                       LocalDate deliveryDate, LocalDate firstSaleDate, Map<String, String> softwareVersions) {
    }

    private static final java.util.regex.Pattern VIN_FORMAT = java.util.regex.Pattern.compile("[A-HJ-NPR-Z0-9]{17}");

    @Inject
    EntityManager em;

    @Inject
    Caller caller;

    @Inject
    CustomerRegistry customers;

    @Inject
    AuditTrail audit;

    @Inject
    AftersalesConfig config;

    @Inject
    Clock clock;

    @Transactional
    public Result importCsv(byte[] body) {
        Upload upload = Upload.read(body, COLUMNS, config.units().importing().maxRows());
        List<Issue> issues = upload.issues();
        LocalDate today = LocalDate.now(clock);
        List<Row> rows = new ArrayList<>(upload.rows().size());
        Map<SerialNo, Integer> firstLine = new HashMap<>();
        for (UploadRow cells : upload.rows()) {
            Row row = row(cells);
            if (row == null) {
                continue;
            }
            int line = row.line;
            issues.addAll(UnitRules.check(line, row.serialNo, row.productionDate, row.deliveryDate, row.firstSaleDate, today));
            Integer earlier = firstLine.putIfAbsent(row.serialNo, line);
            if (earlier != null) {
                issues.add(Issue.atLine(line, "serialNo", "import.duplicate_in_file", row.serialNo, earlier));
            }
            rows.add(row);
        }
        Map<String, UUID> customerIds = customers.idsByCode(rows.stream().map(r -> r.customerCode)
                .filter(Objects::nonNull).collect(Collectors.toSet()));
        em.unwrap(Session.class).doWork(c -> lookups(c, rows, customerIds, issues));
        upload.rejectIfIssues();
        return new Result(insert(rows, customerIds));
    }

    private static Row row(UploadRow cells) {
        SerialNo serial = SerialNo.of(cells.text(SERIAL_NO));
        String model = cells.text(PRODUCT_MODEL);
        String customer = cells.text(CUSTOMER_CODE);
        cells.required(SERIAL_NO, serial == null ? null : serial.value());
        cells.required(PRODUCT_MODEL, model);
        cells.required(PRODUCT_LINE, cells.text(PRODUCT_LINE));
        cells.required(CUSTOMER_CODE, customer);
        ProductLine productLine = cells.oneOf(PRODUCT_LINE, ProductLine::parse,
                "COMMERCIAL_VEHICLE/商用车, PASSENGER_CAR/乘用车, MICRO_CAR/微车, SYSTEM/系统");
        String vin = cells.text(VIN);
        if (vin != null) {
            vin = vin.toUpperCase(Locale.ROOT);
            if (!VIN_FORMAT.matcher(vin).matches()) {
                cells.issue(VIN, "aftersales.vin.text");
            }
        }
        LocalDate production = cells.date(PRODUCTION_DATE);
        LocalDate delivery = cells.date(DELIVERY_DATE);
        LocalDate firstSale = cells.date(FIRST_SALE_DATE);
        cells.maxLength(PRODUCT_MODEL, model, 100);
        String project = cells.text(PROJECT_CODE, 60);
        String batch = cells.text(BATCH_NO, 60);
        String endCustomer = cells.text(END_CUSTOMER, 200);
        Map<String, String> software = softwareVersions(cells);
        if (cells.hasIssues() && (serial == null || serial.value().isEmpty())) {
            return null;
        }
        return new Row(cells.line(), serial, model, productLine, project, production, batch,
                customer == null ? null : customer.toUpperCase(Locale.ROOT), endCustomer, vin, delivery, firstSale, software);
    }

    /** The cell {@code MCU=1.4.2;APP=2.0.1} as component → version, each checked as a registration checks it. */
    private static Map<String, String> softwareVersions(UploadRow cells) {
        Map<String, String> versions = new java.util.LinkedHashMap<>();
        String cell = cells.text(SOFTWARE_VERSIONS);
        if (cell == null) {
            return versions;
        }
        for (String pair : cell.split("[;；]")) {
            if (pair.isBlank()) {
                continue;
            }
            String[] parts = pair.split("[=＝]", -1);
            if (parts.length != 2 || !SoftwareVersion.COMPONENT_PATTERN.matcher(parts[0]).matches()
                    || !SoftwareVersion.VERSION_PATTERN.matcher(parts[1]).matches()) {
                cells.issue(SOFTWARE_VERSIONS, "import.software_versions", pair.strip());
            } else if (versions.putIfAbsent(SoftwareVersion.component(parts[0]), parts[1].strip()) != null) {
                cells.issue(SOFTWARE_VERSIONS, "unit.software_component_twice", SoftwareVersion.component(parts[0]));
            }
        }
        if (versions.size() > 20) {
            cells.issue(SOFTWARE_VERSIONS, "import.software_versions_too_many", 20);
        }
        return versions;
    }

    /** One query for existing serials; the customer codes were looked up in one more (by the customer area). */
    private void lookups(Connection c, List<Row> rows, Map<String, UUID> customerIds, List<Issue> issues)
            throws java.sql.SQLException {
        Map<String, Integer> lineOf = new HashMap<>();
        for (Row row : rows) {
            lineOf.putIfAbsent(row.serialNo.value(), row.line);
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
            cols[0][i] = r.serialNo.value();
            cols[1][i] = r.model;
            cols[2][i] = r.productLine.name();
            cols[3][i] = r.projectCode;
            cols[4][i] = r.productionDate == null ? null : r.productionDate.toString();
            cols[5][i] = r.batchNo;
            cols[6][i] = Objects.toString(customerIds.get(r.customerCode), null);
            cols[7][i] = r.endCustomer;
            cols[8][i] = r.vin;
            cols[9][i] = r.deliveryDate == null ? null : r.deliveryDate.toString();
            cols[10][i] = r.firstSaleDate == null ? null : r.firstSaleDate.toString();
        }
        List<String> swSerials = new ArrayList<>();
        List<String> swComponents = new ArrayList<>();
        List<String> swVersions = new ArrayList<>();
        for (Row r : rows) {
            r.softwareVersions.forEach((component, version) -> {
                swSerials.add(r.serialNo.value());
                swComponents.add(component);
                swVersions.add(version);
            });
        }
        Object[] parameters = new Object[17];
        System.arraycopy(cols, 0, parameters, 0, cols.length);
        parameters[11] = OffsetDateTime.now(clock);
        parameters[12] = swSerials.toArray(new String[0]);
        parameters[13] = swComponents.toArray(new String[0]);
        parameters[14] = swVersions.toArray(new String[0]);
        parameters[15] = Objects.requireNonNullElse(caller.subject(), "system");
        parameters[16] = clock.getZone().getId();
        return audit.recordAll(new AuditTrail.AuditQuery("""
                rows as (
                    select * from unnest(cast(?1 as text[]), cast(?2 as text[]), cast(?3 as text[]), cast(?4 as text[]),
                                         cast(?5 as text[]), cast(?6 as text[]), cast(?7 as text[]), cast(?8 as text[]),
                                         cast(?9 as text[]), cast(?10 as text[]), cast(?11 as text[]))
                        as r(serial_no, product_model, product_line, project_code, production_date, batch_no,
                             customer_id, end_customer, vin, delivery_date, first_sale_date)
                ), ins as (
                    insert into unit (id, serial_no, product_model, product_line, project_code, production_date, batch_no,
                                      customer_id, end_customer, vin, delivery_date, first_sale_date, created_at, updated_at)
                    select gen_random_uuid(), serial_no, product_model, product_line, project_code, production_date::date,
                           batch_no, customer_id::uuid, end_customer, vin, delivery_date::date, first_sale_date::date,
                           cast(?12 as timestamptz), cast(?12 as timestamptz)
                    from rows
                    returning *
                ), software as (
                    -- dated when the unit was produced (else delivered, else now), as a registration dates them
                    select ins.id as unit_id, s.component, s.version,
                           coalesce(cast(coalesce(ins.production_date, ins.delivery_date) as timestamp)
                                        at time zone cast(?17 as text), cast(?12 as timestamptz)) as at
                    from unnest(cast(?13 as text[]), cast(?14 as text[]), cast(?15 as text[])) as s(serial_no, component, version)
                    join ins on ins.serial_no = s.serial_no
                ), software_now as (
                    insert into unit_software (unit_id, component, version, updated_at)
                    select unit_id, component, version, at from software
                ), software_history as (
                    insert into unit_software_update (id, unit_id, component, to_version, updated_at, source, recorded_by,
                                                      recorded_at)
                    select gen_random_uuid(), unit_id, component, version, at, 'IMPORT',
                           cast(?16 as text), cast(?12 as timestamptz)
                    from software
                )""", """
                select 'IMPORT' as action, 'unit' as entity_type, ins.serial_no as entity_id,
                       jsonb_build_object('serialNo', serial_no, 'productModel', product_model, 'productLine', product_line,
                                          'projectCode', project_code, 'productionDate', production_date,
                                          'batchNo', batch_no, 'customerId', customer_id, 'endCustomer', end_customer,
                                          'vin', vin, 'deliveryDate', delivery_date, 'firstSaleDate', first_sale_date,
                                          'version', version,
                                          'softwareVersions', (select jsonb_object_agg(s.component, s.version) from software s
                                                               where s.unit_id = ins.id)) as after_state
                from ins"""), parameters);
    }
}
