#!/usr/bin/env bash
# A private Docker engine for `npm run test:compose`, all of its state under .run/compose/. Sourced, never run.
# engine_start records the host's bridges, iptables rules and ip_forward first; engine_stop stops dockerd by its PID
# and puts them back as they were.
ENGINE_DIR="${ENGINE_DIR:-$REPO_ROOT/.run/compose}"
export DOCKER_HOST="unix://$ENGINE_DIR/docker.sock"
# Prefer Debian's client (matches dockerd 20.10) over any other `docker` on PATH.
DOCKER_BIN="$(command -v /usr/bin/docker || command -v docker)"
export DOCKER_BIN
docker() { "$DOCKER_BIN" "$@"; }

engine_save_network() {
  # Saved by a run whose restore never came: that state is the one to put back.
  [[ -f "$ENGINE_DIR/network/bridges" ]] && return 0
  mkdir -p "$ENGINE_DIR/network"
  ip -o link show type bridge | awk -F': ' '{print $2}' | sort >"$ENGINE_DIR/network/bridges"
  cat /proc/sys/net/ipv4/ip_forward >"$ENGINE_DIR/network/ip_forward"
  iptables-save >"$ENGINE_DIR/network/iptables" 2>/dev/null || true
}

engine_restore_network() {
  local saved="$ENGINE_DIR/network" bridge table
  [[ -f "$saved/bridges" ]] || return 0
  for bridge in $(ip -o link show type bridge | awk -F': ' '{print $2}' | sort | comm -13 "$saved/bridges" -); do
    ip link delete "$bridge" 2>/dev/null || true
  done
  # Tables dockerd created go away (or, without nft, are emptied with ACCEPT policies); the others get their
  # saved rules back.
  for table in filter nat; do
    grep -q "^\*$table$" "$saved/iptables" && continue
    nft delete table ip "$table" 2>/dev/null && continue
    iptables -t "$table" -F 2>/dev/null || true
    iptables -t "$table" -X 2>/dev/null || true
    for chain in $(iptables -t "$table" -S 2>/dev/null | awk '$1 == "-P" {print $2}'); do
      iptables -t "$table" -P "$chain" ACCEPT
    done
  done
  [[ ! -s "$saved/iptables" ]] || iptables-restore <"$saved/iptables"
  cat "$saved/ip_forward" >/proc/sys/net/ipv4/ip_forward
  rm -rf "$saved"
}

engine_running() { [[ -f "$ENGINE_DIR/dockerd.pid" ]] && kill -0 "$(cat "$ENGINE_DIR/dockerd.pid")" 2>/dev/null; }

engine_start() {
  if engine_running; then log "dockerd already running (pid $(cat "$ENGINE_DIR/dockerd.pid"))"; return 0; fi
  mkdir -p "$ENGINE_DIR/data" "$ENGINE_DIR/exec"
  engine_save_network
  # Its own bridge and address pool, so nothing collides with a Docker the machine may run.
  dockerd --storage-driver overlay2 --data-root "$ENGINE_DIR/data" --exec-root "$ENGINE_DIR/exec" \
    --pidfile "$ENGINE_DIR/dockerd.pid" -H "$DOCKER_HOST" --log-level warn \
    >"$ENGINE_DIR/dockerd.log" 2>&1 &
  local deadline=$((SECONDS + 30))
  until docker version >/dev/null 2>&1; do
    (( SECONDS < deadline )) || { tail -n 20 "$ENGINE_DIR/dockerd.log" >&2; die "dockerd did not answer in 30 s"; }
    sleep 0.2
  done
  log "dockerd up (pid $(cat "$ENGINE_DIR/dockerd.pid"), data in $ENGINE_DIR/data)"
}

engine_stop() {
  if engine_running; then
    local pid deadline
    pid="$(cat "$ENGINE_DIR/dockerd.pid")"
    kill -TERM "$pid"
    deadline=$((SECONDS + 30))
    while kill -0 "$pid" 2>/dev/null && (( SECONDS < deadline )); do sleep 0.2; done
    kill -0 "$pid" 2>/dev/null && { log "dockerd did not stop in 30 s; killing it"; kill -KILL "$pid"; }
    log "dockerd stopped"
  fi
  engine_restore_network
}
