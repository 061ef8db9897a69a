package com.aftersales.shared.billing;

import com.aftersales.shared.error.ProblemException;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A payment against an invoice, recorded once and in full (no partial payments): its date, the bank or voucher
 * reference and the amount (CNY, exact to the fen). Used for service-contract fees and for a case's chargeable work.
 */
@Schema(name = "InvoicePayment")
public record PaymentRequest(
        @NotNull LocalDate paidOn,
        @NotBlank @Size(max = 200) String paymentRef,
        @NotNull @DecimalMin("0.00") @DecimalMax("999999999999.99") @Digits(integer = 12, fraction = 2) BigDecimal amountCny) {

    /** 422 naming the field: dated after today or before the invoice, or not the whole amount due. */
    public void check(LocalDate today, LocalDate invoicedOn, BigDecimal due) {
        if (paidOn.isAfter(today)) {
            throw ProblemException.invalid("paidOn", "cases.date_in_future");
        }
        if (paidOn.isBefore(invoicedOn)) {
            throw ProblemException.invalid("paidOn", "billing.paid_before_invoice", invoicedOn);
        }
        if (amountCny.compareTo(due) != 0) {
            throw ProblemException.invalid("amountCny", "billing.payment_not_due", due.setScale(2).toPlainString());
        }
    }
}
