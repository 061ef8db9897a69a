package com.aftersales.unit;

import com.aftersales.AftersalesConfig;
import com.aftersales.shared.error.ProblemException.Issue;
import com.aftersales.shared.security.Caller;
import com.aftersales.shared.upload.Column;
import com.aftersales.shared.upload.Columns;
import com.aftersales.shared.upload.Upload;
import com.aftersales.shared.upload.UploadRow;
import com.aftersales.shared.web.CorrelationId;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.hibernate.Session;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

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
    static final Columns COLUMNS = Columns.exactly(SERIAL_NO, PRODUCT_MODEL, PRODUCT_LINE, PROJECT_CODE, PRODUCTION_DATE,
            BATCH_NO, CUSTOMER_CODE, END_CUSTOMER, VIN, DELIVERY_DATE, FIRST_SALE_DATE);

    private record Row(int line, SerialNo serialNo, String model, ProductLine productLine, String projectCode,
                       LocalDate productionDate, String batchNo, String customerCode, String endCustomer, String vin,
                       LocalDate deliveryDate, LocalDate firstSaleDate) {
    }

    private static final java.util.regex.Pattern VIN_FORMAT = java.util.regex.Pattern.compile("[A-HJ-NPR-Z0-9]{17}");

    @Inject
    EntityManager em;

    @Inject
    Caller caller;

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
        Map<String, String> customerIds = em.unwrap(Session.class).doReturningWork(c -> lookups(c, rows, issues));
        upload.rejectIfIssues();
        int inserted = em.unwrap(Session.class).doReturningWork(c -> insert(c, rows, customerIds));
        return new Result(inserted);
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
        if (cells.hasIssues() && (serial == null || serial.value().isEmpty())) {
            return null;
        }
        return new Row(cells.line(), serial, model, productLine, project, production, batch,
                customer == null ? null : customer.toUpperCase(Locale.ROOT), endCustomer, vin, delivery, firstSale);
    }

    /** One query for existing serials, one for customer codes. */
    private Map<String, String> lookups(Connection c, List<Row> rows, List<Issue> issues) throws java.sql.SQLException {
        Map<String, Integer> lineOf = new HashMap<>();
        Set<String> codes = new HashSet<>();
        for (Row row : rows) {
            lineOf.putIfAbsent(row.serialNo.value(), row.line);
            if (row.customerCode != null) {
                codes.add(row.customerCode);
            }
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
        Map<String, String> ids = new HashMap<>();
        try (PreparedStatement customers = c.prepareStatement("select code, id::text from customer where code = any(?)")) {
            customers.setArray(1, c.createArrayOf("text", codes.toArray()));
            try (ResultSet rs = customers.executeQuery()) {
                while (rs.next()) {
                    ids.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        var scope = caller.customerScope();
        for (Row row : rows) {
            if (row.customerCode == null) {
                continue;
            }
            String id = ids.get(row.customerCode);
            if (id == null || scope.isPresent() && !scope.get().toString().equals(id)) {
                issues.add(Issue.atLine(row.line, "customerCode", "import.unknown_customer", row.customerCode));
            }
        }
        return ids;
    }

    private int insert(Connection c, List<Row> rows, Map<String, String> customerIds) throws java.sql.SQLException {
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
            cols[6][i] = customerIds.get(r.customerCode);
            cols[7][i] = r.endCustomer;
            cols[8][i] = r.vin;
            cols[9][i] = r.deliveryDate == null ? null : r.deliveryDate.toString();
            cols[10][i] = r.firstSaleDate == null ? null : r.firstSaleDate.toString();
        }
        String sql = """
                with rows as (
                    select * from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                                         ?::text[], ?::text[], ?::text[], ?::text[])
                        as r(serial_no, product_model, product_line, project_code, production_date, batch_no,
                             customer_id, end_customer, vin, delivery_date, first_sale_date)
                ), stamp as (
                    select ?::timestamptz as at
                ), ins as (
                    insert into unit (id, serial_no, product_model, product_line, project_code, production_date, batch_no,
                                      customer_id, end_customer, vin, delivery_date, first_sale_date, created_at, updated_at)
                    select gen_random_uuid(), serial_no, product_model, product_line, project_code, production_date::date,
                           batch_no, customer_id::uuid, end_customer, vin, delivery_date::date, first_sale_date::date,
                           stamp.at, stamp.at
                    from rows cross join stamp
                    returning *
                )
                insert into audit_log (occurred_at, actor, action, entity_type, entity_id, after_state, correlation_id)
                select ins.created_at, ?, 'IMPORT', 'unit', ins.serial_no,
                       jsonb_build_object('serialNo', serial_no, 'productModel', product_model, 'productLine', product_line,
                                          'projectCode', project_code, 'productionDate', production_date,
                                          'batchNo', batch_no, 'customerId', customer_id, 'endCustomer', end_customer,
                                          'vin', vin, 'deliveryDate', delivery_date, 'firstSaleDate', first_sale_date,
                                          'version', version),
                       ?
                from ins
                """;
        try (PreparedStatement insert = c.prepareStatement(sql)) {
            List<Array> arrays = new ArrayList<>();
            for (int i = 0; i < cols.length; i++) {
                Array array = c.createArrayOf("text", cols[i]);
                arrays.add(array);
                insert.setArray(i + 1, array);
            }
            insert.setObject(12, OffsetDateTime.now(clock));
            insert.setString(13, caller.subject());
            insert.setString(14, CorrelationId.current());
            int written = insert.executeUpdate();
            for (Array array : arrays) {
                array.free();
            }
            return written;
        }
    }
}
