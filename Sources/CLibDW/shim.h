#ifndef TOOLGATE_CLIBDW_SHIM_H
#define TOOLGATE_CLIBDW_SHIM_H
#include <elfutils/libdw.h>
#include <dwarf.h>

// DW_AT_* and DW_LANG_* are enum constants and import as they are: nothing needs a shim yet. The file stays
// so every C module has one place for its shims.
#endif
