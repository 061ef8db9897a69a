package com.aftersales.notify;

import com.aftersales.AftersalesConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;

/** The mail transport of {@code aftersales.mail.transport} (AFTERSALES_MAIL_TRANSPORT=smtp|ses), chosen at start. */
@ApplicationScoped
class MailTransports {

    @Produces
    @ApplicationScoped
    MailTransport transport(AftersalesConfig config, Instance<SmtpMail> smtp, Instance<SesMail> ses) {
        return switch (config.mail().transport()) {
            case SMTP -> smtp.get();
            case SES -> ses.get();
        };
    }
}
