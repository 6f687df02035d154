#!/bin/bash
# First start on an empty data dir: create the system tables, root@localhost and root@'%' with
# MARIADB_ROOT_PASSWORD, and a healthcheck user for healthcheck.sh (as the official image does); then run mariadbd.
set -euo pipefail
[[ "${1:-}" == mariadbd ]] || exec "$@"
shift
datadir=/var/lib/mysql
password="${MARIADB_ROOT_PASSWORD:-${MYSQL_ROOT_PASSWORD:-}}"
chown mysql:mysql "$datadir" /run/mysqld
if [[ ! -d "$datadir/mysql" ]]; then
  [[ -n "$password" ]] || { echo "MARIADB_ROOT_PASSWORD is not set" >&2; exit 1; }
  echo "initialising $datadir"
  mariadb-install-db --user=mysql --datadir="$datadir" --auth-root-authentication-method=normal \
    --skip-test-db >/dev/null
  mariadbd --user=mysql --skip-networking --socket=/run/mysqld/init.sock &
  pid=$!
  for _ in $(seq 1 300); do
    mariadb-admin --socket=/run/mysqld/init.sock -uroot ping >/dev/null 2>&1 && break
    sleep 0.1
  done
  quoted="${password//\'/\'\'}"
  health="$(head -c 18 /dev/urandom | base64 | tr -d '/+=')"
  sql="ALTER USER root@localhost IDENTIFIED BY '$quoted';
    CREATE USER root@'%' IDENTIFIED BY '$quoted'; GRANT ALL ON *.* TO root@'%' WITH GRANT OPTION;"
  for host in localhost 127.0.0.1 ::1; do
    sql+="CREATE USER healthcheck@'$host' IDENTIFIED BY '$health'; GRANT USAGE ON *.* TO healthcheck@'$host';"
  done
  mariadb --socket=/run/mysqld/init.sock -uroot -e "$sql"
  printf '[mariadb-client]\nport=3306\nsocket=/run/mysqld/mysqld.sock\nuser=healthcheck\npassword=%s\n' "$health" \
    >"$datadir/.my-healthcheck.cnf"
  chown mysql:mysql "$datadir/.my-healthcheck.cnf"
  chmod 600 "$datadir/.my-healthcheck.cnf"
  kill "$pid"
  wait "$pid" || true
  echo "initialised"
fi
exec mariadbd --user=mysql "$@"
