import Foundation
import GeoCore
import MekongData
import MekongReports

/// The web map at `/`: the page and its script (ours, in this file), Leaflet's files (Debian's
/// `libjs-leaflet`, read once from /usr/share/javascript/leaflet: no CDN, no network), and the base
/// layer. Every path is looked up in a fixed table: a request never names a file.
enum WebMap {
    /// Where Debian's libjs-leaflet puts Leaflet.
    static let leafletDirectory = "/usr/share/javascript/leaflet"

    /// Leaflet's files by the path the page asks for, with their content types, read once.
    static let leaflet: [String: (type: String, data: Data)] = {
        var files: [String: (String, Data)] = [:]
        for (name, type) in [("leaflet.js", "text/javascript; charset=utf-8"), ("leaflet.css", "text/css; charset=utf-8"),
                             ("images/layers.png", "image/png"), ("images/layers-2x.png", "image/png"), ("images/marker-icon.png", "image/png"),
                             ("images/marker-icon-2x.png", "image/png"), ("images/marker-shadow.png", "image/png")] {
            if let data = FileManager.default.contents(atPath: "\(leafletDirectory)/\(name)") { files["/leaflet/\(name)"] = (type, data) }
        }
        return files
    }()

    /// The answer for a page path (`/`, `/map.js`, `/leaflet/…`, `/basemap.geojson`), nil for
    /// any other path.
    static func response(method: String, path: String, dataset: Dataset, basemap: String) throws(APIError) -> APIResponse? {
        let page: APIResponse?
        switch path {
        case "/", "/index.html":
            page = APIResponse(contentType: "text/html; charset=utf-8", body: Data((leaflet["/leaflet/leaflet.js"] == nil ? missingLeaflet : html).utf8))
        case "/map.js":
            page = APIResponse(contentType: "text/javascript; charset=utf-8", body: Data(script.utf8))
        case "/basemap.geojson":
            page = APIResponse(contentType: "application/geo+json; charset=utf-8", body: Data(basemap.utf8))
        default:
            guard path.hasPrefix("/leaflet/") else { return nil }
            guard let file = leaflet[path] else {
                throw APIError(status: 404, code: "NotFound", message: "no such file of Leaflet\(leaflet.isEmpty ? " (libjs-leaflet is not installed)" : "")")
            }
            page = APIResponse(contentType: file.type, body: file.data)
        }
        guard method == "GET" || method == "HEAD" else {
            throw APIError(status: 405, code: "MethodNotAllowed", message: "\(path) takes GET only")
        }
        return page
    }

    /// The base layer under the map: the simplified Natural Earth countries, lakes and rivers
    /// of `basemap.geojson` (the data's own, else the embedded one, as `mekong map` uses), with
    /// the data's own rivers; the region's box alone if neither can be read.
    static func basemap(of dataset: Dataset) -> FeatureCollection {
        let data = (try? dataset.source.read("basemap.geojson")) ?? nil ?? ((try? DataSource.embedded.read("basemap.geojson")) ?? nil)
        var features = data.flatMap { try? GeoJSON.decodeFeatureCollection(from: $0) }?.features ?? []
        if features.isEmpty {
            let b = Region.bounds
            features.append(Feature(geometry: .polygon(Polygon(exterior: [
                Coordinate(longitude: b.minX, latitude: b.minY), Coordinate(longitude: b.maxX, latitude: b.minY),
                Coordinate(longitude: b.maxX, latitude: b.maxY), Coordinate(longitude: b.minX, latitude: b.maxY),
                Coordinate(longitude: b.minX, latitude: b.minY)])), properties: ["layer": "region", "name": "Region covered by the data"]))
        }
        features += dataset.rivers.map { river -> Feature in
            var f = FeatureEncoding.feature(of: river)
            f.properties["layer"] = "rivers"
            return f
        }
        return FeatureCollection(features: features)
    }

    static let missingLeaflet = """
        <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Mekong</title></head><body>
        <p>The map needs Leaflet from Debian's libjs-leaflet (apt-get install libjs-leaflet), read from \(leafletDirectory).
        The API works without it: see <a href="/openapi.json">/openapi.json</a>.</p></body></html>
        """

