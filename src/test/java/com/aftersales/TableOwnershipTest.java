package com.aftersales;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every table has exactly one owning area. Another area reads it only through the owner's public facade (Java) or a
 * read-model view the owner's migration defines and publishes here; it never writes it. The check reads the SQL and
 * HQL in every Java string of {@code src/main/java} and every migration newer than the last committed one, so the
 * coupling that the import graph cannot see is held to the same rule.
 */
class TableOwnershipTest {

    /** Table or view → the area that owns it (its package under {@code com.aftersales}; {@code shared} for shared.*). */
    static final Map<String, String> OWNER = Map.ofEntries(
            Map.entry("audit_log", "shared"), Map.entry("idempotency_key", "shared"),
            Map.entry("report_quota", "shared"),
            Map.entry("customer", "customer"),
            Map.entry("unit", "unit"), Map.entry("unit_fleet", "unit"),
            Map.entry("unit_software", "unit"), Map.entry("unit_software_update", "unit"),
            Map.entry("warranty_term", "warranty"), Map.entry("service_contract", "warranty"),
            Map.entry("service_case", "cases"), Map.entry("case_unit", "cases"), Map.entry("case_event", "cases"),
            Map.entry("case_routing", "cases"), Map.entry("case_sla", "cases"), Map.entry("field_visit", "cases"),
            Map.entry("case_cost", "cases"), Map.entry("attachment", "cases"), Map.entry("case_gate_waiver", "cases"),
            Map.entry("gm_delegation", "cases"), Map.entry("case_claim", "cases"), Map.entry("case_claim_line", "cases"),
            Map.entry("station_rate_card", "cases"), Map.entry("station_rate", "cases"),
            Map.entry("case_invoice", "cases"), Map.entry("case_invoice_line", "cases"),
            Map.entry("eight_d_report", "eightd"), Map.entry("eight_d_case", "eightd"), Map.entry("eight_d_discipline", "eightd"),
            Map.entry("eight_d_action", "eightd"), Map.entry("eight_d_deadline", "eightd"), Map.entry("work_calendar", "eightd"),
            Map.entry("problem", "problems"), Map.entry("problem_link", "problems"), Map.entry("department_subscriber", "problems"),
            Map.entry("problem_digest", "problems"), Map.entry("digest_acknowledgement", "problems"),
            Map.entry("digest_scope", "problems"),
            Map.entry("return_order", "returns"), Map.entry("return_unit", "returns"), Map.entry("return_test", "returns"),
            Map.entry("supplier", "returns"), Map.entry("supplier_recovery", "returns"),
            Map.entry("spare_part", "spareparts"), Map.entry("stock", "spareparts"), Map.entry("stock_movement", "spareparts"),
            Map.entry("transfer_order", "spareparts"), Map.entry("spare_plan", "spareparts"), Map.entry("quote", "spareparts"),
            Map.entry("stock_alert", "spareparts"),
            Map.entry("recall_campaign", "recall"), Map.entry("recall_unit", "recall"),
            Map.entry("notice", "notify"), Map.entry("notice_delivery", "notify"),
            Map.entry("notification_preference", "notify"), Map.entry("webhook_endpoint", "notify"),
            Map.entry("follow_up", "followup"),
            Map.entry("job_run", "jobs"),
            Map.entry("kpi_month", "kpi"), Map.entry("kpi_month_refresh", "kpi"),
            Map.entry("product_model_life", "retention"),
            // read models (views), each in its owner's migration V16–V20
            Map.entry("unit_record", "unit"),
            Map.entry("unit_software_version", "unit"), Map.entry("unit_software_history", "unit"),
            Map.entry("case_reference", "cases"), Map.entry("closed_case", "cases"),
            Map.entry("customer_name", "customer"), Map.entry("customer_email_contact", "customer"),
            Map.entry("return_unit_history", "returns"),
            Map.entry("recall_unit_history", "recall"), Map.entry("recall_open_unit", "recall"));

