package com.aftersales.bench;

import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.ConfigProvider;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The benchmark's data generators ({@code bench/sql/generate-*.sql}, which bench/run.sh, bench/profile.sh and
 * bench/tracing-cost.sh feed to psql) still fit the schema as migrated: a migration that adds a NOT NULL column would
 * otherwise break the benchmark silently, as V22's {@code service_case.manager_role} did until this test. They run at
 * a small scale in a database of their own on the test server (the test database's other tests count rows), with
 * psql's {@code :variables} substituted and its meta-commands left out.
 */
@QuarkusTest
class BenchDataTest {

    private static final String DB = "bench_data_check";

    private static String url(String database) {
        String url = ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class);
        int slash = url.indexOf('/', "jdbc:postgresql://".length());
        int query = url.indexOf('?', slash);
        return url.substring(0, slash + 1) + database + (query < 0 ? "" : url.substring(query));
    }

    private static Connection connect(String database) throws Exception {
        var config = ConfigProvider.getConfig();
        return DriverManager.getConnection(url(database), config.getValue("quarkus.datasource.username", String.class),
                config.getOptionalValue("quarkus.datasource.password", String.class).orElse(""));
    }

    @BeforeAll
    static void createDatabase() throws Exception {
        try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
            s.execute("drop database if exists " + DB);
            s.execute("create database " + DB);
        }
    }

    @AfterAll
    static void dropDatabase() throws Exception {
        try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
            s.execute("drop database if exists " + DB + " with (force)");
        }
    }

    /** A psql script as one JDBC statement: {@code :name} variables substituted, backslash meta-commands and VACUUM (not allowed in a transaction block) left out. */
    static String script(String file, Map<String, Integer> variables) throws Exception {
        String text = Files.readString(Path.of("bench/sql", file), StandardCharsets.UTF_8).lines()
                .filter(line -> !line.startsWith("\\") && !line.startsWith("vacuum"))
                .collect(Collectors.joining("\n"));
        for (var v : variables.entrySet()) {
            // ":units" but not "::text" casts
            text = text.replaceAll("(?<!:):" + v.getKey() + "\\b", Integer.toString(v.getValue()));
        }
        return text;
    }

    @Test
    void theGeneratorsFillTheMigratedSchema() throws Exception {
        var config = ConfigProvider.getConfig();
        Flyway.configure()
                .dataSource(url(DB), config.getValue("quarkus.datasource.username", String.class),
                        config.getOptionalValue("quarkus.datasource.password", String.class).orElse(""))
                .locations("classpath:db/migration")
                .load().migrate();
        Map<String, Integer> scale = Map.of("customers", 5, "units", 2000, "cases", 300);
        try (Connection c = connect(DB); Statement s = c.createStatement()) {
            s.execute(script("generate-cases.sql", scale));
            s.execute(script("generate-terms-and-parts.sql", scale));
            s.execute(script("generate-kpi-data.sql", scale));
            assertEquals(2000, count(s, "select count(*) from unit where serial_no like 'BN%'"));
            assertEquals(300, count(s, "select count(*) from service_case where case_no like 'KS-BENCH-%'"));
            assertEquals(300, count(s, "select count(*) from case_unit cu join service_case c on c.id = cu.case_id"
                    + " where c.case_no like 'KS-BENCH-%'"));
            assertTrue(count(s, "select count(*) from warranty_term") > 0, "the terms for the entitlement regimes");
        }
    }

    private static int count(Statement s, String sql) throws Exception {
        try (ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getInt(1);
        }
    }
}
