#ifndef TOOLGATE_CXXHASH_SHIM_H
#define TOOLGATE_CXXHASH_SHIM_H
// xxHash (libxxhash-dev): XXH3-128, the build cache's content hash (docs/runner.md says why).
#include <xxhash.h>
#endif
