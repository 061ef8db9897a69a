package com.aftersales.shared.security;

import java.util.List;

/**
 * The service's roles: JWT groups (Cognito user-pool groups in the cloud), and the named groups of them that endpoints
 * admit ({@link AnyRole}, {@link AnyStaff}). The groups are listed role by role, never derived from {@link #ALL}, so a
 * new role reaches no endpoint until someone puts it into a group on purpose.
 */
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

    /** Every signed-in role: the endpoints marked {@link AnyRole}. */
    public static final List<String> ANY = List.of(ADMIN, GENERAL_MANAGER, AFTER_SALES_MANAGER, SALES_MANAGER,
            PROJECT_MANAGER, SALES, PRODUCT_MANAGER, QUALITY_ENGINEER, ENGINEER, REPAIR, WAREHOUSE, CUSTOMER);

    /** The company's own people: the endpoints marked {@link AnyStaff}. */
    public static final List<String> STAFF = List.of(ADMIN, GENERAL_MANAGER, AFTER_SALES_MANAGER, SALES_MANAGER,
            PROJECT_MANAGER, SALES, PRODUCT_MANAGER, QUALITY_ENGINEER, ENGINEER, REPAIR, WAREHOUSE);

    /** Roles kept out of {@link #STAFF} by decision: accounts of customers, who must not see internal data. */
    public static final List<String> NOT_STAFF = List.of(CUSTOMER);

    private Roles() {
    }
}
