package com.aftersales.support;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/** Bodies of the case endpoints: intake, workflow, notes, costs, visits, attachments and case settings. */
public final class CaseBodies {

    private CaseBodies() {
    }

    /**
     * A high-severity claim by phone for a customer, failed on 2025-06-01 (the motor is noisy), reported by 王师傅; add
     * its units with {@link OpenCase#unit}.
     */
    public static OpenCase open(String customerId) {
        return new OpenCase().set("type", "CLAIM").set("customerId", customerId).failureDate(LocalDate.of(2025, 6, 1))
                .title("驱动电机异响").description("车辆行驶中电机有异响，伴随抖动。")
                .reporter("王师傅", "+86 138 0000 0000").channel("PHONE").severity("HIGH");
    }

    public static String transition(String to) {
        return JsonBody.of("to", to);
    }

    public static String transition(String to, String comment) {
        return JsonBody.of("to", to, "comment", comment);
    }

    public static String major(String reason) {
        return JsonBody.of("reason", reason);
    }

    public static String actionPlan(String plan) {
        return JsonBody.of("plan", plan);
    }

    /** A decision (APPROVE / REJECT, VERIFY / REJECT) on a plan, a cost or a trip. */
    public static String decision(String decision) {
        return JsonBody.of("decision", decision);
    }

    public static String decision(String decision, String comment) {
        return JsonBody.of("decision", decision, "comment", comment);
    }

    /** A hand-over to a person, in the owner role the case has unless {@link Assignment#ownerRole} says otherwise. */
    public static Assignment assignTo(String ownerPerson) {
        return new Assignment().set("ownerPerson", ownerPerson);
    }

    /** INTERNAL or CUSTOMER; null leaves the choice to the service. */
    public static String note(String text, String visibility) {
        return JsonBody.of("text", text, "visibility", visibility);
    }

    /** A cost line for an on-site repair, incurred on 2025-06-03. */
    public static Cost cost(String category, String amountCny) {
        return new Cost().set("category", category).set("amountCny", amountCny).set("description", "上门维修费用")
                .set("incurredOn", LocalDate.of(2025, 6, 3));
    }

    /** A fee a service station submits for its visit; add the quantities its rate card prices and the documents. */
    public static StationFee stationFee(String category, String amountCny, LocalDate incurredOn) {
        return new StationFee().set("category", category).set("amountCny", amountCny).set("description", "服务站维修费用")
                .set("incurredOn", incurredOn);
    }

    /** A service station's rates (CNY per hour, per km, per day) from a day on. */
    public static String rateCard(LocalDate validFrom, String labourRateCny, String travelPerKmCny, String travelPerDayCny) {
        return JsonBody.of("validFrom", validFrom, "labourRateCny", labourRateCny, "travelPerKmCny", travelPerKmCny,
                "travelPerDayCny", travelPerDayCny);
    }

    /** A visit with no travel; add technicians with {@link Visit#technician}. */
    public static Visit visit(String purpose, LocalDate plannedDate, String site) {
        return new Visit().set("purpose", purpose).set("plannedDate", plannedDate).set("site", site).set("travelRequired", false);
    }

    /** A rejected trip requested again, for a new date (null keeps the planned one), with a comment. */
    public static String travelRequest(LocalDate plannedDate, String comment) {
        return JsonBody.of("plannedDate", plannedDate, "comment", comment);
    }

    /** A visit cancelled, with the reason (null leaves it out). */
    public static String cancellation(String reason) {
        return JsonBody.of("reason", reason);
    }

    public static Completion completion(String workDone, String result) {
        return new Completion().set("workDone", workDone).set("result", result);
    }

    /**
     * A whole visit report as a field engineer's device submits it (offline): its own id, the start and completion as the
     * device saw them, the work done and result by the engineer 李工; add readings, parts, a confirmation and files.
     */
    public static Report report(java.util.UUID submissionId, OffsetDateTime startedAt, OffsetDateTime occurredAt) {
        return new Report().set("submissionId", submissionId).set("startedAt", startedAt).set("occurredAt", occurredAt)
                .set("engineer", "李工").set("workDone", "更换驱动电机轴承，紧固接线端子").set("result", "电机运行正常，异响消除");
    }

    /** The customer's confirmation recorded online, with a signature attachment (null: none). */
    public static String confirmation(String name, OffsetDateTime occurredAt, String signatureAttachmentId) {
        return JsonBody.of("name", name, "occurredAt", occurredAt, "signatureAttachmentId", signatureAttachmentId);
    }

    /** An attachment announced before its upload. */
    public static String attachment(String fileName, String contentType, long sizeBytes) {
        return JsonBody.of("fileName", fileName, "contentType", contentType, "sizeBytes", sizeBytes);
    }