    static let html = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Mekong connectivity</title>
        <link rel="icon" href="data:,">
        <link rel="stylesheet" href="/leaflet/leaflet.css">
        <style>
          html, body { margin: 0; height: 100%; font: 14px/1.35 system-ui, sans-serif; }
          #app { display: flex; height: 100%; }
          #panel { width: 330px; overflow-y: auto; padding: 10px 12px; box-sizing: border-box; border-right: 1px solid #ccc; background: #fafafa; }
          #map { flex: 1; background: #dfe9f2; }
          fieldset { border: 1px solid #ccc; margin: 0 0 10px; padding: 6px 8px; }
          label { display: block; margin: 3px 0; }
          input[type=text], select { width: 100%; box-sizing: border-box; }
          button { margin: 4px 4px 0 0; }
          #summary, #legs { margin-top: 6px; }
          #legs div { border-bottom: 1px dotted #ccc; padding: 2px 0; }
          .error { color: #b00; }
          .legend span { display: inline-block; width: 18px; height: 4px; margin-right: 4px; vertical-align: middle; }
        </style>
        </head>
        <body>
        <div id="app">
          <div id="panel">
            <h3 style="margin:4px 0 8px">Mekong connectivity</h3>
            <datalist id="place-names"></datalist>
            <fieldset><legend>Route</legend>
              <label>From <input type="text" id="from" list="place-names" placeholder="Bangkok, or click the map"></label>
              <label>To <input type="text" id="to" list="place-names" placeholder="Hanoi, or click the map"></label>
              <label>Year <input type="number" id="year" min="\(Scenario.years.lowerBound)" max="\(Scenario.years.upperBound)" style="width:6em"></label>
              <label>Profile <select id="profile"><option>truck</option><option>car</option><option>bus</option></select></label>
              <label>Project <select id="project"><option value="">(none)</option></select></label>
              <label><input type="radio" name="mode" value="with" checked> with the project
                     <input type="radio" name="mode" value="without"> without</label>
              <button id="route-button">Route</button><button id="compare-button">Compare with/without</button><button id="clear-button">Clear</button>
              <div id="summary"></div>
              <div id="legs"></div>
            </fieldset>
            <fieldset><legend>Reach</legend>
              <label>Hours <input type="text" id="hours" value="3,6" style="width:6em"></label>
              <button id="reach-button">Reach from "From"</button>
            </fieldset>
            <fieldset><legend>Layers</legend>
              <label><input type="checkbox" id="show-corridors"> Corridors</label>
              <label><input type="checkbox" id="show-projects"> Projects</label>
              <label>Gaps <select id="gap-kind"><option value="">(hidden)</option><option value="all">all kinds</option></select></label>
              <div id="layer-info"></div>
            </fieldset>
            <div class="legend">
              <div><span style="background:#1b7837"></span>road</div><div><span style="background:#2166ac"></span>ferry</div>
              <div><span style="background:#762a83"></span>bridge</div><div><span style="background:#d6604d"></span>border crossing</div>
              <div><span style="background:#999;height:2px"></span>compared route</div>
            </div>
            <p id="status" aria-live="polite"></p>
          </div>
          <div id="map"></div>
        </div>
        <script src="/leaflet/leaflet.js"></script>
        <script src="/map.js"></script>
        </body>
        </html>
        """

    static let script = #"""
        "use strict";
        // The web map of `mekong serve`: everything it draws comes from this server's API.
        (function () {
          const $ = (id) => document.getElementById(id);
          const map = L.map("map", { attributionControl: false, preferCanvas: false }).setView([16.5, 102.5], 5);
          const layers = {
            base: L.layerGroup().addTo(map), places: L.layerGroup().addTo(map), route: L.featureGroup().addTo(map),
            compared: L.featureGroup().addTo(map), reach: L.featureGroup().addTo(map), corridors: L.featureGroup(),
            projects: L.featureGroup(), gaps: L.featureGroup(), picks: L.layerGroup().addTo(map),
          };
          const legColour = { road: "#1b7837", ferry: "#2166ac", bridge: "#762a83", border: "#d6604d", transfer: "#e08214" };
          const gapColour = { "seaport-access": "#e41a1c", "airport-access": "#ff7f00", "corridor-coverage": "#984ea3",
                              "missing-link": "#377eb8", "corridor-continuity": "#a65628", criticality: "#f781bf", "border-friction": "#4daf4a" };
          const state = { pickNext: "from", routes: 0 };
          window.mekong = state;

          function status(text, isError) { const s = $("status"); s.textContent = text; s.className = isError ? "error" : ""; }
          function escapeText(t) { const d = document.createElement("div"); d.textContent = String(t); return d.innerHTML; }
          function hm(hours) { const m = Math.round(hours * 60); return Math.floor(m / 60) + ":" + String(m % 60).padStart(2, "0"); }

          async function api(path, params) {
            const query = new URLSearchParams();
            for (const [k, v] of Object.entries(params || {})) {
              if (Array.isArray(v)) { v.forEach((x) => query.append(k, x)); } else if (v !== undefined && v !== null && v !== "") { query.append(k, v); }
            }
            const response = await fetch(path + (query.toString() ? "?" + query : ""));
            const body = await response.json();
            if (!response.ok) {
              const hint = body.suggestions && body.suggestions.length ? " (nearest: " + body.suggestions.join(", ") + ")" : "";
              throw new Error((body.parameter ? body.parameter + ": " : "") + body.message + hint);
            }
            return body;
          }

          function scenario(withProject) {
            const p = { year: $("year").value, profile: $("profile").value };
            const project = $("project").value;
            const mode = document.querySelector("input[name=mode]:checked").value;
            if (project && withProject !== false) { p[mode] = project; }
            return p;
          }

          function drawRoute(collection, group, compared) {
            group.clearLayers();
            L.geoJSON(collection, {
              filter: (f) => compared ? f.properties.kind === "route" && f.properties.rank === 0 : f.properties.kind === "leg",
              style: (f) => compared ? { color: "#777", weight: 4, dashArray: "6 6", opacity: 0.8 }
                                     : { color: legColour[f.properties.leg_kind] || "#333", weight: f.properties.leg_kind === "road" ? 5 : 7,
                                         dashArray: f.properties.leg_kind === "ferry" ? "8 6" : null, opacity: f.properties.rank === 0 ? 0.9 : 0.45 },
              pointToLayer: (f, latlng) => L.circleMarker(latlng, { radius: 7, color: legColour[f.properties.leg_kind] || "#333", fillOpacity: 0.9 }),
              onEachFeature: (f, layer) => {
                const p = f.properties;
                layer.bindPopup(escapeText((p.names || []).join("; ") + " — " + (p.km || 0).toFixed(1) + " km, " + hm(p.hours || 0) + " h (" + (p.leg_kind || p.kind) + ")"));
                // A border or a ferry is a short leg: a ring marks where it is.
                if (!compared && (p.leg_kind === "border" || p.leg_kind === "ferry") && layer.getBounds) {
                  L.circleMarker(layer.getBounds().getCenter(), { radius: 9, color: legColour[p.leg_kind], weight: 3, fill: false })
                    .bindTooltip(p.leg_kind + ": " + (p.names || [""])[0]).addTo(group);
                }
              },
            }).addTo(group);
          }

          async function route(compare) {
            const from = $("from").value.trim(), to = $("to").value.trim();
            if (!from || !to) { status("Pick two places: type them or click the map.", true); return; }
            status("Routing " + from + " → " + to + " …");
            try {
              const params = Object.assign({ from, to }, scenario(true));
              const [json, geojson] = await Promise.all([api("/route", params), api("/route", Object.assign({ format: "geojson" }, params))]);
              drawRoute(geojson, layers.route, false);
              layers.compared.clearLayers();
              const r = json.route;
              const kinds = (k) => r.legs.filter((l) => l.kind === k).length;
              let text = r.km.toFixed(0) + " km, " + hm(r.hours) + " h (" + hm(r.border_hours) + " at borders, " + hm(r.wait_hours) + " waiting); "
                + kinds("border") + " border crossing(s), " + kinds("ferry") + " ferry(ies), " + kinds("bridge") + " bridge(s) — year " + json.scenario.year + ", " + json.scenario.profile;
              if (compare && $("project").value) {
                const base = Object.assign({ from, to }, scenario(false));
                try {
                  const other = await api("/route", base);
                  drawRoute(await api("/route", Object.assign({ format: "geojson" }, base)), layers.compared, true);
                  const saved = other.route.hours - r.hours;
                  text += ". Without any project choice: " + other.route.km.toFixed(0) + " km, " + hm(other.route.hours) + " h; difference " + (saved >= 0 ? "−" : "+") + hm(Math.abs(saved)) + " h";
                } catch (e) { text += ". Compared scenario: " + e.message; }
              }
              const summary = $("summary");
              summary.textContent = text;
              summary.dataset.km = r.km;
              summary.dataset.hours = r.hours;
              summary.dataset.legs = r.legs.length;
              $("legs").innerHTML = r.legs.map((l) => "<div>" + escapeText(l.names[0] + ": " + l.from + " → " + l.to + ", "
                + l.km.toFixed(1) + " km, " + hm(l.hours) + (l.kind !== "road" ? " [" + l.kind + "]" : "")) + "</div>").join("");
              if (layers.route.getLayers().length) { map.fitBounds(layers.route.getBounds(), { padding: [20, 20] }); }
              state.routes += 1;
              status("");
            } catch (e) {
              layers.route.clearLayers();
              $("summary").textContent = "";
              status(e.message, true);
            }
          }

          async function reach() {
            const from = $("from").value.trim();
            if (!from) { status("Choose From first.", true); return; }
            status("Reach from " + from + " …");
            try {
              const fc = await api("/reach", Object.assign({ from, hours: $("hours").value, format: "geojson" }, scenario(true)));
              layers.reach.clearLayers();
              const shades = ["#fee08b", "#fdae61", "#f46d43", "#d73027", "#a50026"];
              L.geoJSON(fc, {
                filter: (f) => f.properties.kind === "outline",
                style: (f) => ({ color: "#b35806", weight: 1, fillColor: shades[Math.min(4, Math.round(f.properties.contour / 3))], fillOpacity: 0.25 }),
                onEachFeature: (f, layer) => layer.bindPopup(escapeText(f.properties.contour + " h: " + f.properties.places + " places")),
              }).addTo(layers.reach);
              status("");
            } catch (e) { status(e.message, true); }
          }

          async function toggle(box, group, load) {
            if (!box.checked) { map.removeLayer(group); return; }
            try { group.clearLayers(); await load(); group.addTo(map); } catch (e) { status(e.message, true); }
          }

          async function corridors() {
            const fc = await api("/corridors", Object.assign({ format: "geojson" }, scenario(true)));
            L.geoJSON(fc, { style: { color: "#35978f", weight: 3, opacity: 0.7 },
                            onEachFeature: (f, l) => l.bindPopup(escapeText(f.properties.name + ": " + f.properties.km + " km, " + hm(f.properties.hours) + " h")) }).addTo(layers.corridors);
            $("layer-info").textContent = fc.features.length + " corridors";
          }

          async function projects() {
            const fc = await api("/projects", { format: "geojson" });
            L.geoJSON(fc, { style: (f) => ({ color: f.properties.retired ? "#999" : "#c51b7d", weight: 4, dashArray: f.properties.retired ? "4 4" : null }),
                            pointToLayer: (f, latlng) => L.circleMarker(latlng, { radius: 6, color: "#c51b7d" }),
                            onEachFeature: (f, l) => l.bindPopup(escapeText(f.properties.project_title + " (" + f.properties.project_status + ")")) }).addTo(layers.projects);
          }

          async function gaps() {
            map.removeLayer(layers.gaps);
            layers.gaps.clearLayers();
            const kind = $("gap-kind").value;
            if (!kind) { return; }
            const params = Object.assign({ format: "geojson" }, scenario(true));
            if (kind !== "all") { params.kind = kind; }
            try {
              const fc = await api("/gaps", params);
              L.geoJSON(fc, { style: (f) => ({ color: gapColour[f.properties.kind] || "#000", weight: 3 }),
                              pointToLayer: (f, latlng) => L.circleMarker(latlng, { radius: 6, color: gapColour[f.properties.kind] || "#000", fillOpacity: 0.6 }),
                              onEachFeature: (f, l) => l.bindPopup(escapeText(f.properties.explanation)) }).addTo(layers.gaps);
              layers.gaps.addTo(map);
              $("layer-info").textContent = fc.features.length + " gap(s)";
            } catch (e) { status(e.message, true); }
          }

          async function pick(latlng) {
            try {
              const body = await api("/nearest", { point: latlng.lng.toFixed(5) + "," + latlng.lat.toFixed(5) });
              const w = body.waypoints[0];
              $(state.pickNext).value = w.name;
              L.circleMarker([w.location[1], w.location[0]], { radius: 8, color: state.pickNext === "from" ? "#1a9850" : "#d73027" }).addTo(layers.picks);
              state.pickNext = state.pickNext === "from" ? "to" : "from";
              if (state.pickNext === "from") { route(false); }
            } catch (e) { status(e.message, true); }
          }

          async function start() {
            $("year").value = new Date().getFullYear();
            const base = await fetch("/basemap.geojson").then((r) => r.json());
            L.geoJSON(base, { style: (f) => ({
                                rivers: { color: "#6fa8dc", weight: 2 }, river: { color: "#9cc3e6", weight: 1 },
                                lake: { color: "#9cc3e6", weight: 1, fillColor: "#cfe2f3", fillOpacity: 0.8 },
                                country: { color: "#999", weight: 1, fillColor: "#f4f1e8", fillOpacity: 0.6 },
                              }[f.properties.layer] || { color: "#888", weight: 1, fill: false, dashArray: "2 4" }),
                              interactive: false }).addTo(layers.base);
            const places = await api("/places", { format: "json" });
            const names = $("place-names");
            for (const p of places) {
              const o = document.createElement("option"); o.value = p.name; names.appendChild(o);
              if (p.kind === "city" && (p.population || 0) >= 250000) {
                L.circleMarker([p.latitude, p.longitude], { radius: 3, color: "#444", weight: 1, fillOpacity: 0.8 }).bindTooltip(p.name).addTo(layers.places);
              }
            }
            const projectList = await api("/projects", {});
            for (const p of projectList) {
              if (!p.features_built) { continue; }
              const o = document.createElement("option"); o.value = p.id; o.textContent = p.id + " (" + p.status + ")"; $("project").appendChild(o);
            }
            const document_ = await api("/openapi.json", {});
            for (const k of document_.components.schemas.Gap.properties.kind.enum) {
              const o = document.createElement("option"); o.value = k; o.textContent = k; $("gap-kind").appendChild(o);
            }
            $("route-button").addEventListener("click", () => route(false));
            $("compare-button").addEventListener("click", () => route(true));
            $("clear-button").addEventListener("click", () => { ["route", "compared", "reach", "picks"].forEach((k) => layers[k].clearLayers()); $("summary").textContent = ""; $("legs").textContent = ""; });
            $("reach-button").addEventListener("click", reach);
            $("show-corridors").addEventListener("change", (e) => toggle(e.target, layers.corridors, corridors));
            $("show-projects").addEventListener("change", (e) => toggle(e.target, layers.projects, projects));
            $("gap-kind").addEventListener("change", gaps);
            map.on("click", (e) => pick(e.latlng));
            const query = new URLSearchParams(location.search);
            if (query.get("from")) { $("from").value = query.get("from"); }
            if (query.get("to")) { $("to").value = query.get("to"); }
            document.body.dataset.ready = "true";
            if (query.get("from") && query.get("to")) { route(false); }
          }
          start().catch((e) => status("The map could not start: " + e.message, true));
        })();
        """#
}
