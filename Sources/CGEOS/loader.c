#include "mekong_geos.h"
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>

static MekongGEOS table;
static char failure[512];
static int loaded;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void load(void) {
    // The development symlink first (it names the version the headers describe), then the
    // runtime soname, which the C API has kept since GEOS 3.0, for a machine without the headers.
    void *handle = dlopen("libgeos_c.so", RTLD_NOW | RTLD_LOCAL);
    // The first reason is the one to show: the later names are fallbacks.
    char reason[256] = "";
    if (handle == NULL) snprintf(reason, sizeof reason, "%s", dlerror());
    if (handle == NULL) handle = dlopen("libgeos_c.so.1", RTLD_NOW | RTLD_LOCAL);
    if (handle == NULL) {
        snprintf(failure, sizeof failure, "GEOS is not installed (%s); install it as root: apt-get install libgeos-dev", reason);
        return;
    }
#define MEKONG_GEOS_RESOLVE(name) \
    table.name = (__typeof__(&name))dlsym(handle, #name); \
    if (table.name == NULL) { snprintf(failure, sizeof failure, "the GEOS library found lacks %s: it is older than GEOS 3.10", #name); return; }
    MEKONG_GEOS_FUNCTIONS(MEKONG_GEOS_RESOLVE)
#undef MEKONG_GEOS_RESOLVE
    loaded = 1;
}

const MekongGEOS *mekong_geos_load(char *message, size_t messageSize) {
    pthread_once(&once, load);
    if (!loaded) {
        if (message != NULL && messageSize > 0) snprintf(message, messageSize, "%s", failure);
        return NULL;
    }
    return &table;
}
