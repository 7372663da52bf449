#!/usr/bin/env bash
# Bulk import benchmark (issue 7): `registry import parcels` vs ogr2ogr (PG_USE_COPY) on the same
# GeoPackage and database, at N polygons; peak RSS by /usr/bin/time -v; project import from XLSX.
#   [BENCH_DB=registry_bench_NAME] [PYTHONPATH=CHECKOUT] benchmarks/bulk_import/run.sh 100000 [projects_rows]
# Needs: gdal-bin (ogr2ogr), time, the local cluster (registry db start). Drops its databases at the end.
set -euo pipefail
source "$(dirname "$0")/common.sh"
N=${1:-100000}
PROJECT_ROWS=${2:-0}
WORK=$(mktemp -d /tmp/bench-i7.XXXXXX)
# BENCH_DB names the databases (default registry_bench_i7): two people benchmarking on one cluster
# must not drop each other's; PYTHONPATH picks the code timed (another checkout's, for an A/B).
DST=${BENCH_DB:-registry_bench_i7}
SRC=${DST}_src
timed() { # label, command… → prints wall seconds and peak RSS
  local label=$1; shift
  /usr/bin/time -v "$@" >"$WORK/$label.out" 2>"$WORK/$label.err" || { tail -20 "$WORK/$label.err"; return 1; }
  local wall rss
  wall=$(grep "Elapsed (wall clock)" "$WORK/$label.err" | awk '{print $NF}')
  rss=$(grep "Maximum resident set size" "$WORK/$label.err" | awk '{print $NF}')
  printf "%-28s wall %8s   peak RSS %6d MB\n" "$label" "$wall" $((rss / 1024))
}

echo "== $N polygons ($(nproc) cores, shared with other engineers' test runs) =="
fresh $SRC
DATABASE_URL=$(url $SRC) "$REG" demo synth --parcels "$N" --projects 0 --seed 7 --quiet >/dev/null
DATABASE_URL=$(url $SRC) "$REG" export "$WORK/parcels.gpkg" >/dev/null
ls -la "$WORK/parcels.gpkg" | awk '{printf "GeoPackage: %.0f MB\n", $5/1048576}'

fresh $DST
DATABASE_URL=$(url $DST) "$REG" import districts "$ROOT/geo/data/shanghai_districts_wgs84.geojson" --quiet >/dev/null
DATABASE_URL=$(url $DST) "$REG" import zones "$WORK/parcels.gpkg" --layer zones --quiet >/dev/null
psql_ $DST "VACUUM ANALYZE"

timed "ogr2ogr PG_USE_COPY" ogr2ogr -f PostgreSQL "PG:dbname=$DST host=$SOCKET user=registry" "$WORK/parcels.gpkg" parcels \
  -nln ogr_parcels -overwrite -lco GEOMETRY_NAME=geom -lco SPATIAL_INDEX=GIST --config PG_USE_COPY YES
timed "registry import parcels" env DATABASE_URL=$(url $DST) "$REG" import parcels "$WORK/parcels.gpkg" --layer parcels --quiet
psql_ $DST "SELECT 'loaded: ' || (SELECT count(*) FROM parcels) || ' parcels, ' || (SELECT count(*) FROM ogr_parcels) || ' ogr rows, ' || (SELECT count(*) FROM parcel_zones) || ' zone memberships'"

if [ "$PROJECT_ROWS" -gt 0 ]; then
  echo "== project import: $PROJECT_ROWS rows from XLSX =="
  "$PY" "$ROOT/benchmarks/bulk_import/make_projects_xlsx.py" "$WORK/projects.xlsx" "$PROJECT_ROWS"
  ls -la "$WORK/projects.xlsx" | awk '{printf "workbook: %.1f MB\n", $5/1048576}'
  timed "registry import projects" env DATABASE_URL=$(url $DST) "$REG" import projects "$WORK/projects.xlsx"
  psql_ $DST "SELECT 'projects: ' || count(*) FROM projects"
fi
psql_ postgres "DROP DATABASE IF EXISTS $SRC WITH (FORCE)"
psql_ postgres "DROP DATABASE IF EXISTS $DST WITH (FORCE)"
rm -rf "$WORK"
