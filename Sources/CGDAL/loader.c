#include "mekong_gdal.h"
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>

static MekongGDAL table;
static char failure[512];
static int loaded;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void load(void) {
    // The development symlink first (it names the version the headers describe), then the
    // runtime sonames of the GDAL 3 releases, for a machine with the library but not the headers.
    void *handle = dlopen("libgdal.so", RTLD_NOW | RTLD_LOCAL);
    char soname[32];
    for (int version = 40; handle == NULL && version >= 26; version--) {
        snprintf(soname, sizeof soname, "libgdal.so.%d", version);
        handle = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
    }
    if (handle == NULL) {
        snprintf(failure, sizeof failure, "GDAL is not installed (%s); install it as root: apt-get install libgdal-dev", dlerror());
        return;
    }
#define MEKONG_GDAL_RESOLVE(name) \
    table.name = (__typeof__(&name))dlsym(handle, #name); \
    if (table.name == NULL) { snprintf(failure, sizeof failure, "the GDAL library found lacks %s: it is older than GDAL 3.6", #name); return; }
    MEKONG_GDAL_FUNCTIONS(MEKONG_GDAL_RESOLVE)
#undef MEKONG_GDAL_RESOLVE
    table.GDALAllRegister();
    // GDAL prints warnings and errors on stderr by default; we read CPLGetLastErrorMsg instead
    // and turn them into thrown errors.
    table.CPLSetErrorHandler(table.CPLQuietErrorHandler);
    loaded = 1;
}

const MekongGDAL *mekong_gdal_load(char *message, size_t messageSize) {
    pthread_once(&once, load);
    if (!loaded) {
        if (message != NULL && messageSize > 0) snprintf(message, messageSize, "%s", failure);
        return NULL;
    }
    return &table;
}
