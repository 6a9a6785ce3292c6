#!/bin/sh
# Peer for the contraction-hierarchy benchmark: loads the graph mekong-bench wrote (CSV: id,
# source, target, cost, one directed edge per row) into PostgreSQL and times pgRouting's
# pgr_dijkstra for each pair given. Prints one line per pair: seconds and cost ("inf" when none).
# Needs a local PostgreSQL with pgRouting (Debian: postgresql-15-pgrouting) and the postgres user.
set -eu
csv="$1"; shift
psql() { su postgres -c "psql -X -q -t -A -v ON_ERROR_STOP=1 $*"; }
psql "-c 'CREATE EXTENSION IF NOT EXISTS pgrouting CASCADE'" >/dev/null
psql "-c 'DROP TABLE IF EXISTS mekong_bench; CREATE TABLE mekong_bench (id bigint, source bigint, target bigint, cost float8)'" >/dev/null
chmod a+r "$csv"
psql "-c \"\\\\copy mekong_bench FROM '$csv' WITH (FORMAT csv)\"" >/dev/null
while [ $# -ge 2 ]; do
  s="$1"; t="$2"; shift 2
  start=$(date +%s.%N)
  cost=$(psql "-c \"SELECT coalesce(max(agg_cost), 'Infinity') FROM pgr_dijkstra('SELECT id, source, target, cost FROM mekong_bench', $s, $t, directed => true)\"")
  end=$(date +%s.%N)
  echo "$(echo "$end - $start" | bc) $cost"
done
psql "-c 'DROP TABLE mekong_bench'" >/dev/null
