// Benchmarks whose figures go into BENCHMARKS.md. Run with `make bench` (release build).
// Each case runs several times; the median is reported, with min and max for spread.
import Foundation
import GeoCore

struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

func measure(_ name: String, runs: Int = 7, _ body: () throws -> Void) rethrows {
    var seconds: [Double] = []
    for _ in 0..<runs {
        let start = ContinuousClock.now
        try body()
        let elapsed = ContinuousClock.now - start
        seconds.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }
    seconds.sort()
    func ms(_ s: Double) -> String { String(format: "%.1f ms", s * 1000) }
    print("\(name): median \(ms(seconds[runs / 2])) (min \(ms(seconds[0])), max \(ms(seconds[runs - 1])), \(runs) runs)")
}

var generator = SplitMix64(state: 2012)

// 1. Batch projection of 1,000,000 points, WGS84 → UTM 48N, one proj_trans_generic call.
let region = (0..<1_000_000).map { _ in
    Position(x: Double.random(in: 99...108, using: &generator), y: Double.random(in: 8...23, using: &generator))
}
let utm = try Projection(from: "EPSG:4326", to: "EPSG:32648")
try measure("project 1,000,000 points EPSG:4326 → EPSG:32648 (batch)") {
    var batch = region
    try utm.transform(&batch)
}

// 2. 100,000 point-in-polygon tests against a 2,000-vertex irregular polygon (a country-sized
//    outline around Lao PDR), plain GEOSContains_r against the prepared predicate.
let vertexCount = 2_000
var ring: [Coordinate] = (0..<vertexCount).map { i in
    let angle = Double(i) / Double(vertexCount) * 2 * Double.pi
    let radius = 3.0 + 0.6 * sin(7 * angle) + Double.random(in: -0.15...0.15, using: &generator)
    return Coordinate(longitude: 104 + radius * cos(angle), latitude: 18 + radius * sin(angle))
}
ring.append(ring[0])
let outline = Geometry.polygon(Polygon(exterior: ring))
let probes = (0..<100_000).map { _ in
    Geometry.point(Coordinate(longitude: Double.random(in: 100...108, using: &generator),
                              latitude: Double.random(in: 14...22, using: &generator)))
}
let geos = try GEOSContext()
let prepared = try geos.prepare(outline)
var insidePlain = 0, insidePrepared = 0
try measure("100,000 point-in-polygon, plain GEOSContains_r (2,000-vertex polygon)", runs: 5) {
    insidePlain = 0
    for p in probes where try prepared.containsUnprepared(p) { insidePlain += 1 }
}
try measure("100,000 point-in-polygon, prepared GEOSPreparedContains_r", runs: 5) {
    insidePrepared = 0
    for p in probes where try prepared.contains(p) { insidePrepared += 1 }
}
print("inside: plain \(insidePlain), prepared \(insidePrepared) (must be equal)")
