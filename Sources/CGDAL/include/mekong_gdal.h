// GDAL's vector (OGR) C API, loaded on first use with dlopen rather than linked.
//
// Why: linking libgdal pulls in about a hundred shared libraries (poppler, HDF5, NetCDF, ...)
// that the dynamic loader must resolve at every start of `mekong`; measured on this machine a
// do-nothing program linked with it starts in ~250 ms against ~2 ms. Only `import` and
// `export --format gpkg` need GDAL, so only they pay for it.
//
// The headers come from Debian's libgdal-dev; the table's types are the functions' own
// (`__typeof__`), so a signature change in GDAL is a compile error, not a silent mismatch.
#ifndef MEKONG_GDAL_H
#define MEKONG_GDAL_H

#include <gdal/gdal.h>
#include <gdal/ogr_api.h>
#include <gdal/ogr_srs_api.h>
#include <gdal/cpl_error.h>
#include <stddef.h>

#define MEKONG_GDAL_FUNCTIONS(X) \
    X(GDALAllRegister) X(GDALVersionInfo) X(GDALGetDriverByName) X(GDALGetDriverShortName) \
    X(GDALGetDatasetDriver) X(GDALCreate) X(GDALOpenEx) X(GDALClose) \
    X(GDALDatasetGetLayerCount) X(GDALDatasetGetLayer) X(GDALDatasetCreateLayer) \
    X(GDALDatasetStartTransaction) X(GDALDatasetCommitTransaction) \
    X(CPLGetLastErrorMsg) X(CPLGetLastErrorType) X(CPLErrorReset) X(CPLSetErrorHandler) X(CPLQuietErrorHandler) \
    X(OSRNewSpatialReference) X(OSRImportFromEPSG) X(OSRSetAxisMappingStrategy) X(OSRRelease) \
    X(OSRIsSame) X(OSRGetAuthorityCode) X(OCTNewCoordinateTransformation) \
    X(OCTDestroyCoordinateTransformation) \
    X(OGR_Fld_Create) X(OGR_Fld_SetSubType) X(OGR_Fld_Destroy) X(OGR_Fld_GetNameRef) \
    X(OGR_Fld_GetType) X(OGR_L_CreateField) X(OGR_L_GetLayerDefn) X(OGR_L_GetName) \
    X(OGR_L_ResetReading) X(OGR_L_GetNextFeature) X(OGR_L_GetFeatureCount) \
    X(OGR_L_GetSpatialRef) X(OGR_L_CreateFeature) X(OGR_L_GetGeomType) \
    X(OGR_FD_GetFieldCount) X(OGR_FD_GetFieldDefn) X(OGR_FD_GetFieldIndex) \
    X(OGR_F_Create) X(OGR_F_Destroy) X(OGR_F_GetFID) X(OGR_F_SetFieldString) \
    X(OGR_F_SetFieldInteger64) X(OGR_F_SetFieldDouble) X(OGR_F_SetFieldInteger) \
    X(OGR_F_IsFieldSetAndNotNull) X(OGR_F_GetFieldAsString) X(OGR_F_GetFieldAsDouble) \
    X(OGR_F_GetFieldAsInteger64) X(OGR_F_GetGeometryRef) X(OGR_F_SetGeometryDirectly) \
    X(OGR_G_CreateGeometryFromJson) X(OGR_G_DestroyGeometry) X(OGR_G_GetGeometryType) \
    X(OGR_G_GetGeometryCount) X(OGR_G_GetGeometryRef) X(OGR_G_GetPointCount) \
    X(OGR_G_GetPoints) X(OGR_G_Transform)

/// The loaded entry points, one field per function, named as in GDAL.
typedef struct MekongGDAL {
#define MEKONG_GDAL_FIELD(name) __typeof__(&name) name;
    MEKONG_GDAL_FUNCTIONS(MEKONG_GDAL_FIELD)
#undef MEKONG_GDAL_FIELD
} MekongGDAL;

/// Loads libgdal once (thread-safe) and returns its table, or NULL with the reason in `message`
/// (a missing library or a missing symbol).
const MekongGDAL *mekong_gdal_load(char *message, size_t messageSize);

#endif
