package com.aftersales.returns;

import com.aftersales.shared.devdb.EmbeddedPostgresLauncher;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * V49 turns the free-text suppliers of past verdicts into supplier records (LEGACY-n, named by the text) before it drops
 * the text: nothing is lost. Run on a database of its own, migrated to V48, filled, then migrated on.
 */
class SupplierBackfillMigrationTest {

    static final String DATABASE = "aftersales_supplier_backfill";

    @Test
    void theFreeTextSuppliersOfPastVerdictsBecomeSupplierRecords() throws SQLException {
        String url = System.getProperty("aftersales.devdb.jdbc-url");
        if (url == null) {
            url = new EmbeddedPostgresLauncher().get();
            System.setProperty("aftersales.devdb.jdbc-url", url); // the @QuarkusTests of this JVM use the same server
        }
        Matcher host = Pattern.compile("//([^/]+)/").matcher(url);
        assertThat(host.find()).isTrue();
        String server = "jdbc:postgresql://" + host.group(1) + "/";
        try (Connection postgres = DriverManager.getConnection(server + "postgres", "postgres", "postgres");
             Statement sql = postgres.createStatement()) {
            sql.execute("drop database if exists " + DATABASE + " with (force)");
            sql.execute("create database " + DATABASE);
        }
        PGSimpleDataSource db = new PGSimpleDataSource();
        db.setURL(server + DATABASE);
        db.setUser("postgres");
        db.setPassword("postgres");
        Flyway.configure().dataSource(db).locations("classpath:db/migration").target("48").load().migrate();
        try (Connection c = db.getConnection(); Statement sql = c.createStatement()) {
            // Only the returns' own rows matter here: the references to cases and units are not checked.
            sql.execute("set session_replication_role = replica");
            sql.execute("""
                    insert into return_order (id, return_no, case_id, reason, status, authorised_by)
                    values ('00000000-0000-4000-8000-000000000001', 'TH-2024-00001', gen_random_uuid(), '台帐', 'JUDGED', 'qe')""");
            sql.execute("""
                    insert into return_unit (return_id, unit_id, serial_no, verdict, cause_category, supplier, supplier_share)
                    values ('00000000-0000-4000-8000-000000000001', gen_random_uuid(), 'S1', 'DEFECT_CONFIRMED', 'PURCHASED_PART', ' 某轴承厂 ', 0.5),
                           ('00000000-0000-4000-8000-000000000001', gen_random_uuid(), 'S2', 'DEFECT_CONFIRMED', 'PURCHASED_PART', '某轴承厂', 0.4),
                           ('00000000-0000-4000-8000-000000000001', gen_random_uuid(), 'S3', 'DEFECT_CONFIRMED', 'PURCHASED_PART', '某电容厂', 0.3),
                           ('00000000-0000-4000-8000-000000000001', gen_random_uuid(), 'S4', 'NTF', null, null, null)""");
        }
        Flyway.configure().dataSource(db).locations("classpath:db/migration").load().migrate();

        List<String> units = new ArrayList<>();
        try (Connection c = db.getConnection(); var rs = c.createStatement().executeQuery("""
                select ru.serial_no, coalesce(s.code, '-'), coalesce(s.name, '-'), coalesce(cast(ru.supplier_share as text), '-')
                from return_unit ru left join supplier s on s.id = ru.supplier_id order by ru.serial_no""")) {
            while (rs.next()) {
                units.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3) + " " + rs.getString(4));
            }
        }
        assertThat(units).hasSize(4);
        assertThat(units.get(0)).matches("S1 LEGACY-\\d 某轴承厂 0.5000");
        assertThat(units.get(1)).isEqualTo("S2" + units.get(0).substring(2).replace("0.5000", "0.4000"));
        assertThat(units.get(2)).matches("S3 LEGACY-\\d 某电容厂 0.3000");
        assertThat(units.get(2).split(" ")[1]).isNotEqualTo(units.get(0).split(" ")[1]);
        assertThat(units.get(3)).isEqualTo("S4 - - -");
        try (Connection c = db.getConnection(); var rs = c.createStatement().executeQuery(
                "select count(*), bool_and(active) from supplier")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(2);
            assertThat(rs.getBoolean(2)).isTrue();
        }
        try (Connection postgres = DriverManager.getConnection(server + "postgres", "postgres", "postgres")) {
            postgres.createStatement().execute("drop database " + DATABASE + " with (force)");
        }
    }
}
