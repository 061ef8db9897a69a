package com.aftersales.cases;

/** How the report reached the company. */
public enum Channel {
    PHONE, EMAIL, WECHAT, ON_SITE, PORTAL, MOBILE_APP, LETTER, OTHER
}
