internal import CGDAL

/// One line feature as read from a vector source: its id, the values of the fields asked for,
/// and its line or lines (a MultiLineString's parts) in WGS 84 longitude, latitude.
public struct LineFeature: Sendable {
    /// The feature's id in its source (OGR's FID; for OSM, GDAL's running number).
    public var id: Int64
    /// The values of the requested fields, in the order asked; nil where unset or null.
    public var values: [String?]
    /// The parts, each a list of (longitude, latitude) in degrees; empty parts are dropped.
    public var parts: [[(longitude: Double, latitude: Double)]]
}

/// A vector data set opened read-only through GDAL: OSM PBF or XML, GeoPackage, Shapefile,
/// GeoJSON (and GeoJSON sequences) or FlatGeobuf.
///
///     let source = try VectorSource(path: "helsinki.osm.pbf")
///     try source.readLines(layer: "lines", fields: ["highway", "other_tags"]) { feature in … }
public final class VectorSource {
    /// The GDAL drivers we read, by their short names. Anything else (a CSV, a KML, a raster) is
    /// refused with this list rather than half-understood.
    public static let readableDrivers = ["OSM", "GPKG", "ESRI Shapefile", "GeoJSON", "GeoJSONSeq", "FlatGeobuf"]
    /// The same, as a person names them.
    public static let readableFormats = "OSM PBF or XML, GeoPackage, Shapefile, GeoJSON or FlatGeobuf"

    /// The path it was opened from.
    public let path: String
    /// GDAL's short name of the driver that opened it, such as "OSM" or "GPKG".
    public let driverName: String
    private let gdal: UnsafePointer<MekongGDAL>
    private let dataset: GDALDatasetH

    /// Opens `path` read-only.
    ///
    /// - Throws: ``VectorIOError`` when GDAL is missing, the file does not exist, or it is not
    ///   one of ``readableFormats`` (with GDAL's reason).
    public init(path: String) throws(VectorIOError) {
        gdal = try GDALLibrary.functions()
        let api = gdal.pointee
        api.CPLErrorReset()
        let copies = Self.readableDrivers.map { strdup($0) }
        defer { for copy in copies { free(copy) } }
        let drivers: [UnsafePointer<CChar>?] = copies.map { UnsafePointer($0) } + [nil]
        let opened: GDALDatasetH? = drivers.withUnsafeBufferPointer { list in
            api.GDALOpenEx(path, UInt32(GDAL_OF_VECTOR | GDAL_OF_READONLY), list.baseAddress, nil, nil)
        }
        guard let opened else {
            let reason = GDALLibrary.lastError(gdal, or: "it is not a file GDAL can read as \(Self.readableFormats)")
            throw VectorIOError("cannot read \(path): \(reason)")
        }
        dataset = opened
        self.path = path
        driverName = api.GDALGetDatasetDriver(opened).flatMap { api.GDALGetDriverShortName($0) }.map { String(cString: $0) } ?? "unknown"
    }

    deinit { gdal.pointee.GDALClose(dataset) }

    /// The names of its layers, in order.
    public var layerNames: [String] {
        let api = gdal.pointee
        return (0..<api.GDALDatasetGetLayerCount(dataset)).compactMap { index in
            api.GDALDatasetGetLayer(dataset, index).flatMap { api.OGR_L_GetName($0) }.map { String(cString: $0) }
        }
    }

    /// The field names of a layer.
    public func fieldNames(layer name: String) throws(VectorIOError) -> [String] {
        let api = gdal.pointee
        let definition = api.OGR_L_GetLayerDefn(try layer(named: name))
        return (0..<api.OGR_FD_GetFieldCount(definition)).compactMap { index in
            api.OGR_FD_GetFieldDefn(definition, index).flatMap { api.OGR_Fld_GetNameRef($0) }.map { String(cString: $0) }
        }
    }

    /// The number of features of a layer when the format knows it without reading them all
    /// (not OSM), else nil.
    public func featureCount(layer name: String) throws(VectorIOError) -> Int? {
        guard driverName != "OSM" else { return nil }
        let count = gdal.pointee.OGR_L_GetFeatureCount(try layer(named: name), 0)
        return count >= 0 ? Int(count) : nil
    }

    private func layer(named name: String) throws(VectorIOError) -> OGRLayerH {
        let api = gdal.pointee
        for index in 0..<api.GDALDatasetGetLayerCount(dataset) {
            if let layer = api.GDALDatasetGetLayer(dataset, index), let layerName = api.OGR_L_GetName(layer), String(cString: layerName) == name {
                return layer
            }
        }
        throw VectorIOError("\(path) has no layer \"\(name)\"; its layers: \(layerNames.joined(separator: ", "))")
    }

