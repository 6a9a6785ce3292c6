// Cairo's drawing API and the three surfaces `mekong map` writes: image (PNG), SVG and PDF.
// pkg-config's `cairo` puts /usr/include/cairo on the include path.
#include <cairo.h>
#include <cairo-svg.h>
#include <cairo-pdf.h>
