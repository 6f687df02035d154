#!/usr/bin/env bash
# Compiles the services and the console's page when any of their sources is newer than the last build (FORCE_BUILD=1
# always builds).
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"
stamp="$REPO_ROOT/dist/.build-stamp"
if [[ -n "${FORCE_BUILD:-}" || ! -f "$stamp" ]] ||
  [[ -n "$(find "$REPO_ROOT/apps" "$REPO_ROOT/libs" \( -name '*.ts' -o -name '*.tsx' -o -name '*.css' -o -name '*.html' \) \
    -newer "$stamp" -print -quit)" ]]; then
  log "building the services"
  (cd "$REPO_ROOT" && npm run --silent build)
  touch "$stamp"
fi
