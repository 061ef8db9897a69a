package com.aftersales.cases;

/**
 * 投诉 / 抱怨 / 索赔 / 退换货 / 维修, and 服务 (SERVICE): a service request — delivery service, training, technical
 * exchange or commissioning — that is no fault: it has a purpose instead of a failure date and stays out of the
 * complaint and failure KPIs.
 */
public enum CaseType {
    COMPLAINT, GRIEVANCE, CLAIM, RETURN_EXCHANGE, REPAIR, SERVICE;

    /** A complaint or grievance may be about the service itself, and a service request may concern no unit. */
    public boolean mayHaveNoUnit() {
        return this == COMPLAINT || this == GRIEVANCE || this == SERVICE;
    }
}
