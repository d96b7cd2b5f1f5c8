#ifndef TOOLGATE_CLIBDW_SHIM_H
#define TOOLGATE_CLIBDW_SHIM_H
#include <elfutils/libdw.h>
#include <dwarf.h>

// DW_TAG_* and DW_AT_* are enum constants and import as is; DWARF_CB_OK/ABORT are too. Nothing to shim yet
// beyond the header pair, but keep the file so every C module has one place for the shims.
static inline int toolgate_dwarf_cb_ok(void) { return DWARF_CB_OK; }
#endif
