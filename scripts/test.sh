#!/usr/bin/env bash
# `npm test`: every test against a real RocketMQ and a real MySQL-compatible database.
# Starts the test profile's own broker (fresh store, ports of infra/profiles/test.env) and test databases,
# builds the services, runs unit and e2e tests, and stops what it started, even when a test fails.
# Extra arguments go to Jest (e.g. `npm test -- test/broker`). KEEP_TEST_STACK=1 leaves the broker running.
set -euo pipefail
export STACK_PROFILE=test
source "$(dirname "${BASH_SOURCE[0]}")/../infra/lib/common.sh"
cd "$REPO_ROOT"

if [[ ! -d node_modules ]] || [[ package-lock.json -nt node_modules/.package-lock.json ]]; then
  log "installing npm packages (npm ci)"
  npm ci --no-audit --no-fund
fi

cleanup() {
  local code=$?
  if [[ -z "${KEEP_TEST_STACK:-}" ]]; then bash infra/rocketmq/stop.sh || true; fi
  exit "$code"
}
trap cleanup EXIT

bash infra/db/ensure-server.sh
node infra/db/setup.mjs --reset

# A fresh store every run: new consumer groups start from a known place and no half message is left over.
bash infra/rocketmq/stop.sh
rm -rf "$RUN_DIR/rocketmq"
bash infra/rocketmq/start.sh
bash infra/rocketmq/init.sh

FORCE_BUILD=1 bash infra/stack/build.sh

export ROCKETMQ_ENDPOINTS="127.0.0.1:$PROXY_GRPC_PORT" DB_HOST="${DB_HOST:-127.0.0.1}" DB_PORT="${DB_PORT:-3306}"
export DB_NAME_SUFFIX RUN_DIR LOG_DIR PID_DIR
results="$RUN_DIR/jest-results.json"
started=$SECONDS
set +e
# --forceExit: rocketmq-client-nodejs 1.0.8 leaves gRPC channels open after shutdown(), which would keep Jest alive.
npx jest --ci --runInBand --forceExit --json --outputFile="$results" "$@"
code=$?
set -e
# A closing line any CI can read, whatever the runner.
node -e '
  const r = require(process.argv[1]);
  console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests} skipped`);
' "$results" || true
log "tests took $((SECONDS - started)) s"
exit "$code"
