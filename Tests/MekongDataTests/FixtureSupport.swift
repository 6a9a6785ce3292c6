import Foundation
import TestSupport
@testable import MekongData

/// The tiny hand-drawn data set in Fixtures/tiny, readable by eye:
///
///     town-a ──R1 (54 km, trunk)── bank-west ═bridge (2015-)═ bank-east ──R2 (unpaved, poor)── town-b
///                                      └────── ferry (-2015) ──────┘
///     THA                                   Test River (lon 100.51)                          LAO
enum Fixture {
    static let tiny = PackagePaths.tinyFixture

    /// The real embedded data set's source directory, GeoData/ at the package root.
    static let geoData = PackagePaths.geoData

    /// A copy of the tiny fixture in a new temporary directory, with `edit` applied to the text
    /// of its files (keyed by file name).
    static func copy(_ edit: (inout [String: String]) throws -> Void = { _ in }) throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appending(path: "mekong-fixture-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var files: [String: String] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: tiny.path) {
            files[name] = try String(contentsOf: tiny.appending(path: name), encoding: .utf8)
        }
        try edit(&files)
        for (name, text) in files { try Data(text.utf8).write(to: directory.appending(path: name)) }
        return directory
    }

    /// Every finding the reader and the validator report for a directory.
    static func findings(_ directory: URL) throws -> [Finding] {
        let (dataset, read) = DatasetReader.read(.directory(directory))
        return read + (try DatasetValidator(year: 2020).validate(dataset))
    }
}

extension String {
    /// Replaces exactly one occurrence, so a fixture edit that silently misses fails loudly.
    func replacingOnce(_ target: String, with replacement: String) throws -> String {
        let parts = components(separatedBy: target)
        guard parts.count == 2 else {
            throw CocoaError(.fileReadCorruptFile, userInfo: [NSLocalizedDescriptionKey: "\"\(target)\" occurs \(parts.count - 1) times"])
        }
        return parts.joined(separator: replacement)
    }
}
