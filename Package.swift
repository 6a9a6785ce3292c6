// swift-tools-version: 6.0
import PackageDescription

// Dependencies point one way: mekong → MekongAnalysis → MekongNetwork → MekongData → GeoCore →
// CGEOS/CPROJ, and MekongNetwork → RoutingEngine → RoutingGraph (see ../shared/DESIGN.md). C types never leave GeoCore: it imports the C modules
// with `internal import`.
let package = Package(
    name: "Mekong",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "mekong", targets: ["mekong"]),
        .library(name: "GeoCore", targets: ["GeoCore"]),
        .library(name: "MekongData", targets: ["MekongData"]),
        .library(name: "MekongNetwork", targets: ["MekongNetwork"]),
        .library(name: "MekongAnalysis", targets: ["MekongAnalysis"]),
        .library(name: "MekongReports", targets: ["MekongReports"]),
        .library(name: "MekongServer", targets: ["MekongServer"]),
        .library(name: "RoutingGraph", targets: ["RoutingGraph"]),
        .library(name: "RoutingEngine", targets: ["RoutingEngine"]),
        .library(name: "MekongMap", targets: ["MekongMap"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
    ],
    targets: [
        // GEOS, loaded with dlopen on first use (see Sources/CGEOS/include): linked, it costs
        // about 2.4 ms at the start of every command, and routes and tables never call it.
        .target(name: "CGEOS", linkerSettings: [.linkedLibrary("dl")]),
        // PROJ, loaded with dlopen on first use (see Sources/CPROJ/include): linked, its
        // dependencies (libcurl, GnuTLS, libtiff, SQLite) cost 12 ms at the start of every command.
        .target(name: "CPROJ", linkerSettings: [.linkedLibrary("dl")]),
        // Cairo draws the maps, loaded with dlopen on first use (see Sources/CCairo/include):
        // linked, it costs about 4 ms at the start of every command (measured).
        .target(name: "CCairo", linkerSettings: [.linkedLibrary("dl")]),
        .target(name: "GeoCore", dependencies: ["CGEOS", "CPROJ"]),
        // GDAL's vector API, loaded with dlopen on first use (see Sources/CGDAL/include), and the
        // readers and writers of GIS formats built on it.
        .target(name: "CGDAL", linkerSettings: [.linkedLibrary("dl")]),
        .target(name: "VectorIO", dependencies: ["CGDAL", "GeoCore"]),
        // `mekong import`: GIS line data → a RoutingGraph, with an attribute mapping and noding.
        .target(name: "NetworkImport", dependencies: ["VectorIO", "RoutingGraph", "RoutingEngine", "MekongData", "GeoCore"]),
        // The persistent graph (topology, columnar attributes, provenance, file format) and the
        // engine (costing apart from topology, searches): neither knows places or scenarios.
        .target(name: "RoutingGraph"),
        .target(name: "RoutingEngine", dependencies: ["RoutingGraph"]),
        .target(
            name: "MekongData",
            dependencies: ["GeoCore", "RoutingGraph"],
            plugins: [.plugin(name: "EmbedGeoDataPlugin")]
        ),
        .target(name: "MekongNetwork", dependencies: ["MekongData", "RoutingEngine", "RoutingGraph", "GeoCore"]),
        .target(name: "MekongAnalysis", dependencies: ["MekongNetwork", "MekongData", "GeoCore"]),
        // Maps as SVG, PNG and PDF through Cairo (imported internally: no Cairo type is public).
        .target(name: "MekongMap", dependencies: ["MekongAnalysis", "MekongNetwork", "MekongData", "GeoCore", "CCairo"]),
        // `mekong report`: the Pillar 1 story as HTML and Markdown, from the analyses and maps.
        // Its corridors, gap values and scenario names are MekongReports', as the commands print them.
        .target(name: "PillarReport", dependencies: ["MekongMap", "MekongReports", "MekongAnalysis", "MekongNetwork", "MekongData", "GeoCore"]),
        // Typed results → table, JSON, CSV, GeoJSON: what the CLI prints and the server sends.
        .target(name: "MekongReports", dependencies: ["MekongAnalysis", "MekongNetwork", "MekongData", "GeoCore"]),
        // `mekong serve`: the HTTP API and the web map on Hummingbird, rendering through MekongReports.
        .target(name: "MekongServer", dependencies: [
            "MekongReports", "MekongAnalysis", "MekongNetwork", "MekongData", "GeoCore",
            .product(name: "Hummingbird", package: "hummingbird"),
        ]),
        // Build tool and plugin that carry GeoData/ inside the binary.
        // It reads links.geojson with GeoCore and measures the links with PROJ, so that the
        // lengths the binary carries are those GeoCore would compute at run time, bit for bit.
        .executableTarget(name: "embed-geodata", dependencies: ["GeoCore"], path: "Sources/embed-geodata"),
        .plugin(
            name: "EmbedGeoDataPlugin",
            capability: .buildTool(),
            dependencies: ["embed-geodata"],
            path: "Sources/EmbedGeoDataPlugin"
        ),
        .executableTarget(
            name: "mekong",
            dependencies: [
                "GeoCore",
                "MekongData",
                "MekongNetwork",
                "MekongAnalysis",
                "MekongMap",
                "MekongReports",
                "MekongServer",
                "VectorIO",
                "NetworkImport",
                "PillarReport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "mekong-bench", dependencies: ["GeoCore", "MekongData", "MekongAnalysis", "MekongNetwork", "NetworkImport", "RoutingEngine", "RoutingGraph", "TestSupport"], exclude: ["peer_scipy.py", "peer_pgrouting.sh"]),
        // The seeded mutation fuzzer of the binary that CI runs for a minute (make fuzz-smoke).
        .executableTarget(name: "mekong-fuzz", dependencies: ["TestSupport"]),
        // libFuzzer target for the JSON and GeoJSON readers; `make fuzz` builds it with
        // -sanitize=fuzzer,address (libFuzzer supplies main).
        .executableTarget(name: "json-fuzz", dependencies: ["GeoCore"]),
        // Shared by the test targets and the benchmarks: a seeded generator and package paths.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "GeoCoreTests", dependencies: ["GeoCore", "TestSupport"]),
        .testTarget(name: "VectorIOTests", dependencies: ["VectorIO", "GeoCore", "TestSupport"]),
        .testTarget(name: "RoutingGraphTests", dependencies: ["RoutingGraph", "TestSupport"]),
        .testTarget(name: "RoutingEngineTests", dependencies: ["RoutingEngine", "RoutingGraph", "TestSupport"]),
        .testTarget(name: "NetworkImportTests", dependencies: ["NetworkImport", "RoutingGraph", "TestSupport"]),
        .testTarget(name: "MekongDataTests", dependencies: ["MekongData", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "MekongNetworkTests", dependencies: ["MekongNetwork", "MekongData", "GeoCore", "TestSupport"]),
        .testTarget(name: "MekongMapTests", dependencies: ["MekongMap", "MekongAnalysis", "MekongNetwork", "MekongData", "GeoCore", "TestSupport"]),
        .testTarget(name: "MekongAnalysisTests", dependencies: ["MekongAnalysis", "MekongNetwork", "MekongData", "GeoCore", "TestSupport"]),
        // End-to-end tests run the built `mekong` binary; the dependency makes `swift build
        // --build-tests` build it first.
        .testTarget(name: "mekongTests", dependencies: ["mekong", "MekongMap", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
