package com.aftersales.shared.billing;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Where an amount billed to a customer stands (a service contract's fee, a case's chargeable work). */
@Schema(name = "BillingStatus")
public enum BillingStatus { NOT_INVOICED, INVOICED, PAID }
