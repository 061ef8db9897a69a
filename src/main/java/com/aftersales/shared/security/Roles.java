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
    /** Finance: records invoices, payments and settlements of the money the procedure handles. */
    public static final String FINANCE = "FINANCE";
    public static final String CUSTOMER = "CUSTOMER";
    /**
     * An account of a service station (a customer of type SERVICE_STATION): like a customer account it is limited to
     * one station, and it reaches only the endpoints that name it.
     */
    public static final String SERVICE_STATION = "SERVICE_STATION";

    public static final String[] ALL = {ADMIN, GENERAL_MANAGER, AFTER_SALES_MANAGER, SALES_MANAGER, PROJECT_MANAGER,
            SALES, PRODUCT_MANAGER, QUALITY_ENGINEER, ENGINEER, REPAIR, WAREHOUSE, FINANCE, CUSTOMER, SERVICE_STATION};

    /**
     * Every signed-in role but SERVICE_STATION: the endpoints marked {@link AnyRole}, which serve staff and customer
     * accounts (each limited to its customer). A station account is admitted only where an endpoint names it.
     */
    public static final List<String> ANY = List.of(ADMIN, GENERAL_MANAGER, AFTER_SALES_MANAGER, SALES_MANAGER,
            PROJECT_MANAGER, SALES, PRODUCT_MANAGER, QUALITY_ENGINEER, ENGINEER, REPAIR, WAREHOUSE, FINANCE, CUSTOMER);

    /** The company's own people: the endpoints marked {@link AnyStaff}. */
    public static final List<String> STAFF = List.of(ADMIN, GENERAL_MANAGER, AFTER_SALES_MANAGER, SALES_MANAGER,
            PROJECT_MANAGER, SALES, PRODUCT_MANAGER, QUALITY_ENGINEER, ENGINEER, REPAIR, WAREHOUSE, FINANCE);

    /** Roles kept out of {@link #STAFF} by decision: accounts of customers and service stations, who must not see internal data. */
    public static final List<String> NOT_STAFF = List.of(CUSTOMER, SERVICE_STATION);

    private Roles() {
    }
}
