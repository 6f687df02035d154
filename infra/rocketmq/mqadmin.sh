#!/usr/bin/env bash
# Runs the official admin CLI (mqadmin) against this profile's name server. Its exit code is always 0: read its output.
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"
require_java
mkdir -p "$RUN_DIR/mqadmin"
exec "$JAVA_HOME/bin/java" -Xms64m -Xmx128m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
  -Duser.home="$RUN_DIR/mqadmin" -Drocketmq.home.dir="$RUN_DIR/mqadmin" \
  -Drmq.logback.configurationFile=rmq.tools.logback.xml \
  -cp "$ROCKETMQ_LIB/*" org.apache.rocketmq.tools.command.MQAdminStartup "$@" -n "127.0.0.1:$NAMESRV_PORT"
