package com.aftersales.support;

import java.time.OffsetDateTime;

/** Bodies of the problem library and its department digests. */
public final class ProblemBodies {

    private ProblemBodies() {
    }

    /** A library entry: failure mode, root cause, countermeasure and severity (LOW, MEDIUM, HIGH). */
    public static Problem problem(String failureMode, String rootCause, String countermeasure, String severity) {
        return new Problem().set("failureMode", failureMode).set("rootCause", rootCause).set("countermeasure", countermeasure)
                .set("severity", severity);
    }

    /** A digest subscriber of a department (ENGINEERING, PROCESS, QUALITY, …). */
    public static Subscriber subscriber(String department, String subscriber, String name) {
        return new Subscriber().set("department", department).set("subscriber", subscriber).set("name", name);
    }

    /** A department's digest of the problems since a moment. */
    public static String digest(String department, OffsetDateTime since) {
        return JsonBody.of("department", department, "since", since);
    }

    /** What a department's digest holds; call the adders for each product line, model or failure-mode keyword. */
    public static Scope scope(String department) {
        return new Scope().set("department", department);
    }

    public static final class Scope extends JsonBody<Scope> {

        public Scope productLine(String line) {
            return add("productLines", line);
        }

        public Scope productModel(String model) {
            return add("productModels", model);
        }

        public Scope failureMode(String keyword) {
            return add("failureModes", keyword);
        }
    }

    public static final class Problem extends JsonBody<Problem> {

        public Problem productLine(String line) {
            return add("productLines", line);
        }

        public Problem productModel(String model) {
            return add("productModels", model);
        }

        public Problem severity(String severity) {
            return set("severity", severity);
        }

        public Problem detectionMethod(String detectionMethod) {
            return set("detectionMethod", detectionMethod);
        }

        /** Null leaves the root cause out. */
        public Problem rootCause(String rootCause) {
            return set("rootCause", rootCause);
        }

        public Problem caseId(String caseId) {
            return add("caseIds", caseId);
        }
    }

    public static final class Subscriber extends JsonBody<Subscriber> {

        public Subscriber email(String email) {
            return set("email", email);
        }
    }
}