    /** A customer's own SLA for a severity. */
    public static String sla(String severity, String customerId, int firstResponseHours, int resolutionHours) {
        return JsonBody.of("severity", severity, "customerId", customerId, "firstResponseHours", firstResponseHours,
                "resolutionHours", resolutionHours);
    }

    /** The owner role of a routing rule. */
    public static String route(String ownerRole) {
        return JsonBody.of("ownerRole", ownerRole);
    }

    public static final class OpenCase extends JsonBody<OpenCase> {

        /** CLAIM, COMPLAINT, GRIEVANCE, REPAIR, … */
        public OpenCase type(String type) {
            return set("type", type);
        }

        /** A unit concerned, without a reading. */
        public OpenCase unit(String serialNo) {
            return add("units", JsonBody.object("serialNo", serialNo));
        }

        /** A unit concerned with its mileage on the failure date. */
        public OpenCase unit(String serialNo, int mileageKm) {
            return add("units", JsonBody.object("serialNo", serialNo, "mileageKm", mileageKm));
        }

        /** The failure date (of the incident, for a complaint about service); null leaves it out, as a service request does. */
        public OpenCase failureDate(LocalDate date) {
            return set("failureDate", date);
        }

        /** A service request's purpose: DELIVERY_SERVICE, TRAINING, TECHNICAL_EXCHANGE or COMMISSIONING (null: none). */
        public OpenCase purpose(String purpose) {
            return set("purpose", purpose);
        }

        /** The product line of a case without units (null: the customer's own). */
        public OpenCase productLine(String productLine) {
            return set("productLine", productLine);
        }

        public OpenCase title(String title) {
            return set("title", title);
        }

        public OpenCase description(String description) {
            return set("description", description);
        }

        /** Who reported it; a null phone is left out. */
        public OpenCase reporter(String name, String phone) {
            return set("reporter", JsonBody.object("name", name, "phone", phone));
        }

        /** PHONE, EMAIL, PORTAL, … */
        public OpenCase channel(String channel) {
            return set("channel", channel);
        }

        /** LOW, MEDIUM, HIGH or CRITICAL. */
        public OpenCase severity(String severity) {
            return set("severity", severity);
        }
    }

    public static final class Assignment extends JsonBody<Assignment> {

        public Assignment ownerRole(String ownerRole) {
            return set("ownerRole", ownerRole);
        }

        public Assignment comment(String comment) {
            return set("comment", comment);
        }
    }

    public static final class StationFee extends JsonBody<StationFee> {

        public StationFee labourHours(Object hours) {
            return set("labourHours", hours);
        }

        public StationFee travelKm(Object km) {
            return set("travelKm", km);
        }

        public StationFee travelDays(Object days) {
            return set("travelDays", days);
        }

        public StationFee document(String attachmentId) {
            return add("documents", attachmentId);
        }
    }

    public static final class Cost extends JsonBody<Cost> {

        public Cost description(String description) {
            return set("description", description);
        }

        public Cost incurredOn(LocalDate date) {
            return set("incurredOn", date);
        }

        /** The unit billed: needed when the case's units have different regimes. */
        public Cost serialNo(String serialNo) {
            return set("serialNo", serialNo);
        }
    }

    public static final class Visit extends JsonBody<Visit> {

        public Visit technician(String name) {
            return add("technicians", name);
        }

        public Visit travelRequired(boolean travelRequired) {
            return set("travelRequired", travelRequired);
        }
    }

    public static final class Report extends JsonBody<Report> {

        public Report reading(java.util.UUID id, String name, String value, String unit, OffsetDateTime occurredAt) {
            return add("readings", JsonBody.object("id", id, "name", name, "value", value, "unit", unit, "occurredAt", occurredAt));
        }

        public Report partUsed(String partNo, String name, int quantity) {
            return add("partsUsed", JsonBody.object("partNo", partNo, "name", name, "quantity", quantity));
        }

        /** The customer's confirmation, with a signature image to upload when {@code signatureId} is given. */
        public Report confirmation(String name, OffsetDateTime occurredAt, java.util.UUID signatureId) {
            return set("confirmation", JsonBody.object("name", name, "occurredAt", occurredAt, "signature", signatureId == null
                    ? null : JsonBody.object("id", signatureId, "fileName", "签字.png", "contentType", "image/png", "sizeBytes", 2048)));
        }

        public Report attachment(java.util.UUID id, String fileName, String contentType, long sizeBytes) {
            return add("attachments", JsonBody.object("id", id, "fileName", fileName, "contentType", contentType,
                    "sizeBytes", sizeBytes));
        }

        public Report without(String field) {
            return set(field, null);
        }

        public Report with(String field, Object value) {
            return set(field, value);
        }
    }

    public static final class Completion extends JsonBody<Completion> {

        public Completion partUsed(String partNo, String name, int quantity) {
            return add("partsUsed", JsonBody.object("partNo", partNo, "name", name, "quantity", quantity));
        }
    }
}
