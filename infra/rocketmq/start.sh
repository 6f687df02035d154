#!/usr/bin/env bash
# Starts a name server and a broker with the gRPC proxy in one JVM ("local" mode) on loopback, if not running.
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"
require_java
bash "$REPO_ROOT/infra/rocketmq/install.sh"

RMQ_DIR="$RUN_DIR/rocketmq"
mkdir -p "$RMQ_DIR/conf" "$RMQ_DIR/namesrv" "$RMQ_DIR/broker" "$LOG_DIR" "$PID_DIR"

check_disk() {
  local used
  used="$(df -P "$RMQ_DIR" | awk 'NR==2 { gsub("%", "", $5); print $5 }')"
  if (( used >= 85 )); then
    die "disk holding $RMQ_DIR is ${used}% full; the broker refuses writes at 90%. Free space first."
  fi
}

write_config() {
  cat > "$RMQ_DIR/conf/namesrv.conf" <<CONF
listenPort=$NAMESRV_PORT
CONF
  # Transaction check: first check-back ~3 s after an unresolved half message, then every 2 s, discarded after
  # 300 checks = 10 minutes (the discard horizon must outlive any crash-and-restart of a producer).
  cat > "$RMQ_DIR/conf/broker.conf" <<CONF
brokerClusterName=DefaultCluster
brokerName=broker-a
brokerId=0
brokerRole=ASYNC_MASTER
flushDiskType=ASYNC_FLUSH
brokerIP1=127.0.0.1
listenPort=$BROKER_PORT
namesrvAddr=127.0.0.1:$NAMESRV_PORT
storePathRootDir=$RMQ_DIR/broker/store
storePathCommitLog=$RMQ_DIR/broker/store/commitlog
mappedFileSizeCommitLog=134217728
autoCreateTopicEnable=false
autoCreateSubscriptionGroup=true
transactionTimeOut=3000
transactionCheckInterval=${ROCKETMQ_TRANSACTION_CHECK_INTERVAL_MS:-2000}
transactionCheckMax=${ROCKETMQ_TRANSACTION_CHECK_MAX:-300}
transactionOpBatchInterval=500
# The timer wheel (delayed messages; unused here) is compared byte by byte at every flush: once a second by
# default, a steady share of a core on a small machine. Its log still records every change.
timerFlushIntervalMs=10000
# Pop checkpoints wait in memory for their ack and are written only for messages not acked in time: two fewer
# commit-log writes per delivery. The group's offset moves only past acked or written checkpoints, so a broker
# crash redelivers what was in flight (the consumers' dedup absorbs it) instead of losing it.
enablePopBufferMerge=true
# One timer thread of each kind instead of three (they only move those checkpoints: a few per second here), and the
# timer's progress line, which counts the whole wheel, logged every 10 minutes instead of every 10 s.
timerGetMessageThreadNum=1
timerPutMessageThreadNum=1
timerProgressLogIntervalMs=600000
CONF
  cat > "$RMQ_DIR/conf/rmq-proxy.json" <<CONF
{
  "rocketMQClusterName": "DefaultCluster",
  "namesrvAddr": "127.0.0.1:$NAMESRV_PORT",
  "grpcServerPort": $PROXY_GRPC_PORT,
  "remotingListenPort": $PROXY_REMOTING_PORT,
  "localServeAddr": "127.0.0.1",
  "grpcShutdownTimeSeconds": 3,
  "topicRouteServiceCacheRefreshSeconds": 3,
  "grpcThreadPoolNums": 4
}
CONF
}

JAVA_COMMON=(-XX:+UseG1GC -XX:+ExitOnOutOfMemoryError -Djava.net.preferIPv4Stack=true
  --add-opens java.base/java.nio=ALL-UNNAMED --add-opens java.base/sun.nio.ch=ALL-UNNAMED
  --add-exports java.base/sun.nio.ch=ALL-UNNAMED --add-opens java.base/java.lang=ALL-UNNAMED)

# start_jvm <name> <home> <heap opts> <logback> <main> <args...>: runs detached in its own process group.
start_jvm() {
  local name="$1" home="$2" heap="$3" logback="$4" main="$5"
  shift 5
  # shellcheck disable=SC2086
  setsid "$JAVA_HOME/bin/java" $heap "${JAVA_COMMON[@]}" \
    -Duser.home="$home" -Drocketmq.home.dir="$home" -Drmq.logback.configurationFile="$logback" \
    -cp "$ROCKETMQ_LIB/*" "$main" "$@" > "$LOG_DIR/$name.out" 2>&1 < /dev/null &
  echo $! > "$(pid_file "$name")"
  echo $!
}

if pid="$(running_pid namesrv)"; then
  log "name server already running (pid $pid)"
else
  require_free_port "$NAMESRV_PORT" "RocketMQ name server"
  check_disk
  write_config
  pid="$(start_jvm namesrv "$RMQ_DIR/namesrv" "-Xms128m -Xmx256m -Xmn96m" rmq.namesrv.logback.xml \
    org.apache.rocketmq.namesrv.NamesrvStartup -c "$RMQ_DIR/conf/namesrv.conf")"
  wait_ready "name server" "$pid" "$LOG_DIR/namesrv.out" "The Name Server boot success" "$NAMESRV_PORT"
  log "name server ready on 127.0.0.1:$NAMESRV_PORT (pid $pid)"
fi

if pid="$(running_pid broker)"; then
  log "broker + proxy already running (pid $pid)"
else
  for p in "$BROKER_PORT:broker" "$((BROKER_PORT - 2)):broker VIP channel" "$((BROKER_PORT + 1)):broker HA" \
           "$PROXY_GRPC_PORT:proxy gRPC" "$PROXY_REMOTING_PORT:proxy remoting"; do
    require_free_port "${p%%:*}" "RocketMQ ${p#*:}"
  done
  check_disk
  write_config
  pid="$(start_jvm broker "$RMQ_DIR/broker" "-Xms512m -Xmx1g -XX:MaxDirectMemorySize=512m" rmq.proxy.logback.xml \
    org.apache.rocketmq.proxy.ProxyStartup -pm local -bc "$RMQ_DIR/conf/broker.conf" \
    -pc "$RMQ_DIR/conf/rmq-proxy.json" -n "127.0.0.1:$NAMESRV_PORT")"
  wait_ready "broker + proxy" "$pid" "$LOG_DIR/broker.out" "rocketmq-proxy startup successfully" "$PROXY_GRPC_PORT"
  log "broker on 127.0.0.1:$BROKER_PORT, gRPC proxy on 127.0.0.1:$PROXY_GRPC_PORT (pid $pid)"
fi
