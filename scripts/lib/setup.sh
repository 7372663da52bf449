# Sourced by scripts/run and scripts/test: make this machine ready, idempotently and quickly.
# System packages (apt, when root or with sudo), .venv, npm assets, translations, local database.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
VENV="$ROOT/.venv"
STAMPS="$VENV/.stamps"

say() { printf '\033[1;34m==>\033[0m %s\n' "$*"; }

# --- system packages ------------------------------------------------------------------------
missing_packages() {
  # Checks by file or command, so tools installed another way (e.g. node) are not re-installed.
  local major
  major=$(ls /usr/lib/postgresql 2>/dev/null | sort -n | tail -1 || true)
  if [ -z "$major" ] || [ ! -x "/usr/lib/postgresql/$major/bin/initdb" ]; then
    echo postgresql postgresql-contrib postgis
  elif [ ! -f "/usr/share/postgresql/$major/extension/postgis.control" ]; then
    echo "postgresql-$major-postgis-3"
  fi
  dpkg-query -W -f='${Status}' fonts-noto-cjk 2>/dev/null | grep -q "install ok installed" || echo fonts-noto-cjk
  [ -x /usr/bin/chromium ] || echo chromium
  command -v ogrinfo >/dev/null || echo gdal-bin
  command -v npm >/dev/null || echo nodejs npm
  command -v pg_dump >/dev/null || echo postgresql-client
  command -v libreoffice >/dev/null || echo libreoffice-calc-nogui  # rollup XLSX → PDF (issue 6)
}

install_system_packages() {
  local missing
  missing=$(missing_packages | tr '\n' ' ')
  [ -z "${missing// /}" ] && return 0
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then sudo="sudo"; else
      echo "Missing system packages: $missing" >&2
      echo "Run: sudo apt-get update && sudo apt-get install -y $missing" >&2
      exit 1
    fi
  fi
  say "installing system packages: $missing"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
  # a freshly installed server may still need its major version's postgis package
  missing=$(missing_packages | tr '\n' ' ')
  if [ -n "${missing// /}" ]; then
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
  fi
}

# --- Python -----------------------------------------------------------------------------------
find_python() {
  local c
  for c in python3.13 python3.12 python3.11 python3; do
    # 2>/dev/null: a pyenv shim for a version not selected exists but complains when run
    if command -v "$c" >/dev/null && "$c" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
      echo "$c"; return 0
    fi
  done
  echo "Python 3.11 or newer is needed" >&2; exit 1
}

stamp_ok() { [ -f "$STAMPS/$1" ] && [ "$(cat "$STAMPS/$1")" = "$2" ]; }
stamp_set() { mkdir -p "$STAMPS"; echo "$2" > "$STAMPS/$1"; }

setup_python() {
  if [ ! -x "$VENV/bin/python" ]; then
    say "creating .venv"
    "$(find_python)" -m venv "$VENV"
  fi
  local want
  want=$(cat pyproject.toml | sha1sum | cut -c1-16)
  if ! stamp_ok python "$want"; then
    say "installing the registry and its dependencies into .venv"
    "$VENV/bin/pip" install -q --upgrade pip
    "$VENV/bin/pip" install -q -e ".[test]"
    stamp_set python "$want"
  fi
}

# --- front-end assets (served by the app; no CDN) -------------------------------------------
setup_assets() {
  local want
  want=$(cat package.json package-lock.json | sha1sum | cut -c1-16)
  if [ ! -d node_modules ] || ! stamp_ok npm "$want"; then
    say "installing front-end assets (npm ci)"
    npm ci --no-audit --no-fund --loglevel=error >/dev/null
    stamp_set npm "$want"
  fi
}

compile_translations() {
  "$VENV/bin/pybabel" compile -q -d registry/translations -D messages 2>/dev/null \
    || "$VENV/bin/pybabel" compile -d registry/translations -D messages
}

# --- database -----------------------------------------------------------------------------------
setup_database() {
  if [ -z "${DATABASE_URL:-}" ]; then
    "$VENV/bin/registry" db start >/dev/null
  fi
  "$VENV/bin/registry" db upgrade >/dev/null
}

# Whether the project-local cluster is running now.
local_cluster_running() {
  local pid_file="${REGISTRY_VAR_DIR:-$ROOT/var}/pgdata/postmaster.pid"
  [ -z "${DATABASE_URL:-}" ] && [ -f "$pid_file" ] && kill -0 "$(head -1 "$pid_file")" 2>/dev/null
}

setup_all() {
  install_system_packages
  setup_python
  setup_assets
  compile_translations
  setup_database
}
