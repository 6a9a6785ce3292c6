import Foundation
import MekongData
import RoutingEngine
import RoutingGraph

/// A contraction hierarchy prepared once for an imported graph and one costing (`mekong prepare`),
/// kept in a file beside the graph, so that a matrix or a route on it pays for its table or its
/// query and not for the contraction: minutes at 10^6 nodes, against a third of a second for a
/// 1,000 × 1,000 table.
///
///     let (graph, checksum) = try RoutingGraphFile.readWithChecksum(from: "laos.mkg")
///     let network = ImportedNetwork(graph: graph, profile: truck, optimization: .time, year: 2026)
///     let file = network.preparedHierarchyPath(besideGraph: "laos.mkg")      // laos.truck-2026-time.mkch
///     try network.prepareHierarchy(graphChecksum: checksum, to: file)          // once
///     let fast = try network.usingPreparedHierarchy(at: file, graphChecksum: checksum)
///     fast.matrix(from: points, to: points).method                              // .preparedHierarchy
///
/// The file records the graph file's checksum and the costing (a checksum of the weights, and the
/// profile, year and optimisation by name): one made for another graph, profile, year or data is
/// refused, naming what differs.
extension ImportedNetwork {
    /// The costing's names a hierarchy file records: profile (with `-no-permit` for a freight
    /// profile without its cross-border permit), year and optimisation.
    public var costingNames: [String: String] {
        let profile = costing.costModel.profile
        return ["profile": profile.id.rawValue + (profile.holdsPermit ? "" : "-no-permit"),
                "year": costing.year.map(String.init) ?? "any", "optimize": costing.optimization.rawValue]
    }

    /// What a hierarchy of this costing on the graph file with checksum `graphChecksum` records.
    /// - Complexity: O(E), a checksum of the weights.
    public func hierarchyStamp(graphChecksum: UInt64) -> ContractionHierarchyFile.Stamp {
        ContractionHierarchyFile.Stamp(graphChecksum: graphChecksum, weights: weights.values, costing: costingNames)
    }

    /// Where `mekong prepare` puts this costing's hierarchy by default: beside the graph file,
    /// named after it and the costing (`laos.mkg` → `laos.truck-2026-time.mkch`).
    public func preparedHierarchyPath(besideGraph graphPath: String) -> String {
        let names = costingNames
        let base = graphPath.hasSuffix(".mkg") ? String(graphPath.dropLast(4)) : graphPath
        return "\(base).\(names["profile"]!)-\(names["year"]!)-\(names["optimize"]!).\(ContractionHierarchyFile.fileExtension)"
    }

    /// Contracts the graph under this costing's weights.
    /// - Complexity: the contraction, O(V · w) for witness searches of w settled nodes; minutes
    ///   at 10^6 nodes (BENCHMARKS.md).
    public func contractedHierarchy() -> ContractionHierarchy {
        ContractionHierarchy(graph: graph.topology, weights: weights.values)
    }

    /// Contracts the graph under this costing and writes the hierarchy to `path` atomically
    /// (a failure leaves nothing), stamped for the graph file whose checksum is `graphChecksum`.
    ///
    /// - Parameters:
    ///   - graphChecksum: the checksum ``RoutingGraphFile/readWithChecksum(from:)`` returned
    ///     with this network's graph.
    ///   - path: the hierarchy file, usually ``preparedHierarchyPath(besideGraph:)``.
    /// - Returns: the hierarchy written.
    /// - Throws: ``ContractionHierarchyFileError/cannotWrite(path:reason:)``.
    /// - Complexity: the contraction, then O(V + A) to write it.
    @discardableResult
    public func prepareHierarchy(graphChecksum: UInt64, to path: String) throws(ContractionHierarchyFileError) -> ContractionHierarchy {
        let hierarchy = contractedHierarchy()
        try ContractionHierarchyFile.write(hierarchy, stamp: hierarchyStamp(graphChecksum: graphChecksum), to: path)
        return hierarchy
    }

    /// This network answering matrices and routes with the hierarchy in `path`, after checking
    /// that it was prepared for this graph file and this costing.
    ///
    /// - Throws: ``ContractionHierarchyFileError``: missing, corrupt, of another version, or
    ///   prepared for another graph or costing (each difference named).
    /// - Complexity: O(V + A) to check the file; nothing is copied (the file is mapped).
    public func usingPreparedHierarchy(at path: String, graphChecksum: UInt64) throws(ContractionHierarchyFileError) -> ImportedNetwork {
        let hierarchy = try ContractionHierarchyFile.read(from: path, expecting: hierarchyStamp(graphChecksum: graphChecksum))
        return using(hierarchy)
    }

    /// This network answering matrices and routes with `hierarchy`, which must be a hierarchy
    /// of its graph under its weights (as ``contractedHierarchy()`` makes).
    public func using(_ hierarchy: ContractionHierarchy) -> ImportedNetwork {
        precondition(hierarchy.nodeCount == graph.nodeCount, "a hierarchy of another graph")
        var network = self
        network.hierarchy = hierarchy
        return network
    }
}
