#!/usr/bin/env bash
# Runs a command and restarts it whenever it exits, like a compose restart policy; TERM stops both.
# Usage: supervise.sh <name> <logfile> <command...>
set -uo pipefail
name="$1" logfile="$2"
shift 2
child_pid_file="${PID_DIR:?}/$name.child.pid"
stopping=0 child=''
trap 'stopping=1; [[ -n "$child" ]] && kill -TERM "$child" 2>/dev/null' TERM INT

delay=1
while true; do
  started=$SECONDS
  "$@" >> "$logfile" 2>&1 &
  child=$!
  echo "$child" > "$child_pid_file"
  wait "$child"
  code=$?
  # A trapped signal interrupts `wait`; wait again so the child finishes its graceful shutdown.
  while kill -0 "$child" 2>/dev/null; do wait "$child"; code=$?; done
  rm -f "$child_pid_file"
  (( stopping )) && exit 0
  (( SECONDS - started > 30 )) && delay=1
  printf '{"level":"warn","service":"%s","msg":"supervisor: process exited with code %s, restarting in %ss"}\n' \
    "$name" "$code" "$delay" >> "$logfile"
  sleep "$delay" &
  wait $!
  (( stopping )) && exit 0
  delay=$(( delay < 8 ? delay * 2 : 10 ))
done