    /** Views that their owner publishes for other areas to read (each defined in the owner's migration). */
    static final Set<String> READ_MODELS = Set.of("unit_record", "case_reference", "closed_case", "customer_name",
            "customer_email_contact", "return_unit_history", "recall_unit_history", "recall_open_unit",
            "unit_software_version", "unit_software_history");

    /** Areas whose work is one statement across areas: KPIs read every area's tables, retention also writes them. */
    static final Set<String> MULTI_AREA_READERS = Set.of("kpi", "retention");
    static final Set<String> MULTI_AREA_WRITERS = Set.of("retention");

    /** Migrations up to this version were committed before ownership was enforced; Flyway checksums forbid edits. */
    static final int LAST_UNCHECKED_MIGRATION = 15;

    static final Path MAIN = Path.of("src/main/java/com/aftersales");
    static final Path MIGRATIONS = Path.of("src/main/resources/db/migration");

    /** A table named where SQL reads it ({@code from}, {@code join}) or writes it (the others). */
    static final Pattern TABLE_REF = Pattern.compile(
            "(?i)\\b(delete\\s+from|insert\\s+into|update|alter\\s+table|truncate(?:\\s+table)?|from|join|using)"
                    + "\\s+(?:only\\s+)?(?:if\\s+exists\\s+)?\"?([a-z_][a-z0-9_]*)\"?");
    /** Objects a migration creates. */
    static final Pattern CREATED = Pattern.compile(
            "(?i)\\bcreate\\s+(?:or\\s+replace\\s+)?(?:unlogged\\s+)?(?:materialized\\s+)?(table|view)\\s+(?:if\\s+not\\s+exists\\s+)?([a-z_][a-z0-9_]*)");
    /** Triggers and indexes attach to a table ({@code … on <table>}). */
    static final Pattern ATTACHED = Pattern.compile(
            "(?i)\\bcreate\\s+(?:unique\\s+)?(?:index|trigger)\\b[^;]*?\\bon\\s+(?:only\\s+)?([a-z_][a-z0-9_]*)");
    /** An entity named in HQL/JPQL. */
    static final Pattern HQL_ENTITY = Pattern.compile("\\b(?i:from|join|update|delete\\s+from)\\s+([A-Z][A-Za-z0-9]*)\\b");
    static final Pattern MIGRATION_NAME = Pattern.compile("V(\\d+)__([a-z]+)_.*\\.sql");

    record Reference(String table, boolean write, String context) {
    }

    @Test
    void everyTableOfEveryMigrationHasOneOwner() {
        Set<String> unowned = new TreeSet<>();
        for (Path migration : migrations()) {
            Matcher m = CREATED.matcher(sql(migration));
            while (m.find()) {
                if (!OWNER.containsKey(m.group(2).toLowerCase())) {
                    unowned.add(m.group(2) + " (" + migration.getFileName() + ")");
                }
            }
        }
        assertThat(unowned).as("tables or views without an owner in TableOwnershipTest.OWNER").isEmpty();
        assertThat(READ_MODELS).as("published read models must have an owner").allMatch(OWNER::containsKey);
    }

