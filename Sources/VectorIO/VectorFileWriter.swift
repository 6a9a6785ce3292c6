internal import CGDAL
import GeoCore

/// Writes GeoJSON-like features to a vector format through GDAL, a layer per kind, as GIS
/// clients (QGIS, ogr2ogr, geopandas) expect: each layer has one geometry type and a typed
/// attribute table, where GeoJSON allowed mixed geometries and loose values.
///
///     let counts = try VectorFileWriter.write([.init(name: "places", features: places)],
///                                             format: .geoPackage, to: "/tmp/mekong.gpkg")
public enum VectorFileWriter {
    /// The formats written; each needs a file path (none writes to standard output).
    public enum Format: String, Sendable, CaseIterable {
        /// OGC GeoPackage (SQLite), GDAL's "GPKG" driver: many layers in one file.
        case geoPackage = "gpkg"

        var driverName: String {
            switch self {
            case .geoPackage: "GPKG"
            }
        }
    }

    /// Features meant for one layer. A layer whose features have several geometry types is
    /// written as one layer per type, named `NAME_point`, `NAME_linestring`, … .
    public struct Layer: Sendable {
        /// The layer's name in the file.
        public var name: String
        /// Its features; properties become typed fields (see ``FieldKind``).
        public var features: [Feature]

        /// A layer named `name` holding `features`.
        public init(name: String, features: [Feature]) {
            self.name = name
            self.features = features
        }
    }

    /// Writes `layers` to a new file at `path` (which must not exist yet: callers write to a
    /// temporary path and rename, so a failure leaves nothing behind).
    ///
    /// Coordinates are WGS 84 longitude, latitude (EPSG:4326, the GeoJSON order).
    ///
    /// - Parameters:
    ///   - layers: the layers in the order they are written.
    ///   - format: the file format.
    ///   - path: the new file.
    /// - Returns: the layers written with their feature counts, in order.
    /// - Throws: ``VectorIOError`` with GDAL's message when GDAL is missing, the file cannot be
    ///   created or a feature is refused.
    /// - Complexity: O(n) in the features and their properties.
    @discardableResult
    public static func write(_ layers: [Layer], format: Format, to path: String) throws(VectorIOError) -> [(name: String, count: Int)] {
        let gdal = try GDALLibrary.functions()
        let api = gdal.pointee
        api.CPLErrorReset()
        guard let driver = api.GDALGetDriverByName(format.driverName) else {
            throw VectorIOError("this GDAL has no \(format.driverName) driver")
        }
        guard let dataset = api.GDALCreate(driver, path, 0, 0, 0, GDT_Unknown, nil) else {
            throw VectorIOError("cannot create \(path): \(GDALLibrary.lastError(gdal, or: "GDAL gave no reason"))")
        }
        var closed = false
        defer { if !closed { api.GDALClose(dataset) } }
        let wgs84 = api.OSRNewSpatialReference(nil)
        defer { api.OSRRelease(wgs84) }
        _ = api.OSRImportFromEPSG(wgs84, 4326)
        api.OSRSetAxisMappingStrategy(wgs84, OAMS_TRADITIONAL_GIS_ORDER)

        var written: [(name: String, count: Int)] = []
        for (name, features) in splitByGeometryType(layers) {
            let count = try writeLayer(named: name, features: features, to: dataset, spatialReference: wgs84, gdal: gdal)
            written.append((name, count))
        }
        // Closing flushes the file; GDAL 3.6 reports a failed flush only through its error state.
        api.CPLErrorReset()
        closed = true
        api.GDALClose(dataset)
        if api.CPLGetLastErrorType() == CE_Failure || api.CPLGetLastErrorType() == CE_Fatal {
            throw VectorIOError("cannot finish \(path): \(GDALLibrary.lastError(gdal, or: "GDAL gave no reason"))")
        }
        return written
    }

