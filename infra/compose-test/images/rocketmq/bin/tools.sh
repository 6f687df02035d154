#!/bin/sh
# shellcheck disable=SC2006,SC2046,SC2068,SC2086,SC2125,SC2155 # written like the upstream scripts it stands in for
# Stand-in for upstream tools.sh: a fixed 1 GB heap (JAVA_OPT_EXT is not read), java run without exec.
[ -e "$JAVA_HOME/bin/java" ] || { echo "ERROR: Please set the JAVA_HOME variable in your environment !!"; exit 1; }
export JAVA="$JAVA_HOME/bin/java"
export BASE_DIR=$(dirname $0)/..
export CLASSPATH=.:${BASE_DIR}/conf:${BASE_DIR}/lib/*:${CLASSPATH}
JAVA_OPT="${JAVA_OPT} -server -Xms1g -Xmx1g -Xmn256m -XX:MetaspaceSize=128m -XX:MaxMetaspaceSize=128m"
JAVA_OPT="${JAVA_OPT} -cp ${CLASSPATH}"

$JAVA ${JAVA_OPT} "$@"
