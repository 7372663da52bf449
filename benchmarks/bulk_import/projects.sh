#!/usr/bin/env bash
# Project import benchmark (issue 7: 100k rows from XLSX in < 60 s): `registry import projects` of
# ROWS motor-upgrade rows + ROWS/20 enterprises (make_projects_xlsx.py), each project on one of the
# synthetic parcels of 310115 (none when PARCELS=0); wall, CPU and peak RSS by /usr/bin/time -v.
# The parcels are synthesised once into $SRC; each timed run (a dry run, then a load) gets a fresh copy.
#   benchmarks/bulk_import/projects.sh [rows=100000] [parcels=100000] [runs=1]
#   PYTHONPATH=/path/to/older/checkout benchmarks/bulk_import/projects.sh …   # times that code instead
#   SCHEMA=0042 benchmarks/bulk_import/projects.sh …   # the databases downgraded to that revision first
#   BENCH_DB=registry_bench_mine benchmarks/bulk_import/projects.sh …   # other databases' names (default h1)
# Needs: time, the local cluster (registry db start). Drops its databases at the end.
set -euo pipefail
source "$(dirname "$0")/common.sh"
ROWS=${1:-100000}
PARCELS=${2:-100000}
RUNS=${3:-1}
WORK=$(mktemp -d /tmp/bench-i7p.XXXXXX)
DST=${BENCH_DB:-registry_bench_h1}
SRC=${DST}_src
drop_databases() { for db in $DST $SRC; do psql_ postgres "DROP DATABASE IF EXISTS $db WITH (FORCE)" 2>/dev/null; done; }
trap 'drop_databases; rm -rf "$WORK"' EXIT
timed() { # label, command… → wall, CPU (user + sys) and peak RSS of the command
  local label=$1; shift
  /usr/bin/time -v "$@" >"$WORK/run.out" 2>"$WORK/run.err" || { tail -20 "$WORK/run.err"; return 1; }
  local wall cpu rss
  wall=$(grep "Elapsed (wall clock)" "$WORK/run.err" | awk '{print $NF}')
  cpu=$(grep -E "(User|System) time" "$WORK/run.err" | awk '{s += $NF} END {printf "%.1f", s}')
  rss=$(grep "Maximum resident set size" "$WORK/run.err" | awk '{print $NF}')
  printf "%-30s wall %8s   CPU %6s s   peak RSS %5d MB   load %s\n" "$label" "$wall" "$cpu" $((rss / 1024)) \
    "$(cut -d' ' -f1-3 /proc/loadavg)"
  tail -2 "$WORK/run.out"
}

echo "== $ROWS project rows, $PARCELS parcels ($(nproc) cores, shared with other engineers' runs; load $(cut -d' ' -f1-3 /proc/loadavg)) =="
drop_databases
psql_ postgres "CREATE DATABASE $SRC"
DATABASE_URL=$(url $SRC) "$REG" db upgrade >/dev/null
[ -z "${SCHEMA:-}" ] || DATABASE_URL=$(url $SRC) "$REG" db downgrade "$SCHEMA" >/dev/null
DATABASE_URL=$(url $SRC) "$REG" demo synth --parcels "$PARCELS" --projects 0 --seed 7 --quiet >/dev/null
LINKED=$(psql_ $SRC "SELECT count(*) FROM parcels WHERE code LIKE 'SH-310115-%'")
psql_ $SRC "VACUUM ANALYZE"
echo "parcels: $(psql_ $SRC 'SELECT count(*) FROM parcels'), of which $LINKED in 310115 are named by the workbook"
"$PY" "$ROOT/benchmarks/bulk_import/make_projects_xlsx.py" "$WORK/projects.xlsx" "$ROWS" "$LINKED"
ls -la "$WORK/projects.xlsx" | awk '{printf "workbook: %.1f MB\n", $5/1048576}'

for run in $(seq "$RUNS"); do
  for mode in --dry-run ""; do
    psql_ postgres "DROP DATABASE IF EXISTS $DST WITH (FORCE)" 2>/dev/null
    psql_ postgres "CREATE DATABASE $DST TEMPLATE $SRC"
    timed "import projects ${mode:-(load)} #$run" env DATABASE_URL=$(url $DST) \
      "$PY" "$ROOT/benchmarks/bulk_import/cpu_time.py" -- import projects "$WORK/projects.xlsx" $mode
  done
  psql_ $DST "SELECT 'stored: ' || count(*) || ' projects, ' || (SELECT count(*) FROM project_parcels) || ' parcel links, '
    || (SELECT count(*) FROM project_history) || ' history rows, ' || sum(savings_tce) || ' tce' FROM projects"
done
