#!/usr/bin/env bash
# Makes sure a MySQL-compatible server answers on DB_HOST:DB_PORT; starts the machine's MariaDB if it is installed.
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"
: "${DB_HOST:=127.0.0.1}" "${DB_PORT:=3306}"

if port_open "$DB_PORT" || [[ "$DB_HOST" != 127.0.0.1 ]]; then exit 0; fi
if [[ -x /usr/sbin/mariadbd ]] && command -v start-stop-daemon >/dev/null; then
  log "MariaDB is installed but not running; starting it"
  start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd
  for _ in $(seq 1 100); do port_open "$DB_PORT" && exit 0; sleep 0.3; done
  die "MariaDB did not open port $DB_PORT within 30 s (see /var/log/mysql or journal)"
fi
die "no MySQL-compatible server on 127.0.0.1:$DB_PORT. Install one (apt-get install -y mariadb-server) or set DB_HOST/DB_PORT and DB_ADMIN_USER/DB_ADMIN_PASSWORD"
