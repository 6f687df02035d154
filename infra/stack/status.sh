#!/usr/bin/env bash
# Shows which parts of the stack run and whether each service is healthy.
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"
replicas=()
for service in "${SERVICES[@]}"; do
  mapfile -t running < <(running_replicas "$service")
  if (( ${#running[@]} > 0 )); then replicas+=("${running[@]}"); else replicas+=("$service"); fi
done
for name in namesrv broker "${replicas[@]}" console; do
  if pid="$(running_pid "$name")"; then state="running (pid $pid)"; else state="stopped"; fi
  printf '%-18s %s\n' "$name" "$state"
done
