#ifndef TOOLGATE_CLIBELF_SHIM_H
#define TOOLGATE_CLIBELF_SHIM_H
#include <libelf.h>
#include <gelf.h>
#include <elf.h>

// Newer than glibc 2.36's <elf.h> on Debian 12.
#ifndef ELFCOMPRESS_ZSTD
#define ELFCOMPRESS_ZSTD 2
#endif

// Elf_Type enumerators that Swift's importer leaves out (it keeps ELF_T_BYTE but not these).
static inline Elf_Type toolgate_elf_t_dyn(void) { return ELF_T_DYN; }
static inline Elf_Type toolgate_elf_t_sym(void) { return ELF_T_SYM; }
static inline Elf_Type toolgate_elf_t_nhdr(void) { return ELF_T_NHDR; }
static inline Elf_Type toolgate_elf_t_nhdr8(void) { return ELF_T_NHDR8; }

// Macros of a type Swift imports badly (or not at all).
static inline int toolgate_elfcompress_zlib(void) { return ELFCOMPRESS_ZLIB; }
static inline int toolgate_elfcompress_zstd(void) { return ELFCOMPRESS_ZSTD; }

_Static_assert(sizeof(Elf64_Chdr) == 24, "Elf64_Chdr layout");
_Static_assert(sizeof(Elf32_Chdr) == 12, "Elf32_Chdr layout");
#endif
