# Shared by the bulk-import benchmarks (sourced): paths of this checkout and its local cluster.
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
REG="$ROOT/.venv/bin/registry"
PY="$ROOT/.venv/bin/python"
SOCKET="$ROOT/var/run"
url() { echo "postgresql+psycopg://registry@/$1?host=$SOCKET&port=5432"; }
psql_() { psql -h "$SOCKET" -U registry -d "$1" -qtAc "$2"; }
# An empty database NAME at the schema head, dropped first if it exists.
fresh() { psql_ postgres "DROP DATABASE IF EXISTS $1 WITH (FORCE)"; psql_ postgres "CREATE DATABASE $1"; DATABASE_URL=$(url "$1") "$REG" db upgrade >/dev/null; }
