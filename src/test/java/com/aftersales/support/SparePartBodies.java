package com.aftersales.support;

import java.time.LocalDate;

/** Bodies of the spare-part endpoints: parts, stock movements and levels, transfer orders, plans and quotes. */
public final class SparePartBodies {

    private SparePartBodies() {
    }

    /** A part counted in pieces (个) with a unique part number. */
    public static Part part(String name, String marketPrice) {
        return new Part().set("partNo", Api.unique("P")).set("name", name).set("unitOfMeasure", "个").set("marketPrice", marketPrice);
    }

    /** A stock movement (RECEIPT, ISSUE, ADJUSTMENT) at a location. */
    public static Movement movement(String kind, String location, int quantity) {
        return new Movement().set("kind", kind).set("location", location).set("quantity", quantity);
    }

    /** A location's safety stock and reorder point for a part. */
    public static String stockLevels(int safetyStock, int reorderPoint) {
        return JsonBody.of("safetyStock", safetyStock, "reorderPoint", reorderPoint);
    }

    /** A transfer order between locations; add its lines with {@link Transfer#line}. */
    public static Transfer transfer(String fromLocation, String toLocation) {
        return new Transfer().set("fromLocation", fromLocation).set("toLocation", toLocation);
    }

    /** APPROVE or REJECT a transfer order. */
    public static String decision(String decision) {
        return JsonBody.of("decision", decision);
    }

    public static String shipment(String carrier, String trackingNo, LocalDate shippedOn) {
        return JsonBody.of("carrier", carrier, "trackingNo", trackingNo, "shippedOn", shippedOn);
    }

    /** A plan for a location from the consumption of some months, for a period; null months are left out. */
    public static String plan(String location, Integer monthsBasis, Integer periodMonths) {
        return JsonBody.of("location", location, "monthsBasis", monthsBasis, "periodMonths", periodMonths);
    }

    /** A plan's review: quantities changed and whether it is accepted. */
    public static PlanReview review(boolean accept) {
        return new PlanReview().set("accept", accept);
    }

    /** A quote for a chargeable case; add its parts with {@link Quote#part}. */
    public static Quote quote(String labourHours, String labourRateCny) {
        return new Quote().set("labourHours", labourHours).set("labourRateCny", labourRateCny);
    }

    /** The customer's answer to a quote. */
    public static String quoteDecision(boolean accept) {
        return JsonBody.of("accept", accept);
    }

    /** The customer declines a quote, and says why. */
    public static String quoteDeclined(String reason) {
        return JsonBody.of("accept", false, "reason", reason);
    }

    public static final class Part extends JsonBody<Part> {

        public Part partNo(String partNo) {
            return set("partNo", partNo);
        }

        public Part productModel(String model) {
            return add("productModels", model);
        }

        public Part wearPart(boolean wearPart) {
            return set("wearPart", wearPart);
        }

        /** The company's own cost of the part (a decimal string). */
        public Part standardCost(String standardCost) {
            return set("standardCost", standardCost);
        }
    }

    public static final class Movement extends JsonBody<Movement> {

        /** The case an issue is for. */
        public Movement caseId(String caseId) {
            return set("caseId", caseId);
        }

        /** Why stock was adjusted. */
        public Movement reason(String reason) {
            return set("reason", reason);
        }

        /** The unit of the case an issue is billed by. */
        public Movement serialNo(String serialNo) {
            return set("serialNo", serialNo);
        }
    }

    public static final class Transfer extends JsonBody<Transfer> {

        public Transfer caseId(String caseId) {
            return set("caseId", caseId);
        }

        public Transfer line(String partId, int quantity) {
            return add("lines", JsonBody.object("partId", partId, "quantity", quantity));
        }
    }

    public static final class PlanReview extends JsonBody<PlanReview> {

        public PlanReview accepted(String partId, int quantity) {
            return add("lines", JsonBody.object("partId", partId, "accepted", quantity));
        }
    }

    public static final class Quote extends JsonBody<Quote> {

        /** The stock location its parts are issued from when accepted (HQ by default). */
        public Quote location(String location) {
            return set("location", location);
        }

        public Quote part(String partId, int quantity) {
            return add("parts", JsonBody.object("partId", partId, "quantity", quantity));
        }
    }
}
