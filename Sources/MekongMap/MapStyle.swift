import MekongAnalysis
import MekongData

/// The shape of a point marker.
enum MarkerShape: Sendable {
    case circle, triangle, invertedTriangle, square, diamond, cross, star
}

/// How one symbol is drawn: the one home of the map's colours, widths and dashes.
struct MapStyle {
    var stroke: Colour?
    var width: Double = 1
    var dash: [Double] = []
    /// A wider line drawn first under the stroke (white), so the line reads over others.
    var casing: Double = 0
    var fill: Colour?
    var marker: MarkerShape?
    var markerRadius: Double = 4

    // The base map's colours (also used by the renderer for land and water).
    static let water = Colour(hex: 0xD4E6F4)
    static let land = Colour(hex: 0xFBF8F1)
    static let otherLand = Colour(hex: 0xECE8DF)
    static let border = Colour(hex: 0x8C8172)
    static let river = Colour(hex: 0x6FA8D6)
    static let lakeFill = Colour(hex: 0xBCD7EE)
    static let text = Colour(hex: 0x222222)
    static let mutedText = Colour(hex: 0x555555)
    static let graticule = Colour(hex: 0x9FB6C8, alpha: 0.6)

    /// Route colours by rank; the best is a magenta no other symbol uses, so that it can be
    /// found in the picture.
    static let routes: [Colour] = [Colour(hex: 0xD6007E), Colour(hex: 0x5E3C99), Colour(hex: 0x00868B),
                                   Colour(hex: 0xB8860B), Colour(hex: 0x2F4F4F), Colour(hex: 0x8B4513)]
    /// Tableau 10, for corridors.
    static let palette: [Colour] = [0x4E79A7, 0xF28E2B, 0xE15759, 0x76B7B2, 0x59A14F, 0xEDC948, 0xB07AA1, 0xFF9DA7, 0x9C755F, 0x6B6B6B]
        .map { Colour(hex: $0) }

    static func gapColour(_ kind: GapKind) -> Colour {
        switch kind {
        case .seaportAccess: Colour(hex: 0x1F78B4)
        case .airportAccess: Colour(hex: 0x6A3D9A)
        case .corridorCoverage: Colour(hex: 0xE31A1C)
        case .missingLink: Colour(hex: 0xFF7F00)
        case .corridorContinuity: Colour(hex: 0xA6761D)
        case .criticality: Colour(hex: 0xB2182B)
        case .borderFriction: Colour(hex: 0x33A02C)
        }
    }

    static func statusColour(_ status: GapStatus) -> Colour {
        switch status {
        case .open: Colour(hex: 0xD73027)
        case .closed: Colour(hex: 0x1A9850)
        case .opened: Colour(hex: 0xF46D43)
        }
    }

    static func shape(_ kind: GapKind) -> MarkerShape {
        switch kind {
        case .seaportAccess: .triangle
        case .airportAccess: .invertedTriangle
        case .corridorCoverage: .square
        case .missingLink: .diamond
        case .corridorContinuity: .circle
        case .criticality: .cross
        case .borderFriction: .star
        }
    }

    static func projectColour(_ status: ProjectStatus) -> Colour {
        switch status {
        case .completed: Colour(hex: 0x1A9850)
        case .underConstruction: Colour(hex: 0xF39C12)
        case .planned: Colour(hex: 0x2B83BA)
        case .stalled: Colour(hex: 0xD7191C)
        case .study: Colour(hex: 0x888888)
        }
    }

    static func roadColour(_ roadClass: RoadClass?) -> (Colour, Double) {
        switch roadClass {
        case .expressway: (Colour(hex: 0xC0392B), 2.6)
        case .trunk: (Colour(hex: 0xE67E22), 2.0)
        case .primary: (Colour(hex: 0xD4AC0D), 1.5)
        case .secondary: (Colour(hex: 0x8D8D8D), 1.1)
        case .track, nil: (Colour(hex: 0xA08060), 0.9)
        }
    }

