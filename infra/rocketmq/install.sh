#!/usr/bin/env bash
# Resolves the official RocketMQ server jars from Maven Central into ROCKETMQ_LIB (once; ~/.m2 caches downloads).
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"

if [[ -f "$ROCKETMQ_LIB/.complete" ]]; then
  log "RocketMQ $ROCKETMQ_VERSION jars present in $ROCKETMQ_LIB"
  exit 0
fi
require_java
command -v mvn >/dev/null || die "Maven (mvn) not found; install it (apt-get install maven) to fetch the RocketMQ jars"

log "resolving RocketMQ $ROCKETMQ_VERSION jars from Maven Central into $ROCKETMQ_LIB"
tmp="$ROCKETMQ_LIB.partial"
rm -rf "$tmp"
mkdir -p "$tmp"
JAVA_HOME="$JAVA_HOME" mvn -B -q -Dstyle.color=never -f "$REPO_ROOT/infra/rocketmq/pom.xml" \
  -Drocketmq.version="$ROCKETMQ_VERSION" \
  dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$tmp" \
  || die "Maven could not resolve org.apache.rocketmq:*:$ROCKETMQ_VERSION (see the output above)"
touch "$tmp/.complete"
rm -rf "$ROCKETMQ_LIB"
mv "$tmp" "$ROCKETMQ_LIB"
log "$(find "$ROCKETMQ_LIB" -name '*.jar' | wc -l) jars, $(du -sh "$ROCKETMQ_LIB" | cut -f1)"
