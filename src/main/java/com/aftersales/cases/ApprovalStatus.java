package com.aftersales.cases;

/** The general manager's approval of a major case's action plan (总经理审批). */
public enum ApprovalStatus {
    NOT_REQUIRED, PLAN_MISSING, PENDING, APPROVED, REJECTED
}
