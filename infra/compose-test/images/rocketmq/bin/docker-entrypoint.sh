#!/bin/bash
# shellcheck disable=SC2006,SC2046,SC2068,SC2086,SC2125,SC2155 # written like the upstream scripts it stands in for
# As the official image's docker-entrypoint.sh: `nameserver`/`broker` start a role, anything else is exec'd.
set -e
if [[ "$1" == "nameserver" || "${NODE_ROLE}" == "nameserver" ]]; then
  shift
  exec ./mqnamesrv "${@}"
elif [[ "$1" == "broker" || "${NODE_ROLE}" == "broker" ]]; then
  shift
  exec ./mqbroker "${@}"
else
  exec "$@"
fi
