package com.aftersales.support;

import java.util.List;

/** Bodies of the return endpoints: authorisation, tests, verdicts, dispositions and restocking. */
public final class ReturnBodies {

    private ReturnBodies() {
    }

    /** Units of a case authorised for return, for a reason. */
    public static String authorise(String caseId, String reason, String... serialNos) {
        return JsonBody.of("caseId", caseId, "serialNos", List.of(serialNos), "reason", reason);
    }

    /** A test of a returned unit and whether it reproduced the failure. */
    public static Test test(String serialNo, String testName, boolean reproduced) {
        return new Test().set("serialNo", serialNo).set("testName", testName).set("reproduced", reproduced);
    }

    /** The verdicts on a return's units; add them with {@link Verdict#unit}. */
    public static Verdict verdict() {
        return new Verdict();
    }

    /** A unit's verdict (DEFECT_CONFIRMED, NTF, …). */
    public static Judgement judgement(String serialNo, String verdict) {
        return new Judgement().set("serialNo", serialNo).set("verdict", verdict);
    }

    /** What becomes of one returned unit (REPAIR, REPLACE, SCRAP, …). */
    public static String disposition(String serialNo, String disposition) {
        return disposition(serialNo, disposition, null);
    }

    /** A replacement names the new unit's serial. */
    public static String disposition(String serialNo, String disposition, String replacementSerial) {
        return JsonBody.of("units", List.of(JsonBody.object("serialNo", serialNo, "disposition", disposition,
                "replacementSerial", replacementSerial)));
    }

    /** A repaired unit back in stock at a warehouse location. */
    public static String restock(String serialNo, String location) {
        return JsonBody.of("serialNo", serialNo, "location", location);
    }

    public static final class Test extends JsonBody<Test> {

        public Test conditions(String conditions) {
            return set("conditions", conditions);
        }

        public Test measured(String measured) {
            return set("measured", measured);
        }

        /** A retest after repair, and whether the unit passed it. */
        public Test retest(boolean passed) {
            return set("retest", true).set("passed", passed);
        }
    }

    public static final class Verdict extends JsonBody<Verdict> {

        public Verdict unit(Judgement judgement) {
            return add("units", judgement);
        }
    }

    public static final class Judgement extends JsonBody<Judgement> {

        /** DESIGN, MANUFACTURING_PROCESS, PURCHASED_PART, … */
        public Judgement causeCategory(String causeCategory) {
            return set("causeCategory", causeCategory);
        }

        /** The supplier (an active supplier record, by its code) who pays a share (0 to 1) of the verified costs. */
        public Judgement supplier(String supplierCode, double share) {
            return set("supplierCode", supplierCode).set("supplierShare", share);
        }
    }
}
