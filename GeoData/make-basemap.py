# Derives GeoData/basemap.geojson from the Natural Earth reference layers (see GeoData/README.md).
# Usage: python3 GeoData/make-basemap.py ../shared/reference > GeoData/basemap.geojson
import json, sys
from shapely.geometry import shape, mapping
from shapely import set_precision
ref = sys.argv[1]
TOL = 0.012  # degrees, about 1.3 km
def rnd(c):
    if isinstance(c[0], (int, float)): return [round(c[0], 4), round(c[1], 4)]
    return [rnd(x) for x in c]
out = []
def add(layer, f, props):
    g = shape(f["geometry"]).simplify(TOL, preserve_topology=True)
    if g.is_empty: return
    if layer != "river" and not g.is_valid: g = g.buffer(0)
    m = mapping(g)
    out.append((layer, props.get("name") or "", {"type": "Feature", "properties": dict(layer=layer, **props),
                "geometry": {"type": m["type"], "coordinates": rnd(json.loads(json.dumps(m["coordinates"])))}}))
for f in json.load(open(f"{ref}/ne_50m_admin_0_countries_mekong.geojson"))["features"]:
    p = f["properties"]; add("country", f, {"name": p["name"], "iso_a3": p["adm0_a3"]})
for f in json.load(open(f"{ref}/ne_10m_lakes_mekong.geojson"))["features"]:
    add("lake", f, {"name": f["properties"]["name"]})
for f in json.load(open(f"{ref}/ne_10m_rivers_lake_centerlines_mekong.geojson"))["features"]:
    p = f["properties"]
    if p.get("featurecla") == "Lake Centerline": continue
    add("river", f, {"name": p.get("name_en") or p.get("name") or ""})
order = {"country": 0, "lake": 1, "river": 2}
out.sort(key=lambda t: (order[t[0]], t[1], json.dumps(t[2]["geometry"])[:80]))
lines = ",\n".join(json.dumps(t[2], ensure_ascii=False, separators=(",", ":")) for t in out)
sys.stdout.write('{"type":"FeatureCollection","features":[\n' + lines + "\n]}\n")
