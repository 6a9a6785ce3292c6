#!/usr/bin/env python3
"""An outside oracle for `mekong import` + `mekong route --network`: shortest road distances on
an OSM extract, computed without any of mekong's code.

GDAL's ogr2ogr reads the extract (the same reader as mekong, but it only decodes the file); the
rest is independent: the tag rules of mekong's documented default mapping (ImportMapping
.openStreetMap) written again here, ways cut at shared vertices, geodesic lengths from pyproj's
Geod (WGS 84), one-way rules, and networkx's Dijkstra.

Usage: osm_route_oracle.py EXTRACT.osm.pbf SEED PAIRS
Prints one JSON object: {"pairs": [[lon1, lat1, lon2, lat2, km or null], ...]}; the points are
graph nodes, so snapping is exact (0 m) on both sides.

Usage: osm_route_oracle.py EXTRACT.osm.pbf SEED POINTS --matrix
Prints {"points": [[lon, lat], ...], "km": [[km or null, ...], ...]}: POINTS distinct seeded
nodes and the shortest distance from each to each (one networkx Dijkstra per point), for
`mekong matrix --network`.
"""
import json
import random
import subprocess
import sys

import networkx as nx
from pyproj import Geod

ROAD = {"motorway", "motorway_link", "trunk", "trunk_link", "primary", "primary_link", "secondary", "secondary_link",
        "tertiary", "tertiary_link", "unclassified", "residential", "living_street", "road", "service", "track"}


def tags_of(properties):
    """The columns plus the hstore `other_tags`, parsed by hand."""
    tags = {k: v for k, v in properties.items() if v is not None and k != "other_tags"}
    text = properties.get("other_tags") or ""
    parts, current, quoted, escaped = [], "", False, False
    for ch in text:
        if escaped:
            current += ch
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch == '"':
            if quoted:
                parts.append(current)
                current = ""
            quoted = not quoted
        elif quoted:
            current += ch
    for key, value in zip(parts[0::2], parts[1::2]):
        tags[key] = value
    return tags


def main():
    extract, seed, pairs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    matrix = "--matrix" in sys.argv[4:]
    raw = subprocess.run(["ogr2ogr", "-f", "GeoJSON", "/vsistdout/", extract, "lines"], check=True, capture_output=True).stdout
    features = json.loads(raw)["features"]
    lines = []
    for feature in features:
        tags = tags_of(feature["properties"])
        if tags.get("access") in ("no", "private") or tags.get("area") == "yes":
            continue
        if tags.get("highway") not in ROAD:  # a car drives roads and ferries; this extract's ferries are left aside
            continue
        geometry = feature["geometry"]
        parts = [geometry["coordinates"]] if geometry["type"] == "LineString" else geometry["coordinates"]
        oneway = "both"
        if tags.get("highway") == "motorway" or tags.get("junction") in ("roundabout", "circular"):
            oneway = "forward"
        value = tags.get("oneway")
        if value in ("yes", "true", "1"):
            oneway = "forward"
        elif value in ("-1", "reverse"):
            oneway = "backward"
        elif value in ("no", "false", "0"):
            oneway = "both"
        for part in parts:
            if len(part) >= 2:
                lines.append(([(round(x * 1e7), round(y * 1e7)) for x, y in part], oneway))
    # A vertex is a junction when lines share it (a closed way's repeated end counts once).
    count = {}
    for vertices, _ in lines:
        closed = len(vertices) > 2 and vertices[0] == vertices[-1]
        for vertex in (vertices[:-1] if closed else vertices):
            count[vertex] = count.get(vertex, 0) + 1
    geod = Geod(ellps="WGS84")
    graph = nx.DiGraph()

    def add(a, b, metres):
        if a != b and (not graph.has_edge(a, b) or graph[a][b]["m"] > metres):
            graph.add_edge(a, b, m=metres)

    for vertices, oneway in lines:
        start, metres = vertices[0], 0.0
        for i in range(1, len(vertices)):
            (x1, y1), (x2, y2) = vertices[i - 1], vertices[i]
            metres += geod.inv(x1 / 1e7, y1 / 1e7, x2 / 1e7, y2 / 1e7)[2]
            if i == len(vertices) - 1 or count[vertices[i]] >= 2:
                end = vertices[i]
                if oneway in ("both", "forward"):
                    add(start, end, metres)
                if oneway in ("both", "backward"):
                    add(end, start, metres)
                start, metres = end, 0.0
    nodes = sorted(graph.nodes)
    rng = random.Random(seed)
    if matrix:
        points = rng.sample(nodes, pairs)
        km = []
        for a in points:
            lengths = nx.single_source_dijkstra_path_length(graph, a, weight="m")
            km.append([lengths[b] / 1000 if b in lengths else None for b in points])
        print(json.dumps({"points": [[x / 1e7, y / 1e7] for x, y in points], "km": km}))
        return
    result = []
    for _ in range(pairs):
        a, b = rng.choice(nodes), rng.choice(nodes)
        try:
            km = nx.dijkstra_path_length(graph, a, b, weight="m") / 1000
        except nx.NetworkXNoPath:
            km = None
        result.append([a[0] / 1e7, a[1] / 1e7, b[0] / 1e7, b[1] / 1e7, km])
    print(json.dumps({"pairs": result, "nodes": graph.number_of_nodes(), "edges": graph.number_of_edges()}))


if __name__ == "__main__":
    main()
