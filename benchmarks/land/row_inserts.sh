#!/usr/bin/env bash
# Parcels written one INSERT per row in one transaction (a script, `ogr2ogr -append`, a QGIS edit
# session), with the layer-change log of migration 0010 and with 0013's (docs/performance.md):
#   benchmarks/land/row_inserts.sh [N ...]      # default: 2000 8000 16000
# BEFORE=0037 compares the schema at 0037 with the head instead (the kept counts of 0038), ROUNDS=3
# times each, in turn.
# For each N, two orders: "scattered" (a 100-column grid across a district) and "creeping" (each
# row just east of the last, the worst case for widening a box). Each run is rolled back; the
# database `bench_row_inserts` is made afresh and dropped at the end.
set -euo pipefail
source "$(dirname "$0")/../bulk_import/common.sh"
SIZES=("${@:-2000 8000 16000}")
DB=bench_row_inserts
BEFORE=${BEFORE:-0012}
ROUNDS=${ROUNDS:-1}
export DATABASE_URL PGOPTIONS="-c client_min_messages=warning"
DATABASE_URL=$(url $DB)
psql_ postgres "DROP DATABASE IF EXISTS $DB WITH (FORCE)"
psql_ postgres "CREATE DATABASE $DB"
"$REG" db upgrade >/dev/null

time_rows() {  # $1: N, $2: the lon/lat of row i as SQL
  psql -h "$SOCKET" -U registry -d $DB -qtA <<SQL | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' | tail -1
BEGIN;
\timing on
DO \$\$ BEGIN FOR i IN 1..$1 LOOP
  INSERT INTO parcels (code, geom, land_use_class) SELECT 'ROW-' || i,
    ST_Multi(ST_MakeEnvelope(x, y, x + 0.0005, y + 0.0005, 4326)), 'M1' FROM (SELECT $2) AS at(x, y);
END LOOP; END \$\$;
\timing off
ROLLBACK;
SQL
}

measure() {  # $1: label
  for n in ${SIZES[@]}; do
    scattered=$(time_rows "$n" "121.4 + (i % 100) * 0.001, 31.2 + (i / 100) * 0.001")
    creeping=$(time_rows "$n" "121.4 + i * 0.00001, 31.2")
    printf '%-28s N=%-7s scattered %9.0f ms   creeping %9.0f ms\n' "$1" "$n" "$scattered" "$creeping"
  done
}

for _ in $(seq "$ROUNDS"); do
  "$REG" db downgrade "$BEFORE" >/dev/null
  measure "$BEFORE$([ "$BEFORE" = 0012 ] && echo ' (0010: a version per row)')"
  "$REG" db upgrade >/dev/null
  measure "head$([ "$BEFORE" = 0012 ] && echo ' (0013: widens after 100)')"
done
psql_ postgres "DROP DATABASE IF EXISTS $DB WITH (FORCE)"
