// The system's zlib, for raw DEFLATE (RFC 1951) in ZIP entries.
#include <zlib.h>

// deflateInit2 and inflateInit2 are macros (they pass ZLIB_VERSION and sizeof(z_stream) so
// that the library can refuse a mismatched header), which Swift cannot import: these
// wrappers make them callable. Negative window bits select raw deflate: no zlib header or
// Adler-32 trailer, as ZIP's compression method 8 requires.

/// deflateInit2 for raw deflate with a 32 KiB window, the default memory level (8) and
/// strategy. Returns Z_OK, Z_MEM_ERROR, Z_STREAM_ERROR (bad level) or Z_VERSION_ERROR.
static inline int czlib_deflate_init_raw(z_streamp stream, int level) {
    return deflateInit2(stream, level, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY);
}

/// inflateInit2 for raw deflate with a 32 KiB window.
static inline int czlib_inflate_init_raw(z_streamp stream) {
    return inflateInit2(stream, -15);
}