    /// Reads every line feature of a layer (LineString or MultiLineString; other geometries and
    /// features without geometry are passed over and counted), in WGS 84 whatever the layer's
    /// coordinate system.
    ///
    /// - Parameters:
    ///   - name: the layer.
    ///   - fields: the fields whose values each feature carries, in this order. A field the
    ///     layer lacks is an error naming the layer's fields.
    ///   - body: called for each line feature, in the file's order; what it throws stops the
    ///     reading and is rethrown.
    /// - Returns: the number of features passed over because they are not lines.
    /// - Throws: ``VectorIOError`` for a missing layer or field, a coordinate system GDAL cannot
    ///   transform to WGS 84, or a layer without one whose coordinates are not degrees.
    /// - Complexity: O(n) in the features and their vertices.
    @discardableResult
    public func readLines(layer name: String, fields: [String], _ body: (LineFeature) throws -> Void) throws -> Int {
        let api = gdal.pointee
        let layer = try layer(named: name)
        let definition = api.OGR_L_GetLayerDefn(layer)
        let indices: [Int32] = try fields.map { field throws(VectorIOError) in
            let index = api.OGR_FD_GetFieldIndex(definition, field)
            guard index >= 0 else {
                throw VectorIOError("the layer \"\(name)\" of \(path) has no field \"\(field)\"; its fields: \(try fieldNames(layer: name).joined(separator: ", "))")
            }
            return index
        }
        let transformation = try Self.transformationToWGS84(from: api.OGR_L_GetSpatialRef(layer), gdal: gdal, path: path)
        defer { if let transformation { api.OCTDestroyCoordinateTransformation(transformation) } }
        let checkDegrees = api.OGR_L_GetSpatialRef(layer) == nil

        var skipped = 0
        var xs: [Double] = [], ys: [Double] = []
        api.OGR_L_ResetReading(layer)
        while let feature = api.OGR_L_GetNextFeature(layer) {
            defer { api.OGR_F_Destroy(feature) }
            guard let geometry = api.OGR_F_GetGeometryRef(feature) else { skipped += 1; continue }
            if let transformation, api.OGR_G_Transform(geometry, transformation) != OGRERR_NONE {
                throw VectorIOError("feature \(api.OGR_F_GetFID(feature)) of \(path): GDAL cannot transform it to WGS 84: \(GDALLibrary.lastError(gdal, or: "no reason given"))")
            }
            let flat = OGRwkbGeometryType(rawValue: api.OGR_G_GetGeometryType(geometry).rawValue & 0xff)
            var lines: [OGRGeometryH] = []
            if flat == wkbLineString {
                lines = [geometry]
            } else if flat == wkbMultiLineString {
                lines = (0..<api.OGR_G_GetGeometryCount(geometry)).compactMap { api.OGR_G_GetGeometryRef(geometry, $0) }
            } else {
                skipped += 1
                continue
            }
            var parts: [[(longitude: Double, latitude: Double)]] = []
            for line in lines {
                let count = Int(api.OGR_G_GetPointCount(line))
                guard count >= 2 else { continue }
                if xs.count < count { xs = [Double](repeating: 0, count: count); ys = xs }
                xs.withUnsafeMutableBytes { x in
                    ys.withUnsafeMutableBytes { y in
                        _ = api.OGR_G_GetPoints(line, x.baseAddress, Int32(MemoryLayout<Double>.stride), y.baseAddress, Int32(MemoryLayout<Double>.stride), nil, 0)
                    }
                }
                var part: [(longitude: Double, latitude: Double)] = []
                part.reserveCapacity(count)
                for i in 0..<count {
                    guard xs[i].isFinite, ys[i].isFinite else {
                        throw VectorIOError("feature \(api.OGR_F_GetFID(feature)) of \(path) has a coordinate that is not a number")
                    }
                    if checkDegrees, !(-180...180).contains(xs[i]) || !(-90...90).contains(ys[i]) {
                        throw VectorIOError("\(path) declares no coordinate system and its coordinates (\(xs[i]), \(ys[i])) are not degrees: give the file a .prj or reproject it to EPSG:4326")
                    }
                    part.append((xs[i], ys[i]))
                }
                parts.append(part)
            }
            guard !parts.isEmpty else { skipped += 1; continue }
            let values: [String?] = indices.map { index in
                api.OGR_F_IsFieldSetAndNotNull(feature, index) != 0 ? api.OGR_F_GetFieldAsString(feature, index).map { String(cString: $0) } : nil
            }
            try body(LineFeature(id: Int64(api.OGR_F_GetFID(feature)), values: values, parts: parts))
        }
        return skipped
    }

    /// Nil when the layer is already WGS 84 longitude/latitude (or declares nothing).
    private static func transformationToWGS84(from source: OGRSpatialReferenceH?, gdal: UnsafePointer<MekongGDAL>,
                                              path: String) throws(VectorIOError) -> OGRCoordinateTransformationH? {
        let api = gdal.pointee
        guard let source else { return nil }
        let wgs84 = api.OSRNewSpatialReference(nil)
        defer { api.OSRRelease(wgs84) }
        _ = api.OSRImportFromEPSG(wgs84, 4326)
        api.OSRSetAxisMappingStrategy(wgs84, OAMS_TRADITIONAL_GIS_ORDER)
        if api.OSRIsSame(source, wgs84) != 0 { return nil }
        guard let transformation = api.OCTNewCoordinateTransformation(source, wgs84) else {
            throw VectorIOError("cannot transform \(path)'s coordinate system to WGS 84: \(GDALLibrary.lastError(gdal, or: "no reason given"))")
        }
        return transformation
    }
}
