// Only the re-entrant (_r) GEOS API: every call names the context it runs in, so two tasks
// never share hidden global state.
#define GEOS_USE_ONLY_R_API
#include <geos_c.h>
