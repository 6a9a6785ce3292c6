// Cairo's drawing API and the three surfaces `mekong map` writes (image for PNG, SVG, PDF),
// loaded on first use with dlopen rather than linked.
//
// Why: linked, libcairo and what it needs (pixman, fontconfig, freetype, libpng, X11's
// libraries) cost about 4 ms at the start of every command, and only `map` and `report` draw.
//
// The headers come from Debian's libcairo2-dev; the table's types are the functions' own
// (`__typeof__`), so a signature change in Cairo is a compile error, not a silent mismatch.
#ifndef MEKONG_CAIRO_H
#define MEKONG_CAIRO_H

#include <cairo/cairo.h>
#include <cairo/cairo-svg.h>
#include <cairo/cairo-pdf.h>
#include <stddef.h>

#define MEKONG_CAIRO_FUNCTIONS(X) \
    X(cairo_arc) X(cairo_clip) X(cairo_close_path) X(cairo_create) \
    X(cairo_destroy) X(cairo_fill) X(cairo_fill_preserve) X(cairo_font_extents) \
    X(cairo_image_surface_create) X(cairo_image_surface_create_from_png_stream) X(cairo_image_surface_get_data) X(cairo_image_surface_get_format) \
    X(cairo_image_surface_get_height) X(cairo_image_surface_get_stride) X(cairo_image_surface_get_width) X(cairo_line_to) \
    X(cairo_move_to) X(cairo_new_path) X(cairo_new_sub_path) X(cairo_paint) \
    X(cairo_pdf_surface_create_for_stream) X(cairo_rectangle) X(cairo_restore) X(cairo_save) \
    X(cairo_select_font_face) X(cairo_set_dash) X(cairo_set_fill_rule) X(cairo_set_font_size) \
    X(cairo_set_line_cap) X(cairo_set_line_join) X(cairo_set_line_width) X(cairo_set_source_rgba) \
    X(cairo_show_text) X(cairo_status) X(cairo_status_to_string) X(cairo_stroke) \
    X(cairo_stroke_preserve) X(cairo_surface_destroy) X(cairo_surface_finish) X(cairo_surface_flush) \
    X(cairo_surface_status) X(cairo_surface_write_to_png_stream) X(cairo_svg_surface_create_for_stream) X(cairo_svg_surface_set_document_unit) \
    X(cairo_text_extents) X(cairo_text_path)

/// The loaded entry points, one field per function, named as in Cairo.
typedef struct MekongCairo {
#define MEKONG_CAIRO_FIELD(name) __typeof__(&name) name;
    MEKONG_CAIRO_FUNCTIONS(MEKONG_CAIRO_FIELD)
#undef MEKONG_CAIRO_FIELD
} MekongCairo;

/// Loads libcairo once (thread-safe) and returns its table, or NULL with the reason in `message`
/// (a missing library or a missing symbol).
const MekongCairo *mekong_cairo_load(char *message, size_t messageSize);

#endif
