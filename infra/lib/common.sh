#!/usr/bin/env bash
# Shared helpers for the local-stack scripts: settings, logging, ports, PIDs. Sourced, never run.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# A profile (infra/profiles/<name>.env) moves ports and the run directory, so tests never touch the demo stack.
STACK_PROFILE="${STACK_PROFILE:-dev}"
[[ -f "$REPO_ROOT/infra/profiles/$STACK_PROFILE.env" ]] || { echo "ERROR: unknown STACK_PROFILE $STACK_PROFILE" >&2; exit 1; }
set -a # the profile's values reach every child process (setup.mjs, Jest)
# shellcheck disable=SC1090
source "$REPO_ROOT/infra/profiles/$STACK_PROFILE.env"
set +a

: "${RUN_DIR:=$REPO_ROOT/.run/$STACK_PROFILE}"
: "${LOG_DIR:=$RUN_DIR/logs}"
: "${PID_DIR:=$RUN_DIR/pids}"
: "${ROCKETMQ_VERSION:=5.3.3}"
: "${ROCKETMQ_LIB:=${XDG_CACHE_HOME:-$HOME/.cache}/rocketmq-local/$ROCKETMQ_VERSION/lib}"
: "${JAVA_HOME:=/usr/lib/jvm/java-17-openjdk-amd64}"
: "${READY_TIMEOUT_SECONDS:=180}"
export RUN_DIR LOG_DIR PID_DIR ROCKETMQ_VERSION ROCKETMQ_LIB JAVA_HOME

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { printf 'ERROR: %s\n' "$*" >&2; exit 1; }

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

pid_file() { echo "$PID_DIR/$1.pid"; }

# Prints the PID of a process we started under this name, if it is still alive.
running_pid() {
  local file pid
  file="$(pid_file "$1")"
  [[ -f "$file" ]] || return 1
  pid="$(cat "$file")"
  # A zombie (killed, not yet reaped by its parent) answers kill -0 but is gone: not running.
  if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null && [[ "$(sed 's/.*) //' "/proc/$pid/stat" 2>/dev/null | cut -c1)" != Z ]]; then
    echo "$pid"
    return 0
  fi
  rm -f "$file"
  return 1
}

# Refuses to start when someone else already listens on a port we need.
require_free_port() {
  local port="$1" what="$2"
  if port_open "$port"; then
    die "port $port ($what) is already taken by another process; stop it or move the port (see infra/profiles/$STACK_PROFILE.env)"
  fi
}

# Polls until the log shows the marker and the port accepts; fails fast if the process dies.
wait_ready() {
  local name="$1" pid="$2" logfile="$3" marker="$4" port="$5"
  local deadline=$((SECONDS + READY_TIMEOUT_SECONDS))
  while (( SECONDS < deadline )); do
    if ! kill -0 "$pid" 2>/dev/null; then
      tail -n 40 "$logfile" >&2 || true
      die "$name exited during startup (log: $logfile)"
    fi
    if { [[ -z "$marker" ]] || grep -q "$marker" "$logfile" 2>/dev/null; } && port_open "$port"; then
      return 0
    fi
    sleep 0.3
  done
  tail -n 40 "$logfile" >&2 || true
  die "$name not ready after ${READY_TIMEOUT_SECONDS}s (log: $logfile)"
}

# Sends TERM to a process group we started, then KILL if it does not leave in time.
stop_by_pid_file() {
  local name="$1" grace="${2:-20}" pid
  pid="$(running_pid "$name")" || { log "$name is not running"; return 0; }
  log "stopping $name (pid $pid)"
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  local deadline=$((SECONDS + grace))
  while kill -0 "$pid" 2>/dev/null && (( SECONDS < deadline )); do sleep 0.2; done
  if kill -0 "$pid" 2>/dev/null; then
    log "$name did not stop in ${grace}s; killing it"
    kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$(pid_file "$name")"
}

require_java() {
  [[ -x "$JAVA_HOME/bin/java" ]] || die "no Java at JAVA_HOME=$JAVA_HOME; install a JDK 17 (apt-get install openjdk-17-jdk-headless) or set JAVA_HOME"
}

