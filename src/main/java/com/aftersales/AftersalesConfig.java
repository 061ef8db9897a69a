package com.aftersales;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import io.smallrye.config.WithParentName;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Period;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The service's own settings, every {@code aftersales.*} property in one place (values and their comments:
 * {@code application.properties}; environment variables: the README). Each area reads its group.
 */
@ConfigMapping(prefix = "aftersales")
public interface AftersalesConfig {

    /** The business time zone: "today", dates, KPI periods, the in-process jobs' cron (see shared.time). */
    ZoneId zone();

    Security security();

    /** The migration function's database (shared.migration); its secrets are read at start (shared.secrets). */
    Db db();

    /** The SMTP password's secret, read at start into quarkus.mailer.password (shared.secrets). */
    Smtp smtp();

    Idempotency idempotency();

    Units units();

    /** The historical ledger import (客诉台帐, returns ledger). */
    Ledger ledger();

    Http http();

    /** Metrics beyond Micrometer's registry: CloudWatch embedded metric format lines in Lambda (shared.observe). */
    Metrics metrics();

    /** Lambda SnapStart's priming hook (shared.lambda.SnapStartPriming; JVM build only). */
    SnapStart snapstart();

    Cases cases();

    /** Paid service contracts (保修协议). */
    Warranty warranty();

    /** Offline field work: how far the times a field engineer's device states may lie from the service's clock. */
    Field field();

    Attachments attachments();

    Returns returns();

    /** Spare parts. */
    Parts parts();

    Recalls recalls();

    FollowUps followUps();

    Notices notices();

    Mail mail();

    Webhooks webhooks();

    Kpi kpi();

    Jobs jobs();

    interface Security {
        /** The JWT claim that carries a CUSTOMER account's customer id. */
        String customerClaim();

        /** The JWT claim that carries a SERVICE_STATION account's station (a customer of type SERVICE_STATION). */
        @WithDefault("station_id")
        String stationClaim();

        /**
         * The identity provider's app client ids this service accepts (AFTERSALES_SECURITY_CLIENT_IDS): a token's
         * {@code client_id} (Cognito access tokens) or one of its {@code aud} values must be one of them. None given,
         * no token is accepted.
         */
        Optional<List<String>> clientIds();

        /** The claim that tells an access token from an id token (Cognito: token_use). */
        @WithDefault("token_use")
        String useClaim();

        /** The values of {@link #useClaim()} accepted: access tokens only. */
        @WithDefault("access")
        List<String> acceptedUse();
    }

    /** The per-caller limit on expensive reports (shared.ratelimit). */
    ReportLimit reportLimit();

    interface ReportLimit {
        /** Reports one caller may request per window. */
        @WithDefault("20")
        int perCaller();

        /** The fixed window (whole minutes). */
        @WithDefault("PT5M")
        Duration window();
    }

    interface Db {
        /**
         * PostgreSQL statement_timeout (PostgreSQL units: 10s, 20s, 10min): a statement running longer is cancelled
         * (SQLState 57014), so a runaway query ends even when its function is killed. A request's is the application
         * role's default (set by the migration function; dev and tests: on each new connection), a KPI report's and a
         * job's are local to their transaction.
         */
        StatementTimeout statementTimeout();

        interface StatementTimeout {
            @WithDefault("10s")
            String request();

            @WithDefault("20s")
            String kpi();

            @WithDefault("10min")
            String jobs();
        }

        /** The RDS-managed master secret (JSON username, password); set only on the migration function. */
        Optional<String> masterSecretArn();

        /** The application role's secret (JSON username aftersales_app, password), read on every migration run. */
        Optional<String> appSecretArn();

        /** JDBC URL of the RDS instance itself (not the proxy), sslmode=verify-full. */
        Optional<String> instanceJdbcUrl();

        /** The RDS CA bundle (PEM) for verify-full; default: rds-ca-bundle.pem in the function's task root. */
        Optional<String> caBundle();

        /**
         * Whether aftersales_app logs in to the database with IAM tokens (RDS Proxy with end-to-end IAM
         * authentication): then it gets rds_iam. False while the proxy logs in with the app secret's password.
         */
        @WithDefault("false")
        boolean appIamAuth();
    }

    interface Smtp {
        /** Secrets Manager secret whose plain-text value is the SMTP password (China target: the external relay). */
        Optional<String> secretArn();
    }

    interface Idempotency {
        /** How long idempotency keys are kept. */
        Duration retention();

        /** How long a retry waits for the first request with the same key before answering 409. */
        @WithName("wait")
        Duration waitForFirst();
    }

    interface Units {
        @WithName("import")
        Import importing();

