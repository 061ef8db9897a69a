package com.aftersales.support;

import java.time.LocalDate;

/** Bodies of the recall endpoints: campaigns and their criteria, filing and each unit's remedy. */
public final class RecallBodies {

    private RecallBodies() {
    }

    /** A campaign to replace a controller's capacitor board, with a code no other test uses. */
    public static Campaign campaign(Criteria criteria) {
        return new Campaign().set("code", Api.unique("RC"))
                .describedAs("控制器电容失效召回", "电容耐压不足可能击穿", "行驶中可能失去动力", "更换控制器电容板").set("criteria", criteria);
    }

    /** Which units a campaign covers: every criterion given must hold; none given is refused. */
    public static Criteria criteria() {
        return new Criteria();
    }

    /** A filing that names no reference: the campaign's own is used (none is refused). */
    public static String filing() {
        return JsonBody.of();
    }

    public static String filing(String filingReference) {
        return JsonBody.of("filingReference", filingReference);
    }

    /** A unit's remedy status (NOTIFIED, SCHEDULED, REMEDIED, EXEMPT, UNREACHABLE). */
    public static Remedy remedy(String status) {
        return new Remedy().set("status", status);
    }

    public static final class Campaign extends JsonBody<Campaign> {

        public Campaign code(String code) {
            return set("code", code);
        }

        /** The reference of the filing with the regulator (SAMR). */
        public Campaign filingReference(String filingReference) {
            return set("filingReference", filingReference);
        }

        /** Title, defect, risk and remedy. */
        public Campaign describedAs(String title, String defect, String risk, String remedy) {
            return set("title", title).set("defectDescription", defect).set("safetyRisk", risk).set("remedy", remedy);
        }
    }

    public static final class Criteria extends JsonBody<Criteria> {

        public Criteria productModel(String model) {
            return add("productModels", model);
        }

        public Criteria customerId(String customerId) {
            return add("customerIds", customerId);
        }

        /** Units whose current version of the component is in the list, or (below not null) numerically below it. */
        public Criteria software(String component, java.util.List<String> versions, String below) {
            return set("software", JsonBody.object("component", component, "versions", versions, "below", below));
        }

        public Criteria batch(String batch) {
            return add("batches", batch);
        }

        public Criteria producedBetween(LocalDate from, LocalDate to) {
            return set("productionFrom", from).set("productionTo", to);
        }

        public Criteria serialRange(String from, String to) {
            return add("serialRanges", JsonBody.object("from", from, "to", to));
        }

        public Criteria serial(String serialNo) {
            return add("serials", serialNo);
        }
    }

    public static final class Remedy extends JsonBody<Remedy> {

        public Remedy date(LocalDate date) {
            return set("date", date);
        }

        public Remedy where(String where) {
            return set("where", where);
        }

        public Remedy reason(String reason) {
            return set("reason", reason);
        }
    }
}
