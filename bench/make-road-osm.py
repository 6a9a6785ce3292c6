#!/usr/bin/env python3
"""A synthetic, road-like OSM extract for the import and preprocessing benchmarks (BENCHMARKS.md).

The road-hierarchy grid of `mekong-bench ch` and `imported`, as OpenStreetMap data: SIDE x SIDE
nodes about 0.005 degrees apart from 15 N 100 E (each moved
by up to 0.001 degrees); every row and column is a road, every 64th a motorway
(tagged oneway=no, so it runs both ways like the grid's), every 16th a trunk road, every 4th a
primary road, the rest tertiary lanes of which a tenth of the segments are missing (seeded, so the
file is the same on every run). Ways break where a segment is missing and after 1,000 nodes, as
real ways do; every node is shared by a row's way and a column's, so each becomes a graph node.

Writes OPL (osmium's one-line text format) to standard output; convert it with osmium-tool:

    python3 bench/make-road-osm.py 3163 | osmium cat -F opl -o big.osm.pbf --overwrite   # 10,004,569 nodes

Do not commit the output: it is regenerated from this script.
"""
import random
import sys

SPACING_DEGREES = 0.005
JITTER_DEGREES = 0.001
MAX_WAY_NODES = 1000


def highway(line):
    if line % 64 == 0:
        return "motorway"
    if line % 16 == 0:
        return "trunk"
    if line % 4 == 0:
        return "primary"
    return "tertiary"


def main():
    side = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    rng = random.Random(2026)
    out = sys.stdout
    write = out.write
    for r in range(side):
        lat = 15 + r * SPACING_DEGREES
        rows = []
        for c in range(side):
            # Each node a little off the grid, as surveyed roads are: an exact grid compresses
            # so well that GDAL's OSM driver refuses its blocks ("Excessive uncompressed vs
            # compressed ratio", its guard against decompression bombs).
            dx, dy = rng.uniform(-JITTER_DEGREES, JITTER_DEGREES), rng.uniform(-JITTER_DEGREES, JITTER_DEGREES)
            rows.append("n%d v1 x%.7f y%.7f\n" % (r * side + c + 1, 100 + c * SPACING_DEGREES + dx, lat + dy))
        write("".join(rows))
    way_id = 1

    def emit(nodes, tag):
        nonlocal way_id
        extra = ",oneway=no" if tag == "motorway" else ""
        write("w%d v1 Thighway=%s%s N%s\n" % (way_id, tag, extra, ",".join("n%d" % (n + 1) for n in nodes)))
        way_id += 1

    def lines(along):
        # along(line, i) -> node index of the i-th node of row or column `line`.
        for line in range(side):
            tag = highway(line)
            run = [along(line, 0)]
            for i in range(1, side):
                if tag == "tertiary" and rng.randrange(10) == 0:
                    if len(run) > 1:
                        emit(run, tag)
                    run = [along(line, i)]
                    continue
                run.append(along(line, i))
                if len(run) == MAX_WAY_NODES:
                    emit(run, tag)
                    run = [along(line, i)]
            if len(run) > 1:
                emit(run, tag)

    lines(lambda r, c: r * side + c)  # rows
    lines(lambda c, r: r * side + c)  # columns


if __name__ == "__main__":
    main()
