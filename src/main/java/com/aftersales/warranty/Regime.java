package com.aftersales.warranty;

/** Who pays for service on a given day (BRIEF.md step 2). */
public enum Regime {
    /** 包修: free repair or replacement. */
    FREE_WARRANTY,
    /** 保修: as the paid service contract says. */
    SERVICE_CONTRACT,
    /** 无保修协议: parts and service at the current market price. */
    CHARGEABLE
}
