package com.aftersales.shared.observe;

import com.aftersales.AftersalesConfig;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CloudWatch embedded metric format (EMF): in Lambda, a JSON line on standard output with an {@code _aws} member
 * becomes metrics in CloudWatch, extracted from the function's log group without an agent or a call to the
 * CloudWatch API. Micrometer has no EMF registry served here (its CloudWatch registry calls PutMetricData), so the
 * few metrics the alarms and dashboards need are written directly: one line per request (shared.observe.AccessLog),
 * per job run and per notice-sender run. The line bypasses the log formatter on purpose: CloudWatch reads EMF only
 * from a log event that is itself the JSON document, not from a JSON log line's message.
 *
 * <p>Dimensions are one set per line (e.g. {@code Route}); properties are extra searchable members (request and
 * correlation ids), never personal data. Built as a Jackson tree: no reflection.
 */
@ApplicationScoped
public class Emf {

    /** A metric of one line: CloudWatch unit names (Milliseconds, Count). */
    public record Metric(String name, String unit, double value) {

        public static Metric count(String name, long value) {
            return new Metric(name, "Count", value);
        }

        public static Metric millis(String name, double value) {
            return new Metric(name, "Milliseconds", value);
        }
    }

    @Inject
    AftersalesConfig config;

    private volatile Boolean enabled;

    /** Whether lines are written: {@code aftersales.metrics.emf}, or else whether this process runs in Lambda. */
    public boolean enabled() {
        Boolean on = enabled;
        if (on == null) {
            on = config.metrics().emf().orElseGet(() -> System.getenv("AWS_LAMBDA_FUNCTION_NAME") != null);
            enabled = on;
        }
        return on;
    }

    /** Writes one EMF line when enabled. */
    public void emit(Map<String, String> dimensions, Map<String, String> properties, Metric... metrics) {
        emit(dimensions, properties, List.of(metrics), List.of());
    }

    /**
     * Writes one EMF line when enabled, with {@code undimensioned} metrics in a second directive without dimensions
     * (one series per namespace: the function's connection pool, not one per route).
     */
    public void emit(Map<String, String> dimensions, Map<String, String> properties, List<Metric> metrics,
                     List<Metric> undimensioned) {
        if (enabled()) {
            // System.out at each call: Lambda's runtime captures standard output line by line into the log group.
            System.out.println(line(System.currentTimeMillis(), dimensions, properties, metrics, undimensioned));
        }
    }

    /** The EMF document: {"_aws":{Timestamp, CloudWatchMetrics:[{Namespace, Dimensions:[[…]], Metrics:[…]}]}, …}. */
    public String line(long timestamp, Map<String, String> dimensions, Map<String, String> properties, Metric... metrics) {
        return line(timestamp, dimensions, properties, List.of(metrics), List.of());
    }

    /** As above, plus a directive with Dimensions [[]] for {@code undimensioned}. */
    public String line(long timestamp, Map<String, String> dimensions, Map<String, String> properties, List<Metric> metrics,
                       List<Metric> undimensioned) {
        JsonNodeFactory json = JsonNodeFactory.instance;
        ObjectNode root = json.objectNode();
        ObjectNode aws = root.putObject("_aws");
        aws.put("Timestamp", timestamp);
        ObjectNode directive = aws.putArray("CloudWatchMetrics").addObject();
        directive.put("Namespace", config.metrics().namespace());
        var names = directive.putArray("Dimensions").addArray();
        dimensions.keySet().forEach(names::add);
        var definitions = directive.putArray("Metrics");
        for (Metric m : metrics) {
            definitions.addObject().put("Name", m.name()).put("Unit", m.unit());
        }
        if (!undimensioned.isEmpty()) {
            ObjectNode plain = ((com.fasterxml.jackson.databind.node.ArrayNode) aws.get("CloudWatchMetrics")).addObject();
            plain.put("Namespace", config.metrics().namespace());
            plain.putArray("Dimensions").addArray();
            var plainDefinitions = plain.putArray("Metrics");
            for (Metric m : undimensioned) {
                plainDefinitions.addObject().put("Name", m.name()).put("Unit", m.unit());
            }
        }
        Map<String, String> members = new LinkedHashMap<>(properties);
        members.putAll(dimensions);
        members.forEach((k, v) -> {
            if (v != null) {
                root.put(k, v);
            }
        });
        for (Metric m : metrics) {
            root.put(m.name(), m.value());
        }
        for (Metric m : undimensioned) {
            root.put(m.name(), m.value());
        }
        return root.toString();
    }
}
