#!/usr/bin/env bash
# `npm run test:compose`: the README's docker compose steps under a real container engine.
# Installs what is missing (Debian: docker.io, docker-compose, debootstrap; JDK and Maven for the RocketMQ jars),
# starts a private dockerd (state under .run/compose/, stopped by PID; bridges, iptables and ip_forward restored),
# builds local stand-ins for the pulled images (no registry is reachable here), and runs check-compose.mjs in a copy
# of the working tree. KEEP_ENGINE=1 leaves dockerd and the stack running for a look.
set -Eeuo pipefail
trap 'printf "ERROR: line %s: %s failed\n" "$LINENO" "$BASH_COMMAND" >&2' ERR
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$REPO_ROOT"
log() { printf '[compose-test %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { printf 'ERROR: %s\n' "$*" >&2; exit 1; }
# shellcheck source=engine.sh
source infra/compose-test/engine.sh
# shellcheck source=images.sh
source infra/compose-test/images.sh
started=$SECONDS
step() { log "$1 took $((SECONDS - $2)) s"; }

[[ $EUID -eq 0 ]] || die "needs root (it starts dockerd and changes bridges and iptables)"
missing=()
command -v dockerd >/dev/null || missing+=(docker.io)
command -v docker-compose >/dev/null || missing+=(docker-compose)
command -v debootstrap >/dev/null || missing+=(debootstrap)
command -v unzip >/dev/null || missing+=(unzip)
[[ -f "${XDG_CACHE_HOME:-$HOME/.cache}/rocketmq-local/5.3.3/lib/.complete" ]] || {
  [[ -x /usr/lib/jvm/java-17-openjdk-amd64/bin/java ]] || missing+=(openjdk-17-jdk-headless)
  command -v mvn >/dev/null || missing+=(maven)
}
if ((${#missing[@]})); then
  t=$SECONDS
  log "installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  step "installing packages" "$t"
fi

# The compose file publishes 3000-3003 (console and services); move them when something else listens there (never
# to 13000-13003, the ports of `npm test`).
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for base in 3001 33001 43001 53001 none; do
  [[ $base != none ]] || die "no free ports for the console and services (tried 3000, 33000, 43000, 53000 and the next three)"
  port_free $((base - 1)) && port_free "$base" && port_free $((base + 1)) && port_free $((base + 2)) && break
done
export CONSOLE_PORT=$((base - 1)) ORDER_SERVICE_PORT=$base INVENTORY_SERVICE_PORT=$((base + 1)) PAYMENT_SERVICE_PORT=$((base + 2))

# Outside the repository: a second package.json under it would confuse Jest's module map in a parallel `npm test`.
work="${TMPDIR:-/tmp}/rocketmq-orders-compose-test/rocketmq-orders"
cleanup() {
  local code=$?
  if [[ -z "${KEEP_ENGINE:-}" ]]; then
    if engine_running && [[ -f "$work/docker-compose.yml" ]]; then
      (cd "$work" && timeout 120 docker-compose down -v -t 40 >/dev/null 2>&1) || true
    fi
    engine_stop
    rm -rf "$work"
  fi
  log "test:compose $([[ $code -eq 0 ]] && echo passed || echo FAILED) in $((SECONDS - started)) s"
  exit "$code"
}
trap cleanup EXIT

t=$SECONDS
engine_start
step "starting dockerd" "$t"
t=$SECONDS
build_stand_in_images
step "stand-in images" "$t"

# A copy of the working tree (tracked and new files, .gitignore respected), so `.env` never lands in the checkout.
if [[ -f "$work/docker-compose.yml" ]]; then # left by a run with KEEP_ENGINE=1
  (cd "$work" && timeout 120 docker-compose down -v -t 40 >/dev/null 2>&1) || true
fi
rm -rf "$work"
mkdir -p "$work"
git ls-files -co --exclude-standard -z | tar --null --ignore-failed-read -T - -cf - 2>/dev/null | tar -C "$work" -xf -
log "services on 127.0.0.1:$ORDER_SERVICE_PORT-$PAYMENT_SERVICE_PORT"
timeout 1800 node infra/compose-test/check-compose.mjs "$work"
