package com.aftersales.notify;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;

/** Notices through an SMTP relay (quarkus.mailer.*: the China target's relay; a mock mailbox in dev and tests). */
@ApplicationScoped
@Typed(SmtpMail.class)
class SmtpMail implements MailTransport {

    @Inject
    Mailer mailer;

    @Override
    public void send(Email email) {
        // The delivery id is the Message-ID.
        mailer.send(Mail.withText(email.to(), email.subject(), email.text())
                .addHeader("Message-ID", "<" + email.deliveryId() + "@aftersales>"));
    }
}
