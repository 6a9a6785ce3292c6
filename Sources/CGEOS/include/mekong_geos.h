// GEOS's re-entrant C API (every call names the context it runs in, so two tasks never share
// hidden global state), loaded on first use with dlopen rather than linked.
//
// Why: linked, libgeos_c and the C++ libgeos behind it cost about 2.4 ms of CPU at the start of
// every command (a do-nothing program linked with them, against one linked with libstdc++
// alone), and a route or a table on the embedded data never calls GEOS.
//
// The headers come from Debian's libgeos-dev; the table's types are the functions' own
// (`__typeof__`), so a signature change in GEOS is a compile error, not a silent mismatch.
#ifndef MEKONG_GEOS_H
#define MEKONG_GEOS_H

#define GEOS_USE_ONLY_R_API
#include <geos_c.h>
#include <stddef.h>

#define MEKONG_GEOS_FUNCTIONS(X) \
    X(GEOSArea_r) X(GEOSBuffer_r) X(GEOSContains_r) \
    X(GEOSContext_setErrorMessageHandler_r) X(GEOSCoordSeq_copyFromBuffer_r) X(GEOSCoordSeq_copyToBuffer_r) \
    X(GEOSCoordSeq_getSize_r) X(GEOSDifference_r) X(GEOSDistance_r) \
    X(GEOSEnvelope_r) X(GEOSFree_r) X(GEOSGeomTypeId_r) \
    X(GEOSGeom_createCollection_r) X(GEOSGeom_createEmptyLineString_r) X(GEOSGeom_createEmptyPolygon_r) \
    X(GEOSGeom_createLineString_r) X(GEOSGeom_createLinearRing_r) X(GEOSGeom_createPointFromXY_r) \
    X(GEOSGeom_createPolygon_r) X(GEOSGeom_destroy_r) X(GEOSGeom_getCoordSeq_r) \
    X(GEOSGetCentroid_r) X(GEOSGetExteriorRing_r) X(GEOSGetGeometryN_r) \
    X(GEOSGetInteriorRingN_r) X(GEOSGetNumGeometries_r) X(GEOSGetNumInteriorRings_r) \
    X(GEOSIntersection_r) X(GEOSIntersects_r) X(GEOSLength_r) \
    X(GEOSMakeValid_r) X(GEOSNearestPoints_r) X(GEOSPrepare_r) \
    X(GEOSPreparedContains_r) X(GEOSPreparedGeom_destroy_r) X(GEOSPreparedIntersects_r) \
    X(GEOSPreparedWithin_r) X(GEOSSTRtree_create_r) X(GEOSSTRtree_destroy_r) \
    X(GEOSSTRtree_insert_r) X(GEOSSTRtree_nearest_r) X(GEOSSTRtree_query_r) \
    X(GEOSTopologyPreserveSimplify_r) X(GEOSUnaryUnion_r) X(GEOSWKBReader_create_r) \
    X(GEOSWKBReader_destroy_r) X(GEOSWKBReader_read_r) X(GEOSWKBWriter_create_r) \
    X(GEOSWKBWriter_destroy_r) X(GEOSWKBWriter_setByteOrder_r) X(GEOSWKBWriter_write_r) \
    X(GEOSWKTReader_create_r) X(GEOSWKTReader_destroy_r) X(GEOSWKTReader_read_r) \
    X(GEOSWKTWriter_create_r) X(GEOSWKTWriter_destroy_r) X(GEOSWKTWriter_setRoundingPrecision_r) \
    X(GEOSWKTWriter_setTrim_r) X(GEOSWKTWriter_write_r) X(GEOSWithin_r) \
    X(GEOS_finish_r) X(GEOS_init_r) X(GEOSisEmpty_r) \
    X(GEOSisSimple_r) X(GEOSisValidReason_r) X(GEOSisValid_r) \
    X(GEOSversion)

/// The loaded entry points, one field per function, named as in GEOS.
typedef struct MekongGEOS {
#define MEKONG_GEOS_FIELD(name) __typeof__(&name) name;
    MEKONG_GEOS_FUNCTIONS(MEKONG_GEOS_FIELD)
#undef MEKONG_GEOS_FIELD
} MekongGEOS;

/// Loads libgeos_c once (thread-safe) and returns its table, or NULL with the reason in
/// `message` (a missing library or a missing symbol).
const MekongGEOS *mekong_geos_load(char *message, size_t messageSize);

#endif
