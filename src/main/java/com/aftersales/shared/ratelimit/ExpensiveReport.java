package com.aftersales.shared.ratelimit;

import jakarta.interceptor.InterceptorBinding;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An endpoint that computes a report over whole tables (KPI reports and their exports, the recall progress report, the
 * NTF rate): each call counts against the caller's report limit ({@link ReportQuota}); above it the answer is 429
 * with Retry-After. Dashboards on pre-computed aggregates are not marked.
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface ExpensiveReport {
}
