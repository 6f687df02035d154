#!/usr/bin/env bash
# Stops the broker, then the name server, that start.sh started (by PID).
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"
stop_by_pid_file broker 30
stop_by_pid_file namesrv 15
