#!/bin/sh
# Runs a RocketMQ launcher (`sh mqnamesrv`, `sh mqproxy ...`) and stops its JVM cleanly on SIGTERM.
# The launchers start java without exec (sh -> sh -> java): a stop's SIGTERM reaches only the outer sh, the JVM
# never runs its shutdown hooks and is killed after the grace period, leaving an abort file in the broker's store.
# Here, on SIGTERM, the JVM (the only java in this container) gets the signal and the launcher is waited for.
"$@" &
launcher=$!
forward() {
  for dir in /proc/[0-9]*; do
    [ "$(cat "$dir/comm" 2>/dev/null)" = java ] && kill -TERM "${dir#/proc/}" 2>/dev/null
  done
}
trap forward TERM INT
# A trapped signal ends `wait` early: wait again until the launcher itself has exited, and exit with its status.
while :; do
  wait "$launcher"
  status=$?
  kill -0 "$launcher" 2>/dev/null || exit "$status"
done
