#ifndef TOOLGATE_CZSTD_SHIM_H
#define TOOLGATE_CZSTD_SHIM_H
#include <zstd.h>

// ZSTD_CONTENTSIZE_* are macros of an unsigned long long cast Swift does not import.
static inline unsigned long long toolgate_zstd_contentsize_unknown(void) { return ZSTD_CONTENTSIZE_UNKNOWN; }
static inline unsigned long long toolgate_zstd_contentsize_error(void) { return ZSTD_CONTENTSIZE_ERROR; }
#endif
