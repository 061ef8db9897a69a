package com.aftersales.warranty;

/**
 * What a term gives a replacement unit (disposition REPLACE on a return): the free warranty of the unit it replaced,
 * ending where that one's ends (INHERIT, the default), or a free warranty of its own from its delivery (OWN).
 */
public enum ReplacementWarranty {
    INHERIT, OWN
}
