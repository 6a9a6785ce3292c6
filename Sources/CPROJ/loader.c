#include "mekong_proj.h"
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>

static MekongPROJ table;
static char failure[512];
static int loaded;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void load(void) {
    // The development symlink first (it names the version the headers describe), then the
    // runtime sonames of the PROJ releases that have this API, for a machine with the library but
    // not the headers.
    void *handle = dlopen("libproj.so", RTLD_NOW | RTLD_LOCAL);
    // The first reason is the one to show: the later names are fallbacks.
    char reason[256] = "";
    if (handle == NULL) snprintf(reason, sizeof reason, "%s", dlerror());
    char soname[32];
    for (int version = 40; handle == NULL && version >= 22; version--) {
        snprintf(soname, sizeof soname, "libproj.so.%d", version);
        handle = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
    }
    if (handle == NULL) {
        snprintf(failure, sizeof failure, "PROJ is not installed (%s); install it as root: apt-get install libproj-dev", reason);
        return;
    }
#define MEKONG_PROJ_RESOLVE(name) \
    table.name = (__typeof__(&name))dlsym(handle, #name); \
    if (table.name == NULL) { snprintf(failure, sizeof failure, "the PROJ library found lacks %s: it is older than PROJ 8", #name); return; }
    MEKONG_PROJ_FUNCTIONS(MEKONG_PROJ_RESOLVE)
#undef MEKONG_PROJ_RESOLVE
    loaded = 1;
}

const MekongPROJ *mekong_proj_load(char *message, size_t messageSize) {
    pthread_once(&once, load);
    if (!loaded) {
        if (message != NULL && messageSize > 0) snprintf(message, messageSize, "%s", failure);
        return NULL;
    }
    return &table;
}