    @Test
    void javaCodeNamesOnlyItsOwnAreasTables() {
        List<String> violations = new ArrayList<>();
        Map<String, String> entities = entities();
        try (Stream<Path> files = Files.walk(MAIN)) {
            files.filter(f -> f.toString().endsWith(".java")).sorted().forEach(file -> {
                String area = MAIN.relativize(file).getName(0).toString();
                String className = MAIN.relativize(file).toString().replace('/', '.').replaceFirst("\\.java$", "");
                for (String literal : stringLiterals(read(file))) {
                    for (Reference ref : references(literal)) {
                        violation(area, ref).ifPresent(why -> violations.add(className + ": " + why));
                    }
                    Matcher hql = HQL_ENTITY.matcher(literal);
                    while (hql.find()) {
                        String owner = entities.get(hql.group(1));
                        if (owner != null && !owner.equals(area) && !MULTI_AREA_READERS.contains(area)) {
                            violations.add(className + ": queries entity " + hql.group(1) + " of area " + owner
                                    + " (in area " + area + ")");
                        }
                    }
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(violations).as("SQL naming another area's table (go through the owner's facade or a published read model)")
                .isEmpty();
    }

    @Test
    void newMigrationsBelongToOneAreaAndTouchOnlyItsTables() {
        List<String> violations = new ArrayList<>();
        for (Path migration : migrations()) {
            String name = migration.getFileName().toString();
            int version = Integer.parseInt(name.substring(1, name.indexOf("__")));
            if (version <= LAST_UNCHECKED_MIGRATION) {
                continue;
            }
            Matcher named = MIGRATION_NAME.matcher(name);
            if (!named.matches() || !OWNER.containsValue(named.group(2)) && !MULTI_AREA_READERS.contains(named.group(2))) {
                violations.add(name + ": name it V<n>__<area>_<what>.sql after the area that owns its tables");
                continue;
            }
            String area = named.group(2);
            String sql = sql(migration);
            Matcher created = CREATED.matcher(sql);
            while (created.find()) {
                String owner = OWNER.get(created.group(2).toLowerCase());
                if (owner != null && !owner.equals(area)) {
                    violations.add(name + ": creates " + created.group(2) + ", which belongs to " + owner);
                }
            }
            Matcher attached = ATTACHED.matcher(sql);
            while (attached.find()) {
                String owner = OWNER.get(attached.group(1).toLowerCase());
                if (owner != null && !owner.equals(area)) {
                    violations.add(name + ": attaches an index or trigger to " + attached.group(1) + ", which belongs to " + owner);
                }
            }
            for (Reference ref : references(sql)) {
                violation(area, ref).ifPresent(why -> violations.add(name + ": " + why));
            }
        }
        assertThat(violations).as("new migrations touching another area's tables").isEmpty();
    }

    /** The check itself: a bad line is caught and named, a good one is not. */
    @Test
    void theCheckNamesTheOffendingTable() {
        List<Reference> refs = references("select c.case_no from service_case c join unit u on u.id = c.unit_id "
                + "where exists (select 1 from recall_unit r) ; insert into notice (id) values (1); update stock set q = 1");
        assertThat(refs).extracting(Reference::table).containsExactly("service_case", "unit", "recall_unit", "notice", "stock");
        assertThat(refs).filteredOn(Reference::write).extracting(Reference::table).containsExactly("notice", "stock");
        assertThat(violation("cases", refs.get(0))).isEmpty();
        assertThat(violation("cases", refs.get(1))).hasValueSatisfying(why -> assertThat(why).contains("unit").contains("area unit"));
        assertThat(violation("kpi", refs.get(2))).isEmpty();
        assertThat(violation("kpi", refs.get(3))).isPresent();
        assertThat(violation("retention", refs.get(4))).isEmpty();
        assertThat(stringLiterals("""
                // from unit in a comment is not SQL
                String a = "select * from customer"; /* join stock */ char q = '"';
                String c = "select 1 from " + "stock s " + // the rest
                        "join unit u";
                String b = \"""
                    select 1 from unit \""";
                """)).containsExactly("select * from customer", "select 1 from stock s join unit u", "\n    select 1 from unit ");
    }

    static java.util.Optional<String> violation(String area, Reference ref) {
        String owner = OWNER.get(ref.table());
        if (owner == null || owner.equals(area)) {
            return java.util.Optional.empty();
        }
        boolean allowed = ref.write() ? MULTI_AREA_WRITERS.contains(area)
                : MULTI_AREA_READERS.contains(area) || READ_MODELS.contains(ref.table());
        return allowed ? java.util.Optional.empty() : java.util.Optional.of((ref.write() ? "writes " : "reads ") + "table "
                + ref.table() + " of area " + owner + " (in area " + area + "): …" + ref.context() + "…");
    }

    static List<Reference> references(String sql) {
        List<Reference> refs = new ArrayList<>();
        Matcher m = TABLE_REF.matcher(sql);
        while (m.find()) {
            String keyword = m.group(1).toLowerCase().replaceAll("\\s+", " ");
            String table = m.group(2).toLowerCase();
            if (!OWNER.containsKey(table)) {
                continue;
            }
            boolean write = !(keyword.equals("from") || keyword.equals("join") || keyword.equals("using"));
            int start = Math.max(0, m.start() - 40);
            int end = Math.min(sql.length(), m.end() + 20);
            refs.add(new Reference(table, write, sql.substring(start, end).replaceAll("\\s+", " ").strip()));
        }
        return refs;
    }

    /**
     * The contents of every string literal and text block of a Java source, comments skipped; literals joined by
     * {@code +} count as one, so a statement built from several lines is read whole.
     */
    static List<String> stringLiterals(String java) {
        List<String> joined = new ArrayList<>();
        List<int[]> spans = new ArrayList<>();
        List<String> literals = literalsWithSpans(java, spans);
        for (int k = 0; k < literals.size(); k++) {
            if (k > 0 && java.substring(spans.get(k - 1)[1], spans.get(k)[0])
                    .replaceAll("//[^\n]*|(?s)/\\*.*?\\*/", "").strip().equals("+")) {
                joined.set(joined.size() - 1, joined.get(joined.size() - 1) + literals.get(k));
            } else {
                joined.add(literals.get(k));
            }
        }
        return joined;
    }

    private static List<String> literalsWithSpans(String java, List<int[]> spans) {
        List<String> literals = new ArrayList<>();
        int i = 0;
        int n = java.length();
        while (i < n) {
            char c = java.charAt(i);
            if (java.startsWith("//", i)) {
                i = java.indexOf('\n', i);
                i = i < 0 ? n : i;
            } else if (java.startsWith("/*", i)) {
                int close = java.indexOf("*/", i + 2);
                i = close < 0 ? n : close + 2;
            } else if (java.startsWith("\"\"\"", i)) {
                int open = java.indexOf('\n', i + 3);
                int close = java.indexOf("\"\"\"", open);
                while (close > 0 && java.charAt(close - 1) == '\\') {
                    close = java.indexOf("\"\"\"", close + 3);
                }
                literals.add(java.substring(open, close).replace("\\\"", "\""));
                spans.add(new int[] {i, close + 3});
                i = close + 3;
            } else if (c == '\'') {
                i = java.charAt(i + 1) == '\\' ? java.indexOf('\'', i + 3) + 1 : i + 3;
            } else if (c == '"') {
                int begin = i;
                StringBuilder s = new StringBuilder();
                i++;
                while (java.charAt(i) != '"') {
                    if (java.charAt(i) == '\\') {
                        s.append(java.charAt(i + 1));
                        i += 2;
                    } else {
                        s.append(java.charAt(i++));
                    }
                }
                literals.add(s.toString());
                i++;
                spans.add(new int[] {begin, i});
            } else {
                i++;
            }
        }
        return literals;
    }

    /** Entity class (simple name) → its area, read from the sources. */
    static Map<String, String> entities() {
        Map<String, String> entities = new java.util.HashMap<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(file -> {
                Matcher m = Pattern.compile("@Entity\\b[^{]*?\\bclass\\s+([A-Z][A-Za-z0-9]*)", Pattern.DOTALL).matcher(read(file));
                while (m.find()) {
                    entities.put(m.group(1), MAIN.relativize(file).getName(0).toString());
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return entities;
    }

    static List<Path> migrations() {
        try (Stream<Path> files = Files.list(MIGRATIONS)) {
            return files.filter(f -> f.getFileName().toString().matches("V\\d+__.*\\.sql")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A migration without its comments. */
    static String sql(Path migration) {
        return read(migration).replaceAll("--[^\n]*", " ");
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
