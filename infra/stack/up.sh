#!/usr/bin/env bash
# Starts whatever is not running: database setup, RocketMQ (name server, broker + proxy, topics), the three
# services under a restarting supervisor. Returns when all are healthy. Idempotent.
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"
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
  port="$(service_port "$service")"
  if pid="$(running_pid "$service")"; then
    log "$service already running (supervisor pid $pid)"
    continue
  fi
  require_free_port "$port" "$service"
  mapfile -t env_vars < <(service_env "$service")
  setsid env "${env_vars[@]}" bash "$REPO_ROOT/infra/stack/supervise.sh" "$service" "$LOG_DIR/$service.log" \
    node "$REPO_ROOT/dist/apps/$service/src/main.js" < /dev/null > /dev/null 2>&1 &
  echo $! > "$(pid_file "$service")"
done

for service in "${SERVICES[@]}"; do
  port="$(service_port "$service")"
  node "$REPO_ROOT/infra/stack/wait-healthy.mjs" "http://127.0.0.1:$port/health" 90 \
    || { tail -n 20 "$LOG_DIR/$service.log" >&2; die "$service is not healthy (log: $LOG_DIR/$service.log)"; }
  log "$service healthy on http://127.0.0.1:$port"
done

cat >&2 <<INFO

Stack "$STACK_PROFILE" is up:
  order-service       http://127.0.0.1:$ORDER_SERVICE_PORT
  inventory-service   http://127.0.0.1:$INVENTORY_SERVICE_PORT
  payment-service     http://127.0.0.1:$PAYMENT_SERVICE_PORT
  RocketMQ proxy      127.0.0.1:$PROXY_GRPC_PORT (gRPC), name server 127.0.0.1:$NAMESRV_PORT, broker 127.0.0.1:$BROKER_PORT
  logs                $LOG_DIR  (RocketMQ's own logs: $RUN_DIR/rocketmq/broker/logs/rocketmqlogs)
Stop it with: npm run stack:down
INFO
