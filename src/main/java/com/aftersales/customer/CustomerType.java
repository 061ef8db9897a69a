package com.aftersales.customer;

/** OEM (vehicle maker), fleet operator, dealer, end user, or a service station that reports on their behalf. */
public enum CustomerType {
    OEM, FLEET, DEALER, END_USER, SERVICE_STATION
}
