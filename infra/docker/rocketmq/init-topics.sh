#!/bin/sh
# One-shot: creates the topics and consumer groups of /resources.txt (infra/rocketmq/resources.txt), then exits.
# Runs in the apache/rocketmq image; mqadmin always exits 0, so success is read from its output.
# Fast and idempotent: groups are created before topics, so when one `topicList` call finds every topic, all is
# there and nothing else runs. Otherwise the groups, then the topics, are created in parallel (one JVM each).
set -eu
NAMESRV="${NAMESRV_ADDR:-rocketmq-namesrv:9876}"
RETRIES="${CONSUMER_MAX_RETRIES:-16}"
# mqadmin's tools.sh puts JAVA_OPT first: a short-lived CLI starts faster with these.
export JAVA_OPT="${JAVA_OPT:-} -XX:+UseSerialGC -XX:TieredStopAtLevel=1"
resources=/tmp/resources.txt
grep -Ev '^[[:space:]]*(#|$)' /resources.txt >"$resources"

# The broker is healthy once its ports are open; wait (bounded) until the name server lists it.
tries=0
until topics=$(sh mqadmin topicList -n "$NAMESRV" 2>&1) && echo "$topics" | grep -qx broker-a; do
  tries=$((tries + 1))
  [ "$tries" -lt 30 ] || { echo "the name server does not list broker-a: $topics" >&2; exit 1; }
  sleep 1
done
missing=0
while read -r kind name _; do
  if [ "$kind" = topic ] && ! echo "$topics" | grep -qx "$name"; then missing=$((missing + 1)); fi
done <"$resources"
if [ "$missing" -eq 0 ]; then
  echo "every topic and consumer group exists"
  exit 0
fi

admin() {
  what="$1"
  shift
  out=$(sh mqadmin "$@" 2>&1)
  echo "$out" | grep -q success || { echo "failed: $what: $out" >&2; exit 1; }
  echo "created $what"
}
# create <kind>: every resource of that kind at once.
create() {
  pids=""
  while read -r kind name type queues; do
    case "$kind" in
      "$1")
        if [ "$kind" = topic ]; then
          admin "topic $name" updateTopic -n "$NAMESRV" -c DefaultCluster -t "$name" -r "$queues" -w "$queues" \
            -a "+message.type=$type" &
        else
          admin "group $name" updateSubGroup -n "$NAMESRV" -c DefaultCluster -g "$name" -r "$RETRIES" &
        fi
        pids="$pids $!" ;;
      topic | group) ;;
      *) echo "unknown line: $kind $name" >&2; exit 1 ;;
    esac
  done <"$resources"
  failed=0
  for pid in $pids; do wait "$pid" || failed=1; done
  [ "$failed" -eq 0 ]
}
create group
create topic
