#!/usr/bin/env bash
# Stops what stack:up started (services, then broker and name server), by PID. Idempotent.
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"
stop_by_pid_file console 10
for service in "${SERVICES[@]}"; do
  for name in $(running_replicas "$service"); do stop_by_pid_file "$name" 30; done
done
bash "$REPO_ROOT/infra/rocketmq/stop.sh"
