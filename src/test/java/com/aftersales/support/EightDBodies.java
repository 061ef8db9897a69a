package com.aftersales.support;

import java.time.LocalDate;
import java.util.List;

/** Bodies of the 8D report endpoints: reports, disciplines, actions, closure and deadline settings. */
public final class EightDBodies {

    private EightDBodies() {
    }

    /** A report on cases, titled after a bearing failure, championed by 质量部 刘工; add its team with {@link Report#member}. */
    public static Report report(String... caseIds) {
        return new Report().set("title", "TM220 电机轴承早期失效").set("caseIds", List.of(caseIds)).set("champion", "质量部 刘工");
    }

    /** The report's own fields as a PUT sets them (title, D2, D4, D6, D7, summary). */
    public static Update update(String title) {
        return new Update().set("title", title);
    }

    /** A discipline's owner, content and whether it is done. */
    public static Discipline discipline(String owner, String content, boolean done) {
        return new Discipline().set("owner", owner).set("content", content).set("done", done);
    }

    /** A new action of a kind (CONTAINMENT, CORRECTIVE, PREVENTIVE). */
    public static Action action(String kind, String description, String owner, LocalDate dueDate) {
        return new Action().set("kind", kind).set("description", description).set("owner", owner).set("dueDate", dueDate);
    }

    /** An action as a PUT changes it (its kind stays). */
    public static Action actionUpdate(String description, String owner, LocalDate dueDate) {
        return new Action().set("description", description).set("owner", owner).set("dueDate", dueDate);
    }

    public static String closure() {
        return JsonBody.of();
    }

    public static String closure(String comment) {
        return JsonBody.of("comment", comment);
    }

    public static String linkCase(String caseId) {
        return JsonBody.of("caseId", caseId);
    }

    /** A deadline in working days for a discipline, for one customer (or every customer when null). */
    public static String deadline(String customerId, String discipline, int workingDays) {
        return JsonBody.of("customerId", customerId, "discipline", discipline, "workingDays", workingDays);
    }

    public static final class Report extends JsonBody<Report> {

        /** A team member; a null role or department is left out. */
        public Report member(String name, String role, String department) {
            return add("team", JsonBody.object("name", name, "role", role, "department", department));
        }
    }

    public static final class Update extends JsonBody<Update> {

        public Update champion(String champion) {
            return set("champion", champion);
        }

        /** D2: the problem described as 5W2H and is / is not. */
        public Update d2(String what, String where, String when, String howMany, String isNot) {
            return set("d2", JsonBody.object("what", what, "where", where, "when", when, "howMany", howMany, "isNot", isNot));
        }

        /** D4: why it occurred and why it escaped. */
        public Update d4(String occurrence, String escape) {
            return set("d4Occurrence", occurrence).set("d4Escape", escape);
        }

        /** D6: how the corrective actions were verified, and when. */
        public Update d6(String verification, LocalDate verifiedOn) {
            return set("d6Verification", verification).set("d6VerifiedOn", verifiedOn);
        }

        /** D7: the lessons and one updated document (type PFMEA, CONTROL_PLAN, …; a null change is left out). */
        public Update d7(String lessons, String documentType, String reference, String change) {
            return set("d7", JsonBody.object("documents", List.of(JsonBody.object("type", documentType, "reference", reference,
                    "change", change)), "lessons", lessons));
        }

        public Update summary(String summary) {
            return set("summary", summary);
        }
    }

    public static final class Discipline extends JsonBody<Discipline> {

        /** An attachment offered as evidence. */
        public Discipline evidence(String attachmentId) {
            return add("evidence", attachmentId);
        }
    }

    public static final class Action extends JsonBody<Action> {

        /** OPEN, DONE, VERIFIED, … */
        public Action status(String status) {
            return set("status", status);
        }

        public Action effectiveness(String effectiveness) {
            return set("effectiveness", effectiveness);
        }
    }
}