    /// The style of a symbol.
    static func of(_ symbol: MapSymbol) -> MapStyle {
        switch symbol {
        case .link(let mode, let roadClass, let muted):
            if muted {
                let w: Double = switch roadClass { case .expressway, .trunk: 1.2; case .primary: 0.9; default: 0.6 }
                return switch mode {
                case .road: MapStyle(stroke: Colour(hex: 0x9A948A, alpha: 0.75), width: w)
                case .rail: MapStyle(stroke: Colour(hex: 0x7A7A7A, alpha: 0.7), width: 0.8, dash: [3, 2])
                case .ferry: MapStyle(stroke: Colour(hex: 0x5C8DB8, alpha: 0.8), width: 0.8, dash: [2, 2])
                case .sea: MapStyle(stroke: Colour(hex: 0x7FA7C9, alpha: 0.6), width: 0.6, dash: [1, 3])
                }
            }
            switch mode {
            case .road:
                let (colour, width) = roadColour(roadClass)
                return MapStyle(stroke: colour, width: width, dash: roadClass == .track ? [4, 2] : [], casing: roadClass == .expressway ? 1 : 0)
            case .rail: return MapStyle(stroke: Colour(hex: 0x333333), width: 1.4, dash: [5, 3])
            case .ferry: return MapStyle(stroke: Colour(hex: 0x1F5FA8), width: 1.6, dash: [3, 3])
            case .sea: return MapStyle(stroke: Colour(hex: 0x3C7DBA), width: 1.0, dash: [1, 4])
            }
        case .route(let rank):
            return MapStyle(stroke: routes[min(rank, routes.count - 1)], width: rank == 0 ? 4.5 : 3.2, dash: rank == 0 ? [] : [9, 4], casing: 2)
        case .corridor(let index):
            return MapStyle(stroke: palette[index % palette.count].with(alpha: 0.9), width: 3.2, casing: 1)
        case .reachArea:
            return MapStyle(stroke: Colour(hex: 0x00897B), width: 1.6, fill: Colour(hex: 0x26A69A, alpha: 0.22))
        case .project(let status):
            let colour = projectColour(status)
            return MapStyle(stroke: colour, width: 4, dash: status == .study || status == .planned ? [7, 4] : [], casing: 1.5,
                            fill: colour, marker: .circle, markerRadius: 5.5)
        case .linkOpened:
            return MapStyle(stroke: Colour(hex: 0x1A9850), width: 4, casing: 1.5)
        case .linkRetired:
            return MapStyle(stroke: Colour(hex: 0x7F7F7F), width: 2.2, dash: [4, 3])
        case .gap(let kind, let status, let byStatus):
            let colour = byStatus ? statusColour(status) : gapColour(kind)
            let lineDash: [Double] = kind == .missingLink ? [6, 4] : []
            // Missing links are many straight city-to-city lines: thin and light, so they do not hide the rest.
            return MapStyle(stroke: colour.with(alpha: kind == .missingLink ? 0.55 : 0.85), width: kind == .missingLink ? 1.3 : 3.5, dash: lineDash,
                            casing: kind == .missingLink ? 0 : 1,
                            fill: colour, marker: shape(kind), markerRadius: 6)
        case .gapKind(let kind):
            return MapStyle(stroke: nil, fill: Colour(hex: 0x666666), marker: shape(kind), markerRadius: 6)
        case .place(let kind):
            switch kind {
            case .city: return MapStyle(stroke: .white, width: 1, fill: Colour(hex: 0x222222), marker: .circle, markerRadius: 3)
            case .port: return MapStyle(stroke: .white, width: 1, fill: Colour(hex: 0x1F5FA8), marker: .square, markerRadius: 3)
            case .airport: return MapStyle(stroke: .white, width: 1, fill: Colour(hex: 0x444444), marker: .diamond, markerRadius: 3.5)
            case .border: return MapStyle(stroke: .white, width: 0.8, fill: Colour(hex: 0x8C8172), marker: .square, markerRadius: 2)
            case .sez, .junction: return MapStyle(stroke: .white, width: 0.8, fill: Colour(hex: 0x777777), marker: .circle, markerRadius: 2)
            }
        case .endpoint:
            return MapStyle(stroke: .white, width: 2, fill: Colour(hex: 0x111111), marker: .circle, markerRadius: 6)
        }
    }
}

extension MapSymbol {
    /// The opaque colour the symbol's line or marker outline is drawn in (0…255 per channel),
    /// or nil when it has none: what to look for in a rendered picture.
    public var strokeColour: RasterImage.Pixel? {
        guard let c = MapStyle.of(self).stroke else { return nil }
        func byte(_ v: Double) -> UInt8 { UInt8((v * 255).rounded()) }
        return RasterImage.Pixel(red: byte(c.red), green: byte(c.green), blue: byte(c.blue), alpha: byte(c.alpha))
    }
}
