package com.aftersales.unit;

/** Where a unit's software version came from: the factory, a service visit, an over-the-air update, a recall remedy, an import. */
public enum SoftwareSource {
    FACTORY, SERVICE_VISIT, OTA, RECALL_REMEDY, IMPORT
}
