package com.aftersales.shared.observe;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * Keeps personal data out of span attributes, as the access log does: a query string carries what people type into
 * searches (names, phone numbers), so only its parameter names stay ({@code q=?&limit=?}); the raw path is masked
 * (it carries serials, ids and, under /api/v1/problem-digests/subscribers/…, a subscriber; {@code http.route} keeps
 * the template, as the access log does); the caller's network address is masked. JDBC spans carry statements with bind placeholders (Hibernate binds every value; the JDBC
 * instrumentation also replaces any literal by {@code ?}), request and response bodies are never recorded. Runs as a
 * span processor (a CDI bean the OpenTelemetry extension registers), before any exporter sees the span.
 */
@ApplicationScoped
public class SpanRedaction implements SpanProcessor {

    static final String MASK = "redacted";
    static final AttributeKey<String> QUERY = AttributeKey.stringKey("url.query");
    static final AttributeKey<String> FULL = AttributeKey.stringKey("url.full");
    static final AttributeKey<String> PATH = AttributeKey.stringKey("url.path");
    static final List<AttributeKey<String>> ADDRESSES = List.of(AttributeKey.stringKey("client.address"),
            AttributeKey.stringKey("network.peer.address"), AttributeKey.stringKey("http.client_ip"),
            AttributeKey.stringKey("net.sock.peer.addr"));

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {
        String query = span.getAttribute(QUERY);
        if (query != null) {
            span.setAttribute(QUERY, names(query));
        }
        if (span.getAttribute(FULL) != null) {
            span.setAttribute(FULL, MASK);
        }
        if (span.getAttribute(PATH) != null) {
            span.setAttribute(PATH, MASK);
        }
        for (AttributeKey<String> address : ADDRESSES) {
            if (span.getAttribute(address) != null) {
                span.setAttribute(address, MASK);
            }
        }
    }

    /** A query string with its values replaced by "?": {@code q=张三&limit=20} becomes {@code q=?&limit=?}. */
    static String names(String query) {
        StringBuilder kept = new StringBuilder();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (kept.length() > 0) {
                kept.append('&');
            }
            kept.append(eq < 0 ? pair : pair.substring(0, eq)).append("=?");
        }
        return kept.toString();
    }

    @Override
    public boolean isStartRequired() {
        return true;
    }

    @Override
    public void onEnd(ReadableSpan span) {
    }

    @Override
    public boolean isEndRequired() {
        return false;
    }

    @Override
    public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
    }
}
