package com.aftersales.cases;

/**
 * What a service request (case type SERVICE) is for: 交付服务 / 培训 / 技术交流 / 调试 (§7.1.1); the names are those of the
 * visit purposes ({@link FieldVisit.Purpose}) but on-site repair, which is a fault case's.
 */
public enum ServicePurpose {
    DELIVERY_SERVICE, TRAINING, TECHNICAL_EXCHANGE, COMMISSIONING
}
