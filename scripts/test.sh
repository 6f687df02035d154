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

# The deploy tests (test/deploy) run `docker-compose config` and `kubectl kustomize`: install them from Debian when
# missing, as .ci/run does (no Docker engine is needed for either).
apt_install() {
  [[ $EUID -eq 0 ]] || die "$* not found; install it (apt-get install $*)"
  log "installing $* for the deploy tests"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}
command -v docker-compose >/dev/null || apt_install docker-compose
command -v kubectl >/dev/null || apt_install kubectl || apt_install kubernetes-client
# The console test (test/console) drives Debian's chromium through playwright-core, which downloads no browser.
[[ -x /usr/bin/chromium ]] || apt_install chromium

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
rm -f "$results"
# --forceExit: rocketmq-client-nodejs 1.0.8 leaves gRPC channels open after shutdown(), which would keep Jest alive.
# The processor keeps the JSON report writable when a failure's error is circular.
npx jest --ci --runInBand --forceExit --json --outputFile="$results" \
  --testResultsProcessor=./scripts/jest-results-processor.cjs "$@"
code=$?
set -e
# A closing line any CI can read, whatever the runner.
if [[ -f "$results" ]]; then
  node -e '
    const r = require(process.argv[1]);
    console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests} skipped`);
  ' "$results" || log "could not read $results"
else
  log "no Jest results in $results (Jest exited with $code before writing them)"
fi
log "tests took $((SECONDS - started)) s"
exit "$code"
