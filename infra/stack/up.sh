#!/usr/bin/env bash
# Starts whatever is not running: database setup, RocketMQ (name server, broker + proxy, topics), the three
# services under a restarting supervisor. Returns when all are healthy. Idempotent.
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"
# --replicas N (or STACK_REPLICAS=N) runs N processes of each service; replica n listens 100 ports above n-1.
REPLICAS="${STACK_REPLICAS:-1}"
while (( $# > 0 )); do
  case "$1" in
    --replicas) REPLICAS="${2:-}"; shift 2 ;;
    --replicas=*) REPLICAS="${1#*=}"; shift ;;
    *) die "unknown option $1 (usage: stack:up [-- --replicas N])" ;;
  esac
done
[[ "$REPLICAS" =~ ^[1-9]$ ]] || die "--replicas wants a number from 1 to 9, got '$REPLICAS'"
mkdir -p "$LOG_DIR" "$PID_DIR"
command -v node >/dev/null || die "Node.js not found; install Node.js 20.19+ (see README)"
[[ -d "$REPO_ROOT/node_modules" ]] || { log "installing npm packages"; (cd "$REPO_ROOT" && npm ci --no-audit --no-fund); }

bash "$REPO_ROOT/infra/db/ensure-server.sh"
DB_NAME_SUFFIX="$DB_NAME_SUFFIX" node "$REPO_ROOT/infra/db/setup.mjs" ${DB_RESET:+--reset}

bash "$REPO_ROOT/infra/rocketmq/start.sh"
marker="$RUN_DIR/rocketmq/broker/store/.resources-applied"
if [[ ! -f "$marker" || "$REPO_ROOT/infra/rocketmq/resources.txt" -nt "$marker" ]]; then
  bash "$REPO_ROOT/infra/rocketmq/init.sh"
  touch "$marker"
fi

bash "$REPO_ROOT/infra/stack/build.sh"

for service in "${SERVICES[@]}"; do
  for replica in $(seq 1 "$REPLICAS"); do
    name="$(replica_name "$service" "$replica")" port="$(replica_port "$service" "$replica")"
    if pid="$(running_pid "$name")"; then
      log "$name already running (supervisor pid $pid)"
      continue
    fi
    require_free_port "$port" "$name"
    mapfile -t env_vars < <(service_env "$service" "$port")
    setsid env "${env_vars[@]}" bash "$REPO_ROOT/infra/stack/supervise.sh" "$name" "$LOG_DIR/$name.log" \
      node "$REPO_ROOT/dist/apps/$service/src/main.js" < /dev/null > /dev/null 2>&1 &
    echo $! > "$(pid_file "$name")"
  done
done

for service in "${SERVICES[@]}"; do
  for replica in $(seq 1 "$REPLICAS"); do
    name="$(replica_name "$service" "$replica")" port="$(replica_port "$service" "$replica")"
    node "$REPO_ROOT/infra/stack/wait-healthy.mjs" "http://127.0.0.1:$port/health" 90 \
      || { tail -n 20 "$LOG_DIR/$name.log" >&2; die "$name is not healthy (log: $LOG_DIR/$name.log)"; }
    log "$name healthy on http://127.0.0.1:$port"
  done
done

# The live console: the services' HTTP APIs only, so it starts last, under the same supervisor.
if pid="$(running_pid console)"; then
  log "console already running (supervisor pid $pid)"
else
  require_free_port "$CONSOLE_PORT" console
  mapfile -t env_vars < <(console_env)
  setsid env "${env_vars[@]}" bash "$REPO_ROOT/infra/stack/supervise.sh" console "$LOG_DIR/console.log" \
    node "$REPO_ROOT/dist/apps/console/src/main.js" < /dev/null > /dev/null 2>&1 &
  echo $! > "$(pid_file console)"
fi
node "$REPO_ROOT/infra/stack/wait-healthy.mjs" "http://127.0.0.1:$CONSOLE_PORT/health" 60 \
  || { tail -n 20 "$LOG_DIR/console.log" >&2; die "console is not healthy (log: $LOG_DIR/console.log)"; }

cat >&2 <<INFO

Stack "$STACK_PROFILE" is up:
  console             http://127.0.0.1:$CONSOLE_PORT  (live orders, timelines, faults)
  order-service       http://127.0.0.1:$ORDER_SERVICE_PORT
  inventory-service   http://127.0.0.1:$INVENTORY_SERVICE_PORT
  payment-service     http://127.0.0.1:$PAYMENT_SERVICE_PORT
  replicas            $REPLICAS of each service (replica n on the port above + 100 x (n - 1))
  RocketMQ proxy      127.0.0.1:$PROXY_GRPC_PORT (gRPC), name server 127.0.0.1:$NAMESRV_PORT, broker 127.0.0.1:$BROKER_PORT
  logs                $LOG_DIR  (RocketMQ's own logs: $RUN_DIR/rocketmq/broker/logs/rocketmqlogs)
Stop it with: npm run stack:down
INFO
