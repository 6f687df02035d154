#!/bin/sh
# One-shot compose service: creates the topics and consumer groups of infra/rocketmq/resources.txt.
# Runs in the apache/rocketmq image; mqadmin always exits 0, so success is read from its output.
set -eu
NAMESRV="${NAMESRV_ADDR:-rocketmq-namesrv:9876}"
RETRIES="${CONSUMER_MAX_RETRIES:-16}"
grep -Ev '^[[:space:]]*(#|$)' /resources.txt | while read -r kind name type queues; do
  case "$kind" in
    topic) out=$(sh mqadmin updateTopic -n "$NAMESRV" -c DefaultCluster -t "$name" -r "$queues" -w "$queues" -a "+message.type=$type") ;;
    group) out=$(sh mqadmin updateSubGroup -n "$NAMESRV" -c DefaultCluster -g "$name" -r "$RETRIES") ;;
    *) echo "unknown line: $kind $name" >&2; exit 1 ;;
  esac
  echo "$out" | grep -q success || { echo "failed: $kind $name: $out" >&2; exit 1; }
  echo "created $kind $name"
done
