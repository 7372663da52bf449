#!/usr/bin/env bash
# The floor under any parcel import into the registry's schema (docs/performance.md, "Session 9"):
# how long it takes only to *write* rows that are already in the database — no file to read, no
# validation, no derivation — next to ogr2ogr loading the same file into a bare table.
#   benchmarks/bulk_import/ab.sh setup          # once: the 1M GeoPackage and the template database
#   benchmarks/bulk_import/floor.sh             # three timings in a fresh copy of the template
# 1. ogr2ogr PG_USE_COPY into its own table with a GiST index (the issue's yardstick);
# 2. INSERT … SELECT from that table into `parcels`, every index and constraint live;
# 3. the same insert written as the import's first load, by its own functions
#    (registry/repositories/parcel_writes.py): indexes dropped and constraints set aside, then restored.
# Steps 2 and 3 are floor_write.py; nothing of them is kept (ROLLBACK). Each prints its steps' times,
# their total and its ratio to ogr2ogr's wall time.
set -euo pipefail
source "$(dirname "$0")/common.sh"
WORK=${AB_WORK:-/tmp/registry-ab}
DB=${AB_DB:-ab}  # as in ab.sh
[ -f "$WORK/parcels.gpkg" ] || { echo "run benchmarks/bulk_import/ab.sh setup first" >&2; exit 2; }
psql_ postgres "DROP DATABASE IF EXISTS ${DB}_floor WITH (FORCE)"
psql_ postgres "CREATE DATABASE ${DB}_floor TEMPLATE ${DB}_tpl"
psql_ ${DB}_floor "CHECKPOINT"
/usr/bin/time -o "$WORK/ogr2ogr.time" -f "%e" ogr2ogr -f PostgreSQL "PG:dbname=${DB}_floor host=$SOCKET user=registry" \
  "$WORK/parcels.gpkg" parcels -nln ogr_parcels -overwrite -lco GEOMETRY_NAME=geom -lco SPATIAL_INDEX=GIST \
  --config PG_USE_COPY YES 2>/dev/null
OGR=$(tail -1 "$WORK/ogr2ogr.time")
echo "1. ogr2ogr PG_USE_COPY into a bare table: $OGR s"
psql_ ${DB}_floor "VACUUM ANALYZE ogr_parcels"
"$PY" "$ROOT/benchmarks/bulk_import/floor_write.py" "$(url ${DB}_floor)" "$OGR"
psql_ postgres "DROP DATABASE IF EXISTS ${DB}_floor WITH (FORCE)"
