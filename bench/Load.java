import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * HTTP load against a running aftersales service: fixed concurrency, warm-up, then a fixed duration; prints one line
 * per scenario with throughput, latency percentiles and errors. A single-file program for the JDK's source launcher:
 *
 * <pre>java bench/Load.java BASE_URL KEY_DIR CUSTOMERS_FILE SCENARIO SECONDS WARMUP_SECONDS CLIENTS [UNITS]
 * java bench/Load.java token KEY_DIR ROLE</pre>
 *
 * KEY_DIR holds private.pem (PKCS#8), whose public half the service trusts; tokens are signed here (RS256) with the
 * issuer in KEY_DIR/issuer. CUSTOMERS_FILE lists the BENCH customers' ids in code order, one per line: unit BNnnnnnnnnn
 * belongs to the customer on line 1 + n % customers (bench/sql/generate-cases.sql).
 *
 * Scenarios: entitlement, unit-history, case-list, create-case, kpi, mixed (all of them, weighted like a working
 * day: mostly reads, one write in five).
 */
public class Load {

    record Call(String name, HttpRequest request) {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 3 && args[0].equals("token")) { // java bench/Load.java token KEY_DIR ROLE: prints a bearer token
            System.out.println(new Tokens(Path.of(args[1])).bearer(args[2]).substring("Bearer ".length()));
            return;
        }
        if (args.length < 7) {
            System.err.println("usage: java bench/Load.java BASE_URL KEY_DIR CUSTOMERS_FILE SCENARIO SECONDS WARMUP CLIENTS [UNITS]");
            System.exit(2);
        }
        String base = args[0];
        Path keys = Path.of(args[1]);
        List<String> customers = Files.readAllLines(Path.of(args[2])).stream().filter(l -> !l.isBlank()).toList();
        String scenario = args[3];
        int seconds = Integer.parseInt(args[4]);
        int warmup = Integer.parseInt(args[5]);
        int clients = Integer.parseInt(args[6]);
        int units = args.length > 7 ? Integer.parseInt(args[7]) : 1_000_000;

        Tokens tokens = new Tokens(keys);
        Scenarios s = new Scenarios(URI.create(base), customers, units, tokens);
        Function<ThreadLocalRandom, Call> next = s.byName(scenario);

        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        long warmEnd = System.nanoTime() + warmup * 1_000_000_000L;
        long end = warmEnd + seconds * 1_000_000_000L;
        Map<String, Recorder> recorders = new ConcurrentHashMap<>();
        Map<String, AtomicLong> errors = new ConcurrentHashMap<>();
        Map<String, String> firstError = new ConcurrentHashMap<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            Thread t = new Thread(() -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                while (true) {
                    long now = System.nanoTime();
                    if (now >= end) {
                        return;
                    }
                    Call call = next.apply(random);
                    long start = System.nanoTime();
                    String failure = null;
                    try {
                        HttpResponse<String> response = http.send(call.request(), HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() >= 400) {
                            failure = response.statusCode() + " " + abbreviate(response.body());
                        }
                    } catch (IOException e) {
                        failure = e.toString();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    long took = System.nanoTime() - start;
                    if (start < warmEnd) {
                        continue;
                    }
                    recorders.computeIfAbsent(call.name(), k -> new Recorder()).add(took);
                    if (failure != null) {
                        errors.computeIfAbsent(call.name(), k -> new AtomicLong()).incrementAndGet();
                        firstError.putIfAbsent(call.name(), failure);
                    }
                }
            });
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        Recorder all = new Recorder();
        for (Map.Entry<String, Recorder> e : new TreeMap<>(recorders).entrySet()) {
            all.addAll(e.getValue());
            if (recorders.size() > 1) {
                print(e.getKey(), e.getValue(), seconds, errors.getOrDefault(e.getKey(), new AtomicLong()).get());
            }
        }
        long totalErrors = errors.values().stream().mapToLong(AtomicLong::get).sum();
        print(scenario, all, seconds, totalErrors);
        firstError.forEach((name, body) -> System.err.println("first error of " + name + ": " + body));
    }

    static void print(String name, Recorder r, int seconds, long errors) {
        long[] sorted = r.sorted();
        System.out.printf("scenario=%s requests=%d rps=%.1f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f errors=%d%n", name,
                sorted.length, sorted.length / (double) seconds, pct(sorted, 0.50), pct(sorted, 0.99),
                sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6, errors);
    }

    static double pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] / 1e6;
    }

    static String abbreviate(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }

    /** Latencies in nanoseconds, appended by many threads. */
    static final class Recorder {
        private long[] values = new long[1 << 14];
        private int size;

        synchronized void add(long v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        synchronized void addAll(Recorder other) {
            for (long v : other.sorted()) {
                add(v);
            }
        }

        synchronized long[] sorted() {
            long[] copy = Arrays.copyOf(values, size);
            Arrays.sort(copy);
            return copy;
        }
    }

    /** Bearer tokens signed with the bench key: one per role (and per customer account). */
    static final class Tokens {
        private final PrivateKey key;
        private final String issuer;
        private final Map<String, String> cache = new ConcurrentHashMap<>();

        Tokens(Path dir) throws Exception {
            String pem = Files.readString(dir.resolve("private.pem")).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
            issuer = Files.readString(dir.resolve("issuer")).strip();
        }

        String bearer(String role) {
            return cache.computeIfAbsent(role, this::sign);
        }

        private String sign(String role) {
            long now = Instant.now().getEpochSecond();
            String claims = "{\"iss\":\"" + issuer + "\",\"sub\":\"bench-" + role.toLowerCase() + "\",\"upn\":\"bench-"
                    + role.toLowerCase() + "\",\"groups\":[\"" + role + "\"],\"iat\":" + now + ",\"exp\":" + (now + 7200) + "}";
            Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
            String unsigned = b64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                    + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
            try {
                Signature signature = Signature.getInstance("SHA256withRSA");
                signature.initSign(key);
                signature.update(unsigned.getBytes(StandardCharsets.US_ASCII));
                return "Bearer " + unsigned + "." + b64.encodeToString(signature.sign());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** The requests of each scenario, over the bench data set. */
    static final class Scenarios {
        static final String[] STATUSES = {"NEW", "ACKNOWLEDGED", "INVESTIGATING", "RESOLVING", "RESOLVED", "CLOSED"};
        static final String[] TITLES = {"电机异响", "控制器报警", "冷却液泄漏", "绝缘故障", "编码器信号丢失", "过温保护"};
        static final String[] TYPES = {"COMPLAINT", "CLAIM", "REPAIR", "RETURN_EXCHANGE", "GRIEVANCE"};
        final URI base;
        final List<String> customers;
        final int units;
        final Tokens tokens;
        final String kpiFrom;
        final String kpiTo;

        Scenarios(URI base, List<String> customers, int units, Tokens tokens) {
            this.base = base;
            this.customers = customers;
            this.units = units;
            this.tokens = tokens;
            LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
            kpiTo = today.toString();
            kpiFrom = today.minusYears(1).plusDays(1).toString();
        }

        Function<ThreadLocalRandom, Call> byName(String name) {
            return switch (name) {
                case "entitlement" -> this::entitlement;
                case "unit-history" -> this::unitHistory;
                case "case-list" -> this::caseList;
                case "create-case" -> this::createCase;
                case "kpi" -> this::kpi;
                case "mixed" -> this::mixed;
                default -> throw new IllegalArgumentException("unknown scenario " + name);
            };
        }

        int unit(ThreadLocalRandom r) {
            return 1 + r.nextInt(units);
        }

        static String serial(int n) {
            return "BN%09d".formatted(n);
        }

        String customerOf(int n) {
            return customers.get(n % customers.size());
        }

        HttpRequest.Builder get(String path, String role) {
            return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                    .header("Authorization", tokens.bearer(role)).header("Accept-Language", "zh-CN").GET();
        }

        Call entitlement(ThreadLocalRandom r) {
            return new Call("entitlement", get("/api/v1/units/" + serial(unit(r)) + "/entitlement", "SALES").build());
        }

        Call unitHistory(ThreadLocalRandom r) {
            return new Call("unit-history", get("/api/v1/units/" + serial(unit(r)) + "/history?limit=20", "SALES").build());
        }

        Call caseList(ThreadLocalRandom r) {
            return new Call("case-list", get("/api/v1/cases?status=" + STATUSES[r.nextInt(STATUSES.length)] + "&customerId="
                    + customers.get(r.nextInt(customers.size())) + "&limit=20", "AFTER_SALES_MANAGER").build());
        }

        Call kpi(ThreadLocalRandom r) {
            return new Call("kpi", get("/api/v1/kpis?kpi=ppm&groupBy=month&from=" + kpiFrom + "&to=" + kpiTo, "QUALITY_ENGINEER").build());
        }

        Call createCase(ThreadLocalRandom r) {
            int n = unit(r);
            int t = r.nextInt(TITLES.length);
            String body = """
                    {"type":"%s","customerId":"%s","units":[{"serialNo":"%s","mileageKm":%d}],"failureDate":"%s",
                     "title":"%s","description":"客户反馈%s，车辆编号 %d，请尽快安排技术人员联系","reporter":{"name":"王工","phone":"138 0000 %04d"},
                     "channel":"PHONE","severity":"%s"}""".formatted(TYPES[r.nextInt(TYPES.length)], customerOf(n), serial(n),
                    r.nextInt(200_000), LocalDate.now(ZoneId.of("Asia/Shanghai")).minusDays(r.nextInt(30)), TITLES[t], TITLES[t],
                    n, r.nextInt(10_000), r.nextInt(10) == 0 ? "HIGH" : "MEDIUM");
            return new Call("create-case", HttpRequest.newBuilder(base.resolve("/api/v1/cases")).timeout(Duration.ofSeconds(30))
                    .header("Authorization", tokens.bearer("SALES")).header("Content-Type", "application/json")
                    .header("Accept-Language", "zh-CN").header("Idempotency-Key", UUID.randomUUID().toString())
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        }

        Call mixed(ThreadLocalRandom r) {
            int dice = r.nextInt(100);
            if (dice < 35) {
                return entitlement(r);
            } else if (dice < 60) {
                return unitHistory(r);
            } else if (dice < 80) {
                return caseList(r);
            } else if (dice < 99) {
                return createCase(r);
            }
            return kpi(r);
        }
    }
}
