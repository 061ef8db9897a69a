package com.aftersales.notify;

import com.aftersales.AftersalesConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.SesV2ClientBuilder;
import software.amazon.awssdk.services.sesv2.model.SendEmailRequest;

import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * Notices through the Amazon SES API (SESv2 SendEmail) under the function's execution role ({@code ses:SendEmail} on
 * the sending identity): no IAM user, no SMTP password. The region is the function's (AWS_REGION). SES replaces any
 * Message-ID with its own, so the delivery id travels as {@code X-Aftersales-Delivery}, the webhooks' header.
 */
@ApplicationScoped
@Typed(SesMail.class)
class SesMail implements MailTransport {

    static final String DELIVERY_HEADER = "X-Aftersales-Delivery";

    @Inject
    AftersalesConfig config;

    private volatile SesV2Client client;

    private SesV2Client client() {
        if (client == null) {
            synchronized (this) {
                if (client == null) {
                    SesV2ClientBuilder builder = SesV2Client.builder().httpClientBuilder(UrlConnectionHttpClient.builder());
                    config.mail().ses().endpoint().map(URI::create).ifPresent(builder::endpointOverride);
                    client = builder.build();
                }
            }
        }
        return client;
    }

    @Override
    public void send(Email email) {
        String utf8 = StandardCharsets.UTF_8.name();
        // An SES error (rejected, throttled, unavailable) is an SdkException: the delivery fails and is retried.
        client().sendEmail(SendEmailRequest.builder()
                .fromEmailAddress(config.mail().from())
                .destination(d -> d.toAddresses(email.to()))
                .content(c -> c.simple(m -> m
                        .subject(s -> s.data(email.subject()).charset(utf8))
                        .body(b -> b.text(t -> t.data(email.text()).charset(utf8)))
                        .headers(h -> h.name(DELIVERY_HEADER).value(email.deliveryId().toString()))))
                .build());
    }

    @PreDestroy
    void close() {
        if (client != null) {
            client.close();
        }
    }
}