    /// One output layer per geometry type of each input layer; features without geometry go
    /// to a layer of their own (`NAME_table` when the layer also has geometries).
    static func splitByGeometryType(_ layers: [Layer]) -> [(String, [Feature])] {
        var result: [(String, [Feature])] = []
        for layer in layers {
            var groups: [String: [Feature]] = [:]
            var order: [String] = []
            for feature in layer.features {
                let type = feature.geometry?.typeName ?? "None"
                if groups[type] == nil { order.append(type) }
                groups[type, default: []].append(feature)
            }
            if order.count <= 1 {
                result.append((layer.name, layer.features))
            } else {
                for type in order {
                    result.append(("\(layer.name)_\(type == "None" ? "table" : type.lowercased())", groups[type]!))
                }
            }
        }
        return result
    }

    private static func writeLayer(named name: String, features: [Feature], to dataset: GDALDatasetH,
                                   spatialReference: OGRSpatialReferenceH?, gdal: UnsafePointer<MekongGDAL>) throws(VectorIOError) -> Int {
        let api = gdal.pointee
        let geometryType = features.first?.geometry.map { Self.ogrType(of: $0) } ?? wkbNone
        guard let layer = api.GDALDatasetCreateLayer(dataset, name, geometryType == wkbNone ? nil : spatialReference, geometryType, nil) else {
            throw VectorIOError("cannot create the layer \(name): \(GDALLibrary.lastError(gdal, or: "GDAL gave no reason"))")
        }
        let fields = FieldSchema.infer(from: features)
        for field in fields {
            let definition = api.OGR_Fld_Create(field.name, field.kind.ogrType)
            if field.kind == .boolean { api.OGR_Fld_SetSubType(definition, OFSTBoolean) }
            if field.kind == .json { api.OGR_Fld_SetSubType(definition, OFSTJSON) }
            let status = api.OGR_L_CreateField(layer, definition, 1)
            api.OGR_Fld_Destroy(definition)
            guard status == OGRERR_NONE else {
                throw VectorIOError("cannot add the field \(field.name) to \(name): \(GDALLibrary.lastError(gdal, or: "GDAL gave no reason"))")
            }
        }
        // One transaction per layer: SQLite otherwise syncs after every feature.
        _ = api.GDALDatasetStartTransaction(dataset, 0)
        let definition = api.OGR_L_GetLayerDefn(layer)
        for (number, feature) in features.enumerated() {
            guard let ogrFeature = api.OGR_F_Create(definition) else {
                throw VectorIOError("GDAL could not allocate a feature")
            }
            defer { api.OGR_F_Destroy(ogrFeature) }
            for (index, field) in fields.enumerated() {
                guard let value = feature.properties[field.name] else { continue }
                field.kind.set(value, at: Int32(index), of: ogrFeature, gdal: gdal)
            }
            if let geometry = feature.geometry {
                let json: String
                do { json = try GeoJSON.encode(geometry) } catch {
                    throw VectorIOError("feature \(number + 1) of \(name): \(error)")
                }
                guard let ogrGeometry = api.OGR_G_CreateGeometryFromJson(json) else {
                    throw VectorIOError("feature \(number + 1) of \(name): GDAL refused its geometry: \(GDALLibrary.lastError(gdal, or: "no reason given"))")
                }
                _ = api.OGR_F_SetGeometryDirectly(ogrFeature, ogrGeometry)
            }
            guard api.OGR_L_CreateFeature(layer, ogrFeature) == OGRERR_NONE else {
                throw VectorIOError("feature \(number + 1) of \(name) was refused: \(GDALLibrary.lastError(gdal, or: "GDAL gave no reason"))")
            }
        }
        guard api.GDALDatasetCommitTransaction(dataset) == OGRERR_NONE else {
            throw VectorIOError("cannot write the layer \(name): \(GDALLibrary.lastError(gdal, or: "GDAL gave no reason"))")
        }
        return features.count
    }

    static func ogrType(of geometry: Geometry) -> OGRwkbGeometryType {
        switch geometry {
        case .point: wkbPoint
        case .lineString: wkbLineString
        case .polygon: wkbPolygon
        case .multiPoint: wkbMultiPoint
        case .multiLineString: wkbMultiLineString
        case .multiPolygon: wkbMultiPolygon
        case .geometryCollection: wkbGeometryCollection
        }
    }
}
