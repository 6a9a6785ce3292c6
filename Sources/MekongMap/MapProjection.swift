import GeoCore

/// The cartographic projection a map is drawn in, by its PROJ definition and its name as printed
/// on the map.
public struct MapProjection: Sendable, Hashable {
    /// The PROJ string of the target CRS (source is always WGS 84 longitude/latitude).
    public var proj: String
    /// The name printed on the map.
    public var name: String

    /// A projection from its PROJ string and the name printed on the map.
    public init(proj: String, name: String) {
        self.proj = proj
        self.name = name
    }

    /// Lambert conformal conic with standard parallels 12°N and 24°N, centred on 18°N 102°E:
    /// the region spans 8°N (the Ca Mau peninsula) to 27°N (northern Yunnan and Myanmar), so the
    /// two parallels at a sixth from either end keep the scale error within about ±1 % over the
    /// whole map, and shapes true (conformal) for reading directions.
    public static let mekongLambert = MapProjection(
        proj: "+proj=lcc +lat_1=12 +lat_2=24 +lat_0=18 +lon_0=102 +x_0=0 +y_0=0 +datum=WGS84 +units=m +no_defs",
        name: "Lambert conformal conic, standard parallels 12°N and 24°N, centre 18°N 102°E, WGS 84")

    /// The PROJ operation from WGS 84 longitude/latitude to this projection.
    func operation() throws(MapError) -> Projection {
        do { return try Projection(from: "+proj=longlat +datum=WGS84 +no_defs", to: proj) } catch { throw .projection("\(error)") }
    }
}

/// What part of the world a map shows.
public enum MapExtent: Sendable, Hashable {
    /// Fitted to the map's content (its ``Map/focus``), with a margin.
    case content
    /// The box between two meridians and two parallels, degrees.
    case boundingBox(west: Double, south: Double, east: Double, north: Double)
    /// A square of `radiusKm` (ground distance, km) to either side of a point.
    case around(Coordinate, radiusKm: Double)

    /// The region where the map's projection is meant to be used: a box outside it is a
    /// mistake (swapped axes, a typo), not a map of the Mekong.
    public static let region = (west: 60.0, south: -15.0, east: 150.0, north: 50.0)
    /// The radii `around` accepts, km: from a town to the whole of mainland Southeast Asia.
    public static let radiusKm: ClosedRange<Double> = 5...3000

    /// Why the extent cannot make a map, or nil when it can.
    public var problem: String? {
        switch self {
        case .content: return nil
        case .boundingBox(let w, let s, let e, let n):
            guard [w, s, e, n].allSatisfy(\.isFinite) else { return "the bbox's values must be finite numbers" }
            guard w < e else { return "the bbox's west (minLon \(w)) must be less than its east (maxLon \(e))" }
            guard s < n else { return "the bbox's south (minLat \(s)) must be less than its north (maxLat \(n))" }
            let r = Self.region
            guard w >= r.west, e <= r.east, s >= r.south, n <= r.north else {
                return "the bbox \(w),\(s),\(e),\(n) leaves the region the map's projection is made for (longitude \(Int(r.west))…\(Int(r.east)), latitude \(Int(r.south))…\(Int(r.north))); is it written minLon,minLat,maxLon,maxLat?"
            }
            return nil
        case .around(let c, let km):
            guard c.isValid else { return "the centre \(c) is not a valid coordinate" }
            guard km.isFinite, Self.radiusKm.contains(km) else {
                return "--km must be between \(Int(Self.radiusKm.lowerBound)) and \(Int(Self.radiusKm.upperBound)) km, not \(km)"
            }
            return nil
        }
    }
}
