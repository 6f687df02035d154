#!/usr/bin/env bash
# `npm run bench`: the order flow under a bounded load (scripts/bench.mjs) on the stack of STACK_PROFILE (dev by
# default), whose ports and run directory come from its profile.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../infra/lib/common.sh"
exec node "$REPO_ROOT/scripts/bench.mjs" "$@"
