# Sourced by bench/run.sh (after the data set is generated, before the service is started for the load):
# startup_compare starts the minimal Quarkus application (bench/minimal: Quarkus REST + Jackson, Hibernate ORM Panache,
# PostgreSQL, one entity on the unit table, one GET endpoint; same Quarkus platform BOM) and the service alternately on
# the same database, BENCH_STARTUP_RUNS times each (default 5), timing the launch of `java` to the first answered
# request of each (the service: an authenticated entitlement lookup; minimal: GET /units/{serial}). The machine may be
# shared, so it reports medians, with every run listed, and beside the wall time the CPU time the process used until
# its first answer (user + system, from /proc), which a busy machine stretches far less. Uses run.sh's start_service, stop_service, token, ms_since,
# median, $base, $http_port, $pg_port, $work. BENCH_STARTUP_JAVA_OPTS: JVM options of both applications here (default:
# the C1-only options Terraform gives the JVM functions, `jvm_options` in infra/modules/api-function, where a start is a
# cold start; the server jar under load keeps BENCH_JAVA_OPTS); BENCH_MINIMAL_JAVA_OPTS overrides the minimal one's.

# CPU milliseconds (user + system) PID has used so far.
startup_java_opts() { echo "${BENCH_STARTUP_JAVA_OPTS--XX:+TieredCompilation -XX:TieredStopAtLevel=1}"; }
cpu_ms() { awk -v hz="$(getconf CLK_TCK)" '{printf "%d", ($14 + $15) * 1000 / hz}' "/proc/$1/stat"; }

# Polls URL (with an optional bearer) until it answers 200 while PID lives; prints the milliseconds since STARTED and
# the CPU milliseconds PID used until then.
startup_poll() { # started pid url [bearer]
  local started=$1 pid=$2 url=$3 auth=()
  [ -n "${4:-}" ] && auth=(-H "Authorization: Bearer $4")
  for _ in $(seq 1 3000); do
    if [ "$(curl -s -o /dev/null -w '%{http_code}' "${auth[@]}" "$url")" = 200 ]; then
      echo "$(ms_since "$started") $(cpu_ms "$pid")"; return
    fi
    kill -0 "$pid" 2>/dev/null || { echo "process $pid ended before answering $url" >&2; return 1; }
    sleep 0.02
  done
  echo "no answer from $url" >&2; return 1
}

startup_build_minimal() {
  if [ ! -f bench/minimal/target/quarkus-app/quarkus-run.jar ] || \
     [ -n "$(find bench/minimal/src bench/minimal/pom.xml -newer bench/minimal/target/quarkus-app/quarkus-run.jar)" ]; then
    log "building the minimal application (bench/minimal)"
    ./mvnw -B -q -f bench/minimal/pom.xml package -DskipTests
  fi
}

# One timed start of the minimal application; prints wall and CPU ms.
startup_minimal_once() {
  local t0 pid ms
  t0=$(date +%s%N)
  QUARKUS_HTTP_PORT=$http_port QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://localhost:$pg_port/postgres" \
  QUARKUS_DATASOURCE_USERNAME=postgres QUARKUS_DATASOURCE_PASSWORD=unused \
    java ${BENCH_MINIMAL_JAVA_OPTS:-$(startup_java_opts)} -jar bench/minimal/target/quarkus-app/quarkus-run.jar \
    > "$work/minimal.log" 2>&1 &
  pid=$!
  ms=$(startup_poll "$t0" "$pid" "$base/units/BN000000001") || { cat "$work/minimal.log" >&2; kill "$pid"; exit 1; }
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo "$ms"
}

# One timed start of the service (prod profile, migrations off, as run.sh starts it); prints wall and CPU ms.
startup_service_once() {
  local t0 ms bearer
  bearer=$(token SALES)
  t0=$(date +%s%N)
  BENCH_JAVA_OPTS=$(startup_java_opts) start_service false
  ms=$(startup_poll "$t0" "$service_pid" "$base/api/v1/units/BN000000001/entitlement" "$bearer") ||
    { cat "$work/service.log" >&2; exit 1; }
  stop_service
  echo "$ms"
}

# Runs the comparison (each run to stderr); sets startup_{service,minimal}_{ms,cpu} (medians) and startup_runs.
startup_compare() {
  local runs=${BENCH_STARTUP_RUNS:-5} minimal=() service=() i m v
  startup_build_minimal
  log "start-up: minimal application and service alternately, $runs runs each (medians)"
  for i in $(seq 1 "$runs"); do
    m=$(startup_minimal_once)
    v=$(startup_service_once)
    minimal+=("$m")
    service+=("$v")
    log "  run $i: minimal ${m% *} ms (CPU ${m#* } ms), service ${v% *} ms (CPU ${v#* } ms)"
  done
  startup_minimal_ms=$(printf '%s\n' "${minimal[@]}" | cut -d' ' -f1 | median)
  startup_service_ms=$(printf '%s\n' "${service[@]}" | cut -d' ' -f1 | median)
  startup_minimal_cpu=$(printf '%s\n' "${minimal[@]}" | cut -d' ' -f2 | median)
  startup_service_cpu=$(printf '%s\n' "${service[@]}" | cut -d' ' -f2 | median)
  startup_runs="minimal: $(printf '%s, ' "${minimal[@]// //}" | sed 's/, $//'); service: $(printf '%s, ' "${service[@]// //}" | sed 's/, $//')"
}

startup_ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

startup_rows() {
  echo "  start-up comparison under JVM options: $(startup_java_opts)"
  printf '%-46s %12s %14s %8s  %s\n' "start-up, median of ${BENCH_STARTUP_RUNS:-5} (ms; limit: minimal app)" \
    "$startup_service_ms" "$startup_minimal_ms" "$(startup_ratio "$startup_service_ms" "$startup_minimal_ms")" "ratio <= 2"
  printf '%-46s %12s %14s %8s  %s\n' "start-up CPU time, median (ms; minimal app)" \
    "$startup_service_cpu" "$startup_minimal_cpu" "$(startup_ratio "$startup_service_cpu" "$startup_minimal_cpu")" ""
  echo "  start-up runs (wall/CPU ms) $startup_runs"
}