        interface Import {
            /** Most rows one unit import may carry. */
            int maxRows();
        }
    }

    interface Ledger {
        @WithName("import")
        Import importing();

        interface Import {
            /** Most rows one ledger import may carry. */
            int maxRows();
        }
    }

    interface Http {
        /** Bodies above this get a 413 problem. */
        long maxBodyBytes();
    }

    interface Metrics {
        /**
         * Write CloudWatch embedded metric format lines to standard output (one per request, job run and notice-sender
         * run). Unset: on exactly when the process runs in Lambda (AWS_LAMBDA_FUNCTION_NAME is set).
         */
        Optional<Boolean> emf();

        /** The CloudWatch namespace of those metrics. */
        String namespace();
    }

    interface SnapStart {
        /** Register the hook at start (it only fires around a SnapStart snapshot). */
        @WithDefault("true")
        boolean priming();

        /** Runs of each Primer before the snapshot. */
        @WithDefault("2000")
        int warmIterations();
    }

    interface Cases {
        /** A new case is a possible duplicate of an open case, or of one closed within this window... */
        Period duplicateWindow();

        /** ...whose failure description is at least this similar. */
        double duplicateSimilarity();

        /** A case's cost lines of one category above this total (CNY) also need the general manager. */
        BigDecimal costGmThreshold();

        /** Owner of a case that names no unit and whose customer has no unit to take a product line from. */
        @WithDefault("AFTER_SALES_MANAGER")
        String defaultOwnerRole();

        /**
         * A service station's fee for a visit is still accepted this many days after the day its case closed (business
         * zone): the one exception to "no cost lines on closed cases".
         */
        @WithDefault("60")
        int stationFeeWindowDays();
    }

    interface Warranty {
        /**
         * When a newly signed service contract starts to cover its dates: at signing, or only from the day its fee is
         * paid. Recorded on each contract as it is signed: a later change applies to contracts signed after it.
         */
        @WithDefault("signing")
        ContractActivation contractActivation();

        enum ContractActivation { SIGNING, PAYMENT }
    }

    interface Field {
        /** A visit's record (start, completion, reading, confirmation) may have occurred at most this long ago. */
        @WithDefault("P7D")
        Duration offlineWindow();

        /** ...and at most this far in the future (the device's clock running ahead). */
        @WithDefault("PT5M")
        Duration clockSkew();
    }

    /** Case attachments: bytes in object storage, moved by the client through pre-signed URLs. */
    interface Attachments {
        /** {@code s3} in the cloud, {@code local} in dev and tests (a build-time choice, see shared.storage). */
        String store();

        /** S3 bucket of the attachments. */
        Optional<String> bucket();

        /**
         * Another S3-compatible endpoint than AWS's (path-style requests), e.g. a local S3 server in the packaged
         * function's integration tests; unset in AWS, where the SDK picks the region's endpoint.
         */
        Optional<URI> s3Endpoint();

        /** Folder of the local store. */
        String localDir();

        /** HMAC key signing the local store's URLs; a random one per process when unset. */
        Optional<String> signingKey();

        @WithDefault("PT15M")
        Duration urlTtl();

        long maxBytes();

        Set<String> contentTypes();

        /** Most files one case may hold (confirmed, or announced and not yet expired). */
        @WithDefault("200")
        int perCaseMaxCount();

        /** Most bytes one case may hold (confirmed, or announced and not yet expired). */
        @WithDefault("1073741824")
        long perCaseMaxBytes();

        /** An announced file not confirmed within this time is removed with its bytes (well above the URL's validity). */
        @WithDefault("PT24H")
        Duration unconfirmedExpiry();
    }

    interface Parts {
        /** Where the parts of an accepted quote are issued from when the quote names no location. */
        @WithDefault("HQ")
        String quoteLocation();
    }

    interface Returns {
        /** The customer's share of a case's verified costs for each unit judged NTF. */
        BigDecimal ntfCustomerShare();

        /** Who is told of a unit disposed for repair, by the group it is routed to (§7.2.7). */
        RepairRecipients repairRecipients();
    }

    /** The role told of a repair routed to each group: the repair group, production, the trial workshop. */
    interface RepairRecipients {
        @WithDefault("REPAIR")
        String repairGroup();

        @WithDefault("REPAIR")
        String production();

        @WithDefault("REPAIR")
        String trialWorkshop();
    }

    interface Recalls {
        /** Records of a recall campaign are under legal hold for this many years after activation. */
        int legalHoldYears();

        @WithName("import")
        Import importing();

        interface Import {
            /** Most rows one remedy import may carry. */
            int maxRows();
        }
    }

