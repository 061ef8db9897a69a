package com.aftersales.warranty;

/**
 * When a service contract starts to cover its dates: at signing, or only from the day its fee was paid. Each contract
 * keeps the rule in force when it was signed ({@code AFTERSALES_WARRANTY_CONTRACT_ACTIVATION}).
 */
public enum ActivationRule {
    SIGNING, PAYMENT
}
