package com.aftersales.cases;

/** 投诉 / 抱怨 / 索赔 / 退换货 / 维修. */
public enum CaseType {
    COMPLAINT, GRIEVANCE, CLAIM, RETURN_EXCHANGE, REPAIR
}
