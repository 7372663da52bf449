#!/usr/bin/env bash
# A/B timing of the 1M parcel import on one file (docs/performance.md, "Session 7"): the same
# GeoPackage into a fresh copy of one template database (districts + zones) per run, so two
# versions of the code can be alternated and their results compared row for row.
#   benchmarks/bulk_import/ab.sh setup [N]            # synth N parcels (default 1M), export, template
#   benchmarks/bulk_import/ab.sh run LABEL [CODE_DIR]  # time one import; CODE_DIR: another checkout (git worktree)
#   benchmarks/bulk_import/ab.sh cpu LABEL [CODE_DIR]  # the same, with CPU seconds (cpu_time.py): for a loaded machine
#   benchmarks/bulk_import/ab.sh phases LABEL [CODE_DIR]  # the same, statement by statement (phases.py; PHASES_EXPLAIN)
#   benchmarks/bulk_import/ab.sh clean
# Prints the wall time and a checksum (count, Σ area, districts, Σ hash of district and zone kind, Σ hash
# of code and id, memberships): equal checksums mean the two versions wrote the same parcels and ids.
set -euo pipefail
source "$(dirname "$0")/common.sh"
WORK=${AB_WORK:-/tmp/registry-ab}
# AB_DB names the databases (default ab: ab_src, ab_tpl, ab_run): two people benchmarking on one cluster
# must not drop each other's.
DB=${AB_DB:-ab}
case ${1:-} in
  setup)
    mkdir -p "$WORK"
    fresh ${DB}_src
    DATABASE_URL=$(url ${DB}_src) "$REG" demo synth --parcels "${2:-1000000}" --projects 0 --seed 7 --quiet >/dev/null
    DATABASE_URL=$(url ${DB}_src) "$REG" export "$WORK/parcels.gpkg" >/dev/null
    fresh ${DB}_tpl
    DATABASE_URL=$(url ${DB}_tpl) "$REG" import districts "$ROOT/geo/data/shanghai_districts_wgs84.geojson" --quiet >/dev/null
    DATABASE_URL=$(url ${DB}_tpl) "$REG" import zones "$WORK/parcels.gpkg" --layer zones --quiet >/dev/null
    psql_ ${DB}_tpl "VACUUM ANALYZE"
    psql_ postgres "DROP DATABASE IF EXISTS ${DB}_src WITH (FORCE)" ;;
  run|cpu|phases)
    psql_ postgres "DROP DATABASE IF EXISTS ${DB}_run WITH (FORCE)"; psql_ postgres "CREATE DATABASE ${DB}_run TEMPLATE ${DB}_tpl"
    psql_ ${DB}_run "CHECKPOINT"
    start=$(date +%s.%N)
    if [ "$1" = phases ]; then
      echo "$2 | load $(cut -d' ' -f1-3 /proc/loadavg)"
      PYTHONPATH="${3:-$ROOT}" DATABASE_URL=$(url ${DB}_run) "$PY" "$ROOT/benchmarks/bulk_import/phases.py" "$WORK/parcels.gpkg" \
        "${PHASES_TOP:-25}" | grep -v '^  [A-Z]'
    elif [ "$1" = cpu ]; then
      echo "$2 $(PYTHONPATH="${3:-$ROOT}" DATABASE_URL=$(url ${DB}_run) "$PY" "$ROOT/benchmarks/bulk_import/cpu_time.py" "$WORK/parcels.gpkg" | tail -1)" \
        "| load $(cut -d' ' -f1-3 /proc/loadavg)"
    else
      PYTHONPATH="${3:-}" DATABASE_URL=$(url ${DB}_run) "$REG" import parcels "$WORK/parcels.gpkg" --layer parcels --quiet >/dev/null
    fi
    end=$(date +%s.%N)
    sums=$(psql_ ${DB}_run "SELECT count(*), sum(area_m2)::bigint, count(DISTINCT district_code),
      sum(hashtext(coalesce(district_code, '-') || zone_kind))::bigint, sum(hashtext(code || id)) FROM parcels")
    echo "$2 $(python3 -c "print(round($end - $start, 1))") s  parcels $sums  memberships $(psql_ ${DB}_run 'SELECT count(*), sum(zone_id) FROM parcel_zones')" ;;
  clean)
    for db in ${DB}_src ${DB}_tpl ${DB}_run; do psql_ postgres "DROP DATABASE IF EXISTS $db WITH (FORCE)"; done
    rm -rf "$WORK" ;;
  *) sed -n 2,9p "$0"; exit 2 ;;
esac
