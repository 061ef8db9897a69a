package com.aftersales.warranty;

/** Where the free warranty starts counting: the delivery to the customer, or the first sale to an end user. */
public enum StartBasis {
    DELIVERY, FIRST_SALE
}
