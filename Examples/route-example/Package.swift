// swift-tools-version: 6.0
// A package that uses Mekong as a library, exactly as the README shows: CI builds and runs it,
// so the README's Swift example cannot drift from the API.
import PackageDescription

let package = Package(
    name: "RouteExample",
    platforms: [.macOS(.v13)],
    dependencies: [.package(name: "Mekong", path: "../..")],
    targets: [
        .executableTarget(name: "RouteExample", dependencies: [
            .product(name: "GeoCore", package: "Mekong"),
            .product(name: "MekongData", package: "Mekong"),
            .product(name: "MekongNetwork", package: "Mekong"),
            .product(name: "MekongAnalysis", package: "Mekong"),
        ]),
    ],
    swiftLanguageModes: [.v6]
)
