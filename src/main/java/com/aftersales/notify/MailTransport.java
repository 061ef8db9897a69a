package com.aftersales.notify;

import java.util.UUID;

/**
 * How a notice e-mail leaves: SMTP ({@link SmtpMail}, quarkus-mailer) or the Amazon SES API ({@link SesMail}), chosen
 * by {@code aftersales.mail.transport} ({@link MailTransports}). A failure throws, and the notice sender retries the
 * delivery by the outbox rules.
 */
public interface MailTransport {

    /** A plain-text notice to one address; the delivery id makes a resend after a crash recognisable. */
    record Email(String to, String subject, String text, UUID deliveryId) {
    }

    void send(Email email);
}
