// PROJ's C API (transformations and Karney's geodesics), loaded on first use with dlopen rather
// than linked.
//
// Why: Debian's libproj pulls in libcurl, GnuTLS, libtiff and SQLite, all bound by the dynamic
// loader at every start of `mekong`: measured on this machine a do-nothing program linked with
// libproj starts in 12.7 ms against 1.0 ms. Most commands never project a point (the embedded
// links' geodesic lengths are computed at build time, see Sources/embed-geodata), so only the
// commands that do pay for PROJ.
//
// The headers come from Debian's libproj-dev; the table's types are the functions' own
// (`__typeof__`), so a signature change in PROJ is a compile error, not a silent mismatch.
#ifndef MEKONG_PROJ_H
#define MEKONG_PROJ_H

#include <proj.h>
#include <geodesic.h>
#include <stddef.h>

#define MEKONG_PROJ_FUNCTIONS(X) \
    X(proj_context_create) X(proj_context_destroy) X(proj_context_errno) X(proj_context_errno_string) \
    X(proj_log_level) X(proj_log_func) X(proj_info) \
    X(proj_create_crs_to_crs) X(proj_normalize_for_visualization) X(proj_destroy) \
    X(proj_trans_generic) X(proj_errno) X(proj_errno_reset) \
    X(geod_init) X(geod_inverse) X(geod_direct) X(geod_polygonarea)

/// The loaded entry points, one field per function, named as in PROJ.
typedef struct MekongPROJ {
#define MEKONG_PROJ_FIELD(name) __typeof__(&name) name;
    MEKONG_PROJ_FUNCTIONS(MEKONG_PROJ_FIELD)
#undef MEKONG_PROJ_FIELD
} MekongPROJ;

/// Loads libproj once (thread-safe) and returns its table, or NULL with the reason in `message`
/// (a missing library or a missing symbol).
const MekongPROJ *mekong_proj_load(char *message, size_t messageSize);

#endif
