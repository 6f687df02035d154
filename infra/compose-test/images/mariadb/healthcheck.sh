#!/bin/bash
# Subset of the official image's healthcheck.sh: --connect (the server accepts TCP connections) and
# --innodb_initialized (InnoDB answers, as the healthcheck user written by the entrypoint).
set -uo pipefail
for test in "$@"; do
  case "$test" in
    --connect) (exec 3<>/dev/tcp/127.0.0.1/3306) 2>/dev/null || exit 1 ;;
    --innodb_initialized)
      out=$(mariadb --defaults-extra-file=/var/lib/mysql/.my-healthcheck.cnf -N -e \
        "select 1 from information_schema.ENGINES where engine='innodb' and support in ('YES','DEFAULT','ENABLED')" 2>&1)
      [[ "$out" == 1 ]] || { echo "$out" >&2; exit 1; } ;;
    *) echo "healthcheck.sh: unsupported option $test" >&2; exit 1 ;;
  esac
done
