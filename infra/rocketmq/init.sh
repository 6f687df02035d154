#!/usr/bin/env bash
# Creates the project's topics (message.type set, equal read/write queues) and consumer groups. Idempotent.
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"
here="$REPO_ROOT/infra/rocketmq"
files=("$here/resources.txt")
[[ "$STACK_PROFILE" == test ]] && files+=("$here/resources.test.txt")

: "${CONSUMER_RETRY_POLICY:={\"type\":\"EXPONENTIAL\",\"exponentialRetryPolicy\":{\"initial\":1000,\"max\":60000,\"multiplier\":2\}\}}"

# admin <description> <mqadmin args...>: mqadmin exits 0 even on failure, so success is read from its output.
admin() {
  local what="$1" out
  shift
  out="$(bash "$here/mqadmin.sh" "$@" 2>&1)"
  grep -q "success" <<<"$out" || { echo "mqadmin failed for $what: $out" >&2; return 1; }
  log "$what"
}

# Each mqadmin JVM spends seconds in its network shutdown, so all of them run at once.
pids=()
while read -r kind name type queues; do
  case "$kind" in
    topic)
      admin "topic $name ($type, $queues queues)" updateTopic -b "127.0.0.1:$BROKER_PORT" -t "$name" \
        -r "$queues" -w "$queues" -a "+message.type=$type" & ;;
    group)
      admin "consumer group $name (max retries $CONSUMER_MAX_RETRIES)" updateSubGroup -b "127.0.0.1:$BROKER_PORT" \
        -g "$name" -r "$CONSUMER_MAX_RETRIES" -p "$CONSUMER_RETRY_POLICY" & ;;
    *) die "unknown line in resources: $kind $name" ;;
  esac
  pids+=($!)
done < <(cat "${files[@]}" | grep -Ev '^\s*(#|$)')

failed=0
for pid in "${pids[@]}"; do wait "$pid" || failed=1; done
(( failed == 0 )) || die "could not create every topic and consumer group (see above)"
