#include "mekong_cairo.h"
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>

static MekongCairo table;
static char failure[512];
static int loaded;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void load(void) {
    // The development symlink first (it names the version the headers describe), then the
    // runtime soname, which Cairo has kept since 1.0, for a machine without the headers.
    void *handle = dlopen("libcairo.so", RTLD_NOW | RTLD_LOCAL);
    // The first reason is the one to show: the later names are fallbacks.
    char reason[256] = "";
    if (handle == NULL) snprintf(reason, sizeof reason, "%s", dlerror());
    if (handle == NULL) handle = dlopen("libcairo.so.2", RTLD_NOW | RTLD_LOCAL);
    if (handle == NULL) {
        snprintf(failure, sizeof failure, "Cairo is not installed (%s); install it as root: apt-get install libcairo2-dev", reason);
        return;
    }
#define MEKONG_CAIRO_RESOLVE(name) \
    table.name = (__typeof__(&name))dlsym(handle, #name); \
    if (table.name == NULL) { snprintf(failure, sizeof failure, "the Cairo library found lacks %s: it is older than Cairo 1.16", #name); return; }
    MEKONG_CAIRO_FUNCTIONS(MEKONG_CAIRO_RESOLVE)
#undef MEKONG_CAIRO_RESOLVE
    loaded = 1;
}

const MekongCairo *mekong_cairo_load(char *message, size_t messageSize) {
    pthread_once(&once, load);
    if (!loaded) {
        if (message != NULL && messageSize > 0) snprintf(message, messageSize, "%s", failure);
        return NULL;
    }
    return &table;
}
