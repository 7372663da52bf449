# Shared by the bulk-import benchmarks (sourced): paths of this checkout and its local cluster.
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
# A git worktree has no venv or cluster of its own: it uses the main checkout's (REGISTRY_MAIN).
MAIN=${REGISTRY_MAIN:-$ROOT}
[ -x "$MAIN/.venv/bin/registry" ] || MAIN=$(cd "$(git -C "$ROOT" rev-parse --git-common-dir)/.." && pwd)
REG="$MAIN/.venv/bin/registry"
PY="$MAIN/.venv/bin/python"
SOCKET="$MAIN/var/run"
url() { echo "postgresql+psycopg://registry@/$1?host=$SOCKET&port=5432"; }
psql_() { psql -h "$SOCKET" -U registry -d "$1" -qtAc "$2"; }
# An empty database NAME at the schema head, dropped first if it exists.
fresh() { psql_ postgres "DROP DATABASE IF EXISTS $1 WITH (FORCE)"; psql_ postgres "CREATE DATABASE $1"; DATABASE_URL=$(url "$1") "$REG" db upgrade >/dev/null; }
