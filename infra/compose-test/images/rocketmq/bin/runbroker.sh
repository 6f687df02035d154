#!/bin/sh
# shellcheck disable=SC2006,SC2046,SC2068,SC2086,SC2125,SC2155 # written like the upstream scripts it stands in for
# Stand-in for the official image's runbroker.sh: heap sized from the container's memory, JAVA_OPT_EXT appended
# last (so it wins), then java run WITHOUT exec, as upstream does (the JVM is a grandchild of `sh mqbroker`).
[ -e "$JAVA_HOME/bin/java" ] || { echo "ERROR: Please set the JAVA_HOME variable in your environment !!"; exit 1; }
export JAVA="$JAVA_HOME/bin/java"
export BASE_DIR=$(dirname $0)/..
export CLASSPATH=.:${BASE_DIR}/conf:${BASE_DIR}/lib/*:${CLASSPATH}

# A quarter of the memory limit (or of the machine), like the official image's MAX_POSSIBLE_HEAP.
limit_kb=$(cat /sys/fs/cgroup/memory.max /sys/fs/cgroup/memory/memory.limit_in_bytes 2>/dev/null | grep -E '^[0-9]+$' | head -n 1)
limit_kb=$(( ${limit_kb:-0} / 1024 ))
total_kb=$(awk '/MemTotal/ {print $2}' /proc/meminfo)
[ "$limit_kb" -gt 0 ] && [ "$limit_kb" -lt "$total_kb" ] && total_kb=$limit_kb
heap_mb=$((total_kb / 4 / 1024))
JAVA_OPT="${JAVA_OPT} -server -Xms${heap_mb}m -Xmx${heap_mb}m -Xmn$((heap_mb / 2))m"
JAVA_OPT="${JAVA_OPT} -XX:+UseG1GC -XX:G1HeapRegionSize=16m -XX:G1ReservePercent=25 -XX:InitiatingHeapOccupancyPercent=30 -XX:SoftRefLRUPolicyMSPerMB=0"
JAVA_OPT="${JAVA_OPT} -XX:-OmitStackTraceInFastThrow -XX:-UseLargePages -XX:MaxDirectMemorySize=${heap_mb}m"
JAVA_OPT="${JAVA_OPT} ${JAVA_OPT_EXT}"
JAVA_OPT="${JAVA_OPT} -cp ${CLASSPATH}"

$JAVA ${JAVA_OPT} $@
