package com.aftersales.shared.security;

/** The service's roles: JWT groups (Cognito user-pool groups in the cloud). */
public final class Roles {
    public static final String ADMIN = "ADMIN";
    public static final String GENERAL_MANAGER = "GENERAL_MANAGER";
    public static final String AFTER_SALES_MANAGER = "AFTER_SALES_MANAGER";
    public static final String SALES_MANAGER = "SALES_MANAGER";
    public static final String PROJECT_MANAGER = "PROJECT_MANAGER";
    public static final String SALES = "SALES";
    public static final String PRODUCT_MANAGER = "PRODUCT_MANAGER";
    public static final String QUALITY_ENGINEER = "QUALITY_ENGINEER";
    public static final String ENGINEER = "ENGINEER";
    public static final String REPAIR = "REPAIR";
    public static final String WAREHOUSE = "WAREHOUSE";
    public static final String CUSTOMER = "CUSTOMER";

    public static final String[] ALL = {ADMIN, GENERAL_MANAGER, AFTER_SALES_MANAGER, SALES_MANAGER, PROJECT_MANAGER,
            SALES, PRODUCT_MANAGER, QUALITY_ENGINEER, ENGINEER, REPAIR, WAREHOUSE, CUSTOMER};

    private Roles() {
    }
}
