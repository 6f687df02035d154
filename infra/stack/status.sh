#!/usr/bin/env bash
# Shows which parts of the stack run and whether each service is healthy.
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"
for name in namesrv broker "${SERVICES[@]}"; do
  if pid="$(running_pid "$name")"; then state="running (pid $pid)"; else state="stopped"; fi
  printf '%-18s %s\n' "$name" "$state"
done
