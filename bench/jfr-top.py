#!/usr/bin/env python3
"""Summaries for bench/profile.sh.

  jfr-top.py FILE.jfr [N [REQUESTS]]
                            the hottest frames of a JDK Flight Recording's CPU samples (jdk.ExecutionSample), read with
                            the JDK's own `jfr print --json` (JDK 17's `jfr` has no `view hot-methods`): by self time
                            (top frame), by component (the package group of the top frame), and the share of samples
                            inside each cost centre (JWT, pool, ORM queries, flush, JDBC, commit, Jackson, …); with
                            the number of requests served during the recording, the memory allocated per request.
  jfr-top.py --statements   a PostgreSQL log (log_statement = 'all') on stdin → the statements of the service's
                            connections, counted, one per entry (psql's own statements left out).
"""
import collections
import json
import re
import subprocess
import sys

GROUPS = [("com.aftersales.", "aftersales"), ("org.hibernate.validator.", "validator"), ("org.hibernate.", "hibernate"), ("com.fasterxml.", "jackson"),
          ("org.postgresql.", "pgjdbc"), ("io.agroal.", "agroal"), ("com.arjuna.", "narayana"),
          ("io.smallrye.jwt", "jwt"), ("io.quarkus.smallrye.jwt", "jwt"), ("org.jose4j.", "jwt"), ("io.vertx.", "vert.x"), ("io.netty.", "netty"),
          ("org.jboss.resteasy.", "resteasy"), ("io.quarkus.", "quarkus"), ("io.smallrye.", "smallrye"),
          ("io.micrometer.", "micrometer"), ("org.jboss.logging", "logging"), ("org.jboss.logmanager", "logging"),
          ("java.", "jdk"), ("jdk.", "jdk"), ("sun.", "jdk")]
# Where a request's work goes, inclusive (a sample counts for every centre on its stack): frames named by prefix.
CENTRES = [
    ("authentication (bearer token)", ("io.quarkus.smallrye.jwt.runtime.auth.JWTAuthMechanism.authenticate",)),
    ("connection from the pool", ("io.agroal.pool.ConnectionPool.getConnection",)),
    ("ORM HQL/criteria queries (SQM)", ("org.hibernate.query.sqm.internal.ConcreteSqmSelectQueryPlan.performList",)),
    ("ORM find by id", ("org.hibernate.loader.internal.IdentifierLoadAccessImpl.load",)),
    ("ORM native queries", ("org.hibernate.query.sql.internal.NativeSelectQueryPlanImpl.performList",
                            "org.hibernate.query.sql.internal.NativeNonSelectQueryPlanImpl.executeUpdate")),
    ("ORM flush", ("org.hibernate.event.internal.DefaultFlushEventListener.onFlush",
                   "org.hibernate.event.internal.DefaultAutoFlushEventListener.onAutoFlush")),
    ("JDBC statement execution", ("org.postgresql.jdbc.PgPreparedStatement.executeWithFlags",
                                  "org.postgresql.jdbc.PgStatement.executeWithFlags")),
    ("transaction commit", ("com.arjuna.ats.internal.jta.transaction.arjunacore.TransactionImple.commitAndDisassociate",)),
    ("JSON writing (Jackson)", ("com.fasterxml.jackson.databind.ObjectMapper.writeValueAsString",
                                "com.fasterxml.jackson.databind.ObjectWriter.writeValue",
                                "com.fasterxml.jackson.databind.ObjectWriter.writeValueAsBytes")),
    ("JSON reading (Jackson)", ("com.fasterxml.jackson.databind.ObjectMapper.readTree",
                                "com.fasterxml.jackson.databind.ObjectReader.readValue",
                                "com.fasterxml.jackson.databind.ObjectMapper.readValue")),
    ("bean validation", ("org.hibernate.validator.internal.engine.ValidatorImpl.validate",)),
    ("idempotency interceptor", ("com.aftersales.shared.idempotency.IdempotencyInterceptor.around",)),
    ("entitlement policy", ("com.aftersales.warranty.EntitlementPolicy.decide",)),
    ("message texts", ("com.aftersales.shared.error.Messages.text",)),
    ("metrics", ("io.micrometer.",)),
]


def group(cls):
    return next((g for prefix, g in GROUPS if cls.startswith(prefix)), "other")


def frames(path):
    out = subprocess.run(["jfr", "print", "--json", "--stack-depth", "64", "--events", "jdk.ExecutionSample", path],
                         check=True, capture_output=True, text=True).stdout
    for event in json.loads(out)["recording"]["events"]:
        trace = event["values"].get("stackTrace") or {}
        # Class names come as JVM internal names (a/b/C); lambda and hidden classes are left out (their enclosing
        # method is the next frame).
        yield [f["method"]["type"]["name"].replace("/", ".") + "." + f["method"]["name"]
               for f in trace.get("frames") or [] if "$$Lambda" not in f["method"]["type"]["name"]]


def allocated(path):
    """Bytes the JVM's threads allocated during the recording (jdk.ThreadAllocationStatistics, first to last value)."""
    out = subprocess.run(["jfr", "print", "--json", "--events", "jdk.ThreadAllocationStatistics", path],
                         check=True, capture_output=True, text=True).stdout
    per_thread = collections.defaultdict(list)
    for event in json.loads(out)["recording"]["events"]:
        v = event["values"]
        thread = v.get("thread") or {}
        per_thread[thread.get("javaThreadId"), thread.get("javaName")].append((v["startTime"], v["allocated"]))
    return sum(max(a for _, a in vals) - min(a for _, a in vals) for vals in per_thread.values())


def top(path, n, requests=None):
    self_time, by_group, inclusive = collections.Counter(), collections.Counter(), collections.Counter()
    total = 0
    for stack in frames(path):
        if not stack:
            continue
        total += 1
        self_time[stack[0]] += 1
        by_group[group(stack[0])] += 1
        for label, prefixes in CENTRES:
            if any(frame.startswith(prefixes) for frame in stack):
                inclusive[label] += 1
    print(f"{path}: {total} CPU samples")
    if requests:
        print(f"  allocated: {allocated(path) / requests / 1024:.1f} KB per request ({requests} requests)")
    for title, counts in (("self (top frame)", self_time), ("by component (top frame)", by_group),
                          ("cost centres (inclusive)", inclusive)):
        print(f"  {title}:")
        for name, count in counts.most_common(n if counts is not inclusive else len(CENTRES)):
            print(f"    {100.0 * count / max(total, 1):5.1f}%  {name}")


ENTRY = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d")
STATEMENT = re.compile(r"LOG:  (?:statement|execute [^:]*): (.*)")


def statements(lines):
    entries, current = [], None
    for line in lines:
        if ENTRY.match(line):
            current = [line.rstrip("\n")]
            entries.append(current)
        elif current is not None:
            current.append(line.rstrip("\n"))
    found = []
    for entry in entries:
        m = STATEMENT.search(entry[0])
        if not m:
            continue
        text = "\n".join([m.group(1)] + entry[1:])
        if "alter system" in text or "pg_reload_conf" in text:
            continue
        found.append(text)
    control = sum(1 for s in found if s.strip().upper() in ("BEGIN", "COMMIT", "ROLLBACK"))
    print(f"{len(found)} statements ({control} BEGIN/COMMIT, {len(found) - control} others)")
    for s in found:
        print(s)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--statements"]:
        statements(sys.stdin)
    else:
        top(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 15, int(sys.argv[3]) if len(sys.argv) > 3 else None)