SERVICES=(order-service inventory-service payment-service)

service_port() {
  case "$1" in
    order-service) echo "$ORDER_SERVICE_PORT" ;;
    inventory-service) echo "$INVENTORY_SERVICE_PORT" ;;
    payment-service) echo "$PAYMENT_SERVICE_PORT" ;;
    *) die "unknown service $1" ;;
  esac
}

# Replica n of a service: named <service>-n (replica 1 keeps the plain name), listening 100 ports above the last.
replica_name() { if (( $2 == 1 )); then echo "$1"; else echo "$1-$2"; fi; }
replica_port() { echo $(( $(service_port "$1") + 100 * ($2 - 1) )); }

# Every replica of a service we started and that still runs, by name (from the PID files).
running_replicas() {
  local file name
  for file in "$PID_DIR/$1.pid" "$PID_DIR/$1"-[0-9]*.pid; do
    [[ -f "$file" && "$file" != *.child.pid ]] || continue
    name="$(basename "$file" .pid)"
    running_pid "$name" >/dev/null && echo "$name"
  done
  return 0
}

# The environment a service process runs with (same variables as docker-compose.yml and k8s/).
service_env() {
  local service="$1" port="${2:-$(service_port "$1")}" base user
  base="${service%-service}_service"
  user="$base${DB_NAME_SUFFIX}"
  local password_var="${base^^}_DB_PASSWORD"
  echo "PORT=$port"
  echo "HOST=127.0.0.1"
  echo "DB_HOST=${DB_HOST:-127.0.0.1}"
  echo "DB_PORT=${DB_PORT:-3306}"
  echo "DB_NAME=$base${DB_NAME_SUFFIX}"
  echo "DB_USER=$user"
  echo "DB_PASSWORD=${!password_var:-$base-local-password}"
  echo "ROCKETMQ_ENDPOINTS=127.0.0.1:$PROXY_GRPC_PORT"
  echo "LOG_LEVEL=${LOG_LEVEL:-info}"
  echo "FAULT_INJECTION=${FAULT_INJECTION:-false}"
  # The services must know the retry limit the broker applies to their groups (infra/rocketmq/init.sh).
  echo "CONSUMER_MAX_RETRIES=$CONSUMER_MAX_RETRIES"
  # ... and the broker's discard horizon for half messages (infra/rocketmq/start.sh), to validate CHECK_DEADLINE_MS.
  echo "ROCKETMQ_TRANSACTION_CHECK_INTERVAL_MS=${ROCKETMQ_TRANSACTION_CHECK_INTERVAL_MS:-2000}"
  echo "ROCKETMQ_TRANSACTION_CHECK_MAX=${ROCKETMQ_TRANSACTION_CHECK_MAX:-300}"
  # order-service merges inventory's and payment's parts of an order timeline (GET /orders/:id/timeline).
  echo "INVENTORY_SERVICE_URL=http://127.0.0.1:$INVENTORY_SERVICE_PORT"
  echo "PAYMENT_SERVICE_URL=http://127.0.0.1:$PAYMENT_SERVICE_PORT"
  [[ -z "${CHECK_DEADLINE_MS:-}" ]] || echo "CHECK_DEADLINE_MS=$CHECK_DEADLINE_MS"
  [[ -z "${ORDER_TIMEOUT_MS:-}" ]] || echo "ORDER_TIMEOUT_MS=$ORDER_TIMEOUT_MS"
}

# The live console's environment (apps/console): where it listens and where the services answer.
console_env() {
  echo "PORT=$CONSOLE_PORT"
  echo "HOST=127.0.0.1"
  echo "ORDER_SERVICE_URL=http://127.0.0.1:$ORDER_SERVICE_PORT"
  echo "INVENTORY_SERVICE_URL=http://127.0.0.1:$INVENTORY_SERVICE_PORT"
  echo "PAYMENT_SERVICE_URL=http://127.0.0.1:$PAYMENT_SERVICE_PORT"
}
