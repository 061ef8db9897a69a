package com.aftersales;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.SysPropConfigSource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The mapping reads application.properties and the environment as the scattered @ConfigProperty injections did: the
 * environment variables of the README and of infra/ (per-job AFTERSALES_JOBS_&lt;JOB&gt;_CRON beside fixed keys such as
 * AFTERSALES_JOBS_WORK_MEM) land on the same properties. Built by hand, as Quarkus builds it, without starting the app.
 */
class AftersalesConfigTest {

    private static AftersalesConfig config(String profile, Map<String, String> environment) throws IOException {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withProfile(profile)
                .addDefaultInterceptors()
                .withSources(new PropertiesConfigSource(AftersalesConfigTest.class.getClassLoader().getResource("application.properties"), 250))
                .withSources(new EnvConfigSource(environment, 300))
                .withSources(new SysPropConfigSource())
                // Quarkus's own converter: "1s,4s" and "1h" are not ISO-8601.
                .withConverter(Duration.class, 100, new DurationConverter())
                .withMapping(AftersalesConfig.class)
                .build();
        return config.getConfigMapping(AftersalesConfig.class);
    }

    private static Optional<String> cron(AftersalesConfig config, String job) {
        return Optional.ofNullable(config.jobs().byName().get(job)).flatMap(AftersalesConfig.Jobs.Schedule::cron);
    }

    @Test
    void applicationPropertiesGiveTheDocumentedDefaults() throws IOException {
        AftersalesConfig config = config("prod", Map.of());
        assertThat(config.zone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
        assertThat(cron(config, "follow-up")).contains("0 0 9 * * ?");
        assertThat(cron(config, "problem-digest")).contains("0 0 8 ? * MON");
        assertThat(cron(config, "kpi-aggregates")).contains("0 10 * * * ?");
        assertThat(config.kpi().aggregates().recentMonths()).isEqualTo(3);
        assertThat(config.kpi().aggregates().fullEvery()).isEqualTo(Duration.ofDays(7));
        assertThat(config.jobs().byName()).containsOnlyKeys("warranty-expiry", "sla-breach", "safety-stock", "recall-reminder",
                "follow-up", "eight-d-overdue", "problem-digest", "retention", "notice-sender",
                "kpi-aggregates");
        assertThat(config.jobs().inProcess()).isFalse();
        assertThat(config.mail().transport()).isEqualTo(AftersalesConfig.Mail.Transport.SMTP);
        assertThat(config.mail().from()).isEqualTo("aftersales@example.cn");
        assertThat(config.mail().ses().endpoint()).isEmpty();
        assertThat(config.jobs().workMem()).isEqualTo("64MB");
        assertThat(config.snapstart().priming()).isTrue();
        assertThat(config.snapstart().warmIterations()).isEqualTo(2000);
        assertThat(config.jobs().retryDelays()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(4));
        assertThat(config.jobs().abandonedAfter()).isEqualTo(Duration.ofHours(1));
        assertThat(config.jobs().warrantyExpiry().days()).containsExactly(60, 30);
        assertThat(config.attachments().store()).isEqualTo("s3");
        assertThat(config.attachments().bucket()).isEmpty();
        assertThat(config.webhooks().allowHttp()).isFalse();
        assertThat(config.webhooks().internalAllowList()).isEmpty();
        assertThat(config.webhooks().credentialsKey()).isEmpty();
        assertThat(config.attachments().perCaseMaxCount()).isEqualTo(200);
        assertThat(config.attachments().perCaseMaxBytes()).isEqualTo(1L << 30);
        assertThat(config.attachments().unconfirmedExpiry()).isEqualTo(Duration.ofHours(24));
        assertThat(config.webhooks().timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.units().importing().maxRows()).isEqualTo(50000);
        assertThat(config.idempotency().waitForFirst()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.warranty().contractActivation()).isEqualTo(AftersalesConfig.Warranty.ContractActivation.SIGNING);
        assertThat(config("prod", Map.of("AFTERSALES_WARRANTY_CONTRACT_ACTIVATION", "payment")).warranty().contractActivation())
                .isEqualTo(AftersalesConfig.Warranty.ContractActivation.PAYMENT);

        AftersalesConfig test = config("test", Map.of());
        assertThat(cron(test, "follow-up")).contains("off");
        assertThat(test.jobs().inProcess()).isTrue();
        assertThat(test.attachments().store()).isEqualTo("local");
        assertThat(test.webhooks().allowHttp()).isTrue();
        assertThat(test.webhooks().internalAllowList()).contains(List.of("127.0.0.1/32"));
    }

    @Test
    void environmentVariablesOverrideJobCronsBesideTheFixedJobKeys() throws IOException {
        AftersalesConfig config = config("prod", Map.of(
                "AFTERSALES_JOBS_FOLLOW_UP_CRON", "0 30 6 * * ?",
                "AFTERSALES_JOBS_EIGHT_D_OVERDUE_CRON", "off",
                "AFTERSALES_JOBS_WORK_MEM", "128MB",
                "AFTERSALES_JOBS_RETRY_DELAYS", "2s",
                "AFTERSALES_JOBS_WARRANTY_EXPIRY_DAYS", "90,30",
                "AFTERSALES_JOBS_IN_PROCESS", "true",
                "AFTERSALES_ZONE", "Europe/Berlin",
                // Read only by quarkus.* expressions (infra sets them): no property of the mapping, and no harm to it.
                "AFTERSALES_JWT_ISSUER", "https://cognito-idp.example/pool",
                "AFTERSALES_DB_POOL_MAX", "8"));
        assertThat(cron(config, "follow-up")).contains("0 30 6 * * ?");
        assertThat(cron(config, "eight-d-overdue")).contains("off");
        assertThat(cron(config, "sla-breach")).contains("0 */15 * * * ?");
        assertThat(config.jobs().byName()).doesNotContainKeys("work-mem", "work", "retry-delays", "in-process");
        assertThat(config.jobs().workMem()).isEqualTo("128MB");
        assertThat(config.jobs().retryDelays()).containsExactly(Duration.ofSeconds(2));
        assertThat(config.jobs().warrantyExpiry().days()).isEqualTo(List.of(90, 30));
        assertThat(config.jobs().inProcess()).isTrue();
        assertThat(config.zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
    }

    @Test
    void theMailTransportAndSenderComeFromTheEnvironment() throws IOException {
        AftersalesConfig config = config("prod", Map.of("AFTERSALES_MAIL_TRANSPORT", "ses",
                "AFTERSALES_MAIL_FROM", "service@aftersales.example.com"));
        assertThat(config.mail().transport()).isEqualTo(AftersalesConfig.Mail.Transport.SES);
        assertThat(config.mail().from()).isEqualTo("service@aftersales.example.com");
        assertThat(config("prod", Map.of("AFTERSALES_MAIL_TRANSPORT", "smtp")).mail().transport())
                .isEqualTo(AftersalesConfig.Mail.Transport.SMTP);
    }
}