    interface FollowUps {
        /** After this many unsatisfied rounds the case owner's manager is told. */
        int escalateAfterRounds();
    }

    interface Notices {
        /** Attempts before a delivery is given up as DEAD. */
        int maxAttempts();

        /**
         * Where the roles, customer and status of a user who asked for notice e-mail are read when a notice is sent:
         * {@code cognito} (the user pool; a user not found or disabled gets nothing) or {@code recorded} (the roles the
         * user's token carried when the preferences were last saved: for an identity provider without a directory API).
         */
        @WithDefault("recorded")
        Directory directory();

        /** The Cognito user pool of {@code directory=cognito}. */
        Optional<String> userPoolId();

        /** Tests only: a local endpoint speaking the Cognito user-pool API instead of the region's. */
        Optional<URI> cognitoEndpoint();

        /** How old a user's looked-up roles and status may be when a notice is sent. */
        @WithDefault("PT5M")
        Duration directoryMaxAge();

        enum Directory { RECORDED, COGNITO }
    }

    /** Notice e-mail: how it leaves and from whom. */
    interface Mail {
        /** smtp: quarkus.mailer.* (an SMTP relay); ses: the Amazon SES API under the function's execution role. */
        @WithDefault("smtp")
        Transport transport();

        /** The sender of every notice e-mail (an identity verified in SES, or one the SMTP relay accepts). */
        String from();

        Ses ses();

        enum Transport { SMTP, SES }

        interface Ses {
            /** Tests only: a local endpoint speaking the SESv2 API instead of the region's (unset in AWS). */
            Optional<String> endpoint();
        }
    }

    interface Webhooks {
        /** Plain http only where a local receiver is expected (dev and tests); https everywhere else. */
        @WithDefault("false")
        boolean allowHttp();

        /** How long a delivery may take in all: connecting, sending, the answer's status and its body (one deadline). */
        @WithDefault("PT5S")
        Duration timeout();

        /**
         * Tests and dev only: address ranges (CIDR, e.g. {@code 127.0.0.1/32}) a webhook may reach although they are
         * internal (loopback, private, link-local, unique-local…); unset in prod, where every internal address is refused.
         */
        Optional<List<String>> internalAllowList();

        /**
         * Base64 of the 256-bit AES key that seals the robot URLs and signing secrets at rest (shared.secrets.SealedText);
         * in AWS read at start from the secret {@code AFTERSALES_WEBHOOKS_KEY_SECRET_ARN}. Without it no webhook can be
         * registered or sent to.
         */
        Optional<String> credentialsKey();

        /** The Secrets Manager secret holding {@link #credentialsKey()}, read at start (shared.secrets). */
        Optional<String> keySecretArn();
    }

    interface Kpi {
        /** PostgreSQL work_mem of a KPI report's read transaction. */
        String workMem();

        /** The monthly aggregates behind the dashboard, kept by the kpi-aggregates job. */
        Aggregates aggregates();

        interface Aggregates {
            /** Each run recomputes this many months up to the current one (records of recent months still change). */
            @WithDefault("3")
            int recentMonths();

            /** A run recomputes every month when the last full recompute is older than this (late edits to old months). */
            @WithDefault("P7D")
            Duration fullEvery();
        }
    }

    interface Jobs {
        /** In-process timers (dev mode, a container); off in Lambda, where EventBridge Scheduler invokes the jobs function. */
        @WithDefault("true")
        boolean inProcess();

        /** PostgreSQL work_mem of a job's transaction. */
        String workMem();

        /** A run still RUNNING this long after its start lost its process. */
        Duration abandonedAfter();

        /** Pauses before a job run tries again after a transient database failure. */
        List<Duration> retryDelays();

        WarrantyExpiry warrantyExpiry();

        RecallReminder recallReminder();

        EightDOverdue eightDOverdue();

        /**
         * Every job's settings by job name, {@code aftersales.jobs.<name>.cron} (environment:
         * {@code AFTERSALES_JOBS_<NAME>_CRON}); a job without one is not scheduled in-process.
         */
        @WithParentName
        Map<String, Schedule> byName();

        interface Schedule {
            /** Cron in the business zone; "off" or "disabled" leaves the job unscheduled. */
            Optional<String> cron();
        }

        interface WarrantyExpiry {
            /** Windows, in days before a free warranty or service contract ends, in which SALES and the customer are told. */
            List<Integer> days();
        }

        interface RecallReminder {
            /** Units not yet remedied are reminded of every this many days after the campaign's activation. */
            int everyDays();
        }

        interface EightDOverdue {
            /** An 8D item overdue by more than this many days also goes to the quality engineers. */
            int escalateAfterDays();
        }
    }
}
