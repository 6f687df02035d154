#!/usr/bin/env bash
# `npm run chaos`: a seeded fault campaign under load on the demo stack's broker and databases (test/chaos).
# The campaign runs its own replicas of the services behind fault proxies, so the stack's service processes step
# aside while it runs and are started again afterwards. Options: see test/chaos/main.ts (e.g. -- --minutes 3).
set -euo pipefail
export STACK_PROFILE="${STACK_PROFILE:-dev}"
source "$(dirname "${BASH_SOURCE[0]}")/../infra/lib/common.sh"
cd "$REPO_ROOT"

bash infra/stack/up.sh # database, broker, topics, build: whatever is missing
replicas="$(running_replicas order-service | wc -l)"
for service in "${SERVICES[@]}"; do
  for name in $(running_replicas "$service"); do stop_by_pid_file "$name" 30; done
done
restore() {
  local code=$?
  log "starting the stack's services again"
  bash infra/stack/up.sh --replicas "$(( replicas > 0 ? replicas : 1 ))" >/dev/null 2>&1 \
    || log "could not restart them; run npm run stack:up"
  exit "$code"
}
trap restore EXIT

export ROCKETMQ_ENDPOINTS="127.0.0.1:$PROXY_GRPC_PORT" DB_HOST="${DB_HOST:-127.0.0.1}" DB_PORT="${DB_PORT:-3306}"
export DB_NAME_SUFFIX RUN_DIR LOG_DIR PID_DIR CONSUMER_MAX_RETRIES
TS_NODE_TRANSPILE_ONLY=1 node -r ts-node/register -r tsconfig-paths/register test/chaos/main.ts "$@"
