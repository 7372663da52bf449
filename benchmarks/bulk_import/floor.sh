#!/usr/bin/env bash
# The floor under any parcel import into the registry's schema (docs/performance.md, "Session 9"):
# how long it takes only to *write* rows that are already in the database — no file to read, no
# validation, no derivation — next to ogr2ogr loading the same file into a bare table.
#   benchmarks/bulk_import/ab.sh setup          # once: the 1M GeoPackage and the template database
#   benchmarks/bulk_import/floor.sh             # three timings, each in a fresh copy of the template
# 1. ogr2ogr PG_USE_COPY into its own table with a GiST index (the issue's yardstick);
# 2. INSERT … SELECT from that table into `parcels`, every index and constraint live;
# 3. the same insert written as a first load is (registry/repositories/parcel_writes.py): GiST and
#    district B-tree dropped, validity CHECK and district key set aside, all restored afterwards.
# Nothing of 2 and 3 is kept (ROLLBACK). Each prints its statements' times, their total and its
# ratio to ogr2ogr's wall time.
set -euo pipefail
source "$(dirname "$0")/common.sh"
WORK=${AB_WORK:-/tmp/registry-ab}
[ -f "$WORK/parcels.gpkg" ] || { echo "run benchmarks/bulk_import/ab.sh setup first" >&2; exit 2; }
psql_ postgres "DROP DATABASE IF EXISTS ab_floor WITH (FORCE)"
psql_ postgres "CREATE DATABASE ab_floor TEMPLATE ab_tpl"
psql_ ab_floor "CHECKPOINT"
/usr/bin/time -o "$WORK/ogr2ogr.time" -f "%e" ogr2ogr -f PostgreSQL "PG:dbname=ab_floor host=$SOCKET user=registry" \
  "$WORK/parcels.gpkg" parcels -nln ogr_parcels -overwrite -lco GEOMETRY_NAME=geom -lco SPATIAL_INDEX=GIST \
  --config PG_USE_COPY YES 2>/dev/null
OGR=$(tail -1 "$WORK/ogr2ogr.time")
echo "1. ogr2ogr PG_USE_COPY into a bare table: $OGR s"
psql_ ab_floor "VACUUM ANALYZE ogr_parcels"
INSERT="INSERT INTO parcels (code, geom, area_m2, land_use_class, district_code, status, valid_from, valid_to,
  is_illustrative) SELECT code, geom, area_m2, land_use_class, district_code, status, valid_from::date,
  valid_to::date, is_illustrative::boolean FROM ogr_parcels ORDER BY fid;"
TOTAL='/^Time/ {ms += $2; printf "   %9.1f ms\n", $2} END {printf "   total %.2f s = %.2f x ogr2ogr\n", ms / 1000, ms / 1000 / ogr}'
run() { # label, SQL inside the transaction
  psql_ ab_floor "CHECKPOINT"
  echo "$1"
  psql -h "$SOCKET" -U registry -d ab_floor -q -v ON_ERROR_STOP=1 <<SQL | awk -v ogr="$OGR" "$TOTAL"
BEGIN;
SET LOCAL registry.area_written = on;  -- the area comes with the row, as the import writes it
SET LOCAL work_mem = '128MB';
\timing on
$2
\timing off
ROLLBACK;
SQL
}
run "2. INSERT into parcels, indexes and constraints live:" "$INSERT"
run "3. the same as a first load (drop, insert, rebuild, re-validate):" "
DROP INDEX ix_parcels_geom; DROP INDEX ix_parcels_district_status;
ALTER TABLE parcels DROP CONSTRAINT ck_parcels_geom_valid, DROP CONSTRAINT fk_parcels_district_code_districts;
$INSERT
CREATE INDEX ix_parcels_geom ON parcels USING gist (geom);
CREATE INDEX ix_parcels_district_status ON parcels (district_code, status);
ALTER TABLE parcels ADD CONSTRAINT ck_parcels_geom_valid CHECK (st_isvalid(geom));
ALTER TABLE parcels ADD CONSTRAINT fk_parcels_district_code_districts FOREIGN KEY (district_code) REFERENCES districts(code);"
psql_ postgres "DROP DATABASE IF EXISTS ab_floor WITH (FORCE)"
