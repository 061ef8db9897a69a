package com.aftersales.support;

/** Bodies of the follow-up (回访) endpoints. */
public final class FollowUpBodies {

    private FollowUpBodies() {
    }

    /** The outcome of a call that reached the customer: how satisfied (1 to 5) and whether satisfied at all. */
    public static Outcome contacted(Integer satisfaction, boolean satisfied) {
        return new Outcome().set("contacted", true).set("satisfaction", satisfaction).set("satisfied", satisfied);
    }

    public static final class Outcome extends JsonBody<Outcome> {

        public Outcome comments(String comments) {
            return set("comments", comments);
        }
    }
}
