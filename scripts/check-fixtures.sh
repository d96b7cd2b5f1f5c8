#!/usr/bin/env bash
# A developer's cross-check of fixtures/ without the Swift runner: builds every fixture for
# {gcc, clang-19} x {x86_64, i686, aarch64} x {shared-libgcc, static-libgcc, static} at -O2, following the
# fixture annotations (a subset parser: the runner is the real implementation, docs/fixtures.md the
# format), runs it (aarch64 under qemu-user), checks exit status or signal, stdout, stderr and the ELF
# expectations, and prints a grid. Cells that matrices/default.toml excludes are shown as `x`.
#
#   scripts/check-fixtures.sh [-v] [-k] [-O LEVEL] [-l LINKS] [FIXTURE...]
#     FIXTURE     a name under fixtures/ (default: all)
#     -v          print every failing cell's commands and output
#     -k          keep the work directory
#     -O LEVEL    optimisation level instead of O2 (e.g. O0, as matrices/abi.toml also runs)
#     -l LINKS    comma-separated link modes instead of all three (e.g. shared-libgcc)
#
# Exit 0 when every cell passed or is unsupported/excluded, 1 otherwise. Compiles serially on purpose.
set -uo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
fixtures_dir=$top/fixtures
matrix=$top/matrices/default.toml
verbose=0 keep=0
opt=O2
links=(shared-libgcc static-libgcc static)
while getopts vkO:l: flag; do
  case $flag in
    v) verbose=1 ;;
    k) keep=1 ;;
    O) opt=${OPTARG#-} ;;
    l) IFS=, read -ra links <<<"$OPTARG" ;;
    *) exit 2 ;;
  esac
done
shift $((OPTIND - 1))

work=$(mktemp -d "${TMPDIR:-/tmp}/check-fixtures.XXXXXX")
((keep)) || trap 'rm -rf "$work"' EXIT
((keep)) && echo "work directory: $work"

# i686 on Debian 12 without gcc-multilib: <errno.h> includes <asm/errno.h>, which only exists under the
# x86_64 multiarch include directory. Same workaround as the runner: a directory with an asm link,
# searched last.
mkdir -p "$work/i686-include"
ln -s /usr/include/x86_64-linux-gnu/asm "$work/i686-include/asm"

compilers=(gcc clang)
targets=(x86_64 i686 aarch64)
step_timeout=60

# Mirrors matrices/default.toml: the cell's C compiler, C++ compiler, flags and runner.
cell_tools() { # compiler target -> sets CC CXX TFLAGS RUNNER
  local compiler=$1 target=$2
  TFLAGS=() RUNNER=()
  case $compiler/$target in
    gcc/aarch64) CC=aarch64-linux-gnu-gcc CXX=aarch64-linux-gnu-g++ ;;
    gcc/*) CC=gcc CXX=g++ ;;
    clang/*) CC=clang-19 CXX=clang++-19 ;;
  esac
  [[ $compiler/$target == clang/aarch64 ]] && TFLAGS+=(--target=aarch64-linux-gnu)
  [[ $target == i686 ]] && TFLAGS+=(-m32 -idirafter "$work/i686-include")
  [[ $target == aarch64 ]] && RUNNER=(qemu-aarch64 -cpu cortex-a72 -L /usr/aarch64-linux-gnu)
}

link_flag() {
  case $1 in
    shared-libgcc) echo -shared-libgcc ;;
    static-libgcc) echo -static-libgcc ;;
    static) echo -static ;;
  esac
}

# Exclusions of the default matrix: inline tables `{ compiler = "..", target = "..", link = ".." }`.
excluded() { # compiler target link  (the fixture is $current_fixture)
  local line key val hit
  while IFS= read -r line; do
    hit=1
    for key in fixture compiler target link opt; do
      val=$(sed -nE "s/.*$key *= *\"([^\"]*)\".*/\1/p" <<<"$line")
      case $key in
        fixture) [[ -z $val || $val == "$current_fixture" ]] || hit=0 ;;
        compiler) [[ -z $val || $val == "$1" ]] || hit=0 ;;
        target) [[ -z $val || $val == "$2" ]] || hit=0 ;;
        link) [[ -z $val || $val == "$3" ]] || hit=0 ;;
        opt) [[ -z $val || $val == "-$opt" || $val == "$opt" ]] || hit=0 ;;
      esac
    done
    ((hit)) && return 0
  done < <(sed -n '/^exclude *=/,/^\]/p' "$matrix" | sed 's/#.*//' | grep -o '{[^}]*}')
  return 1
}

# ---- annotations -------------------------------------------------------------------------------
# ann KEY: every value of `// KEY: value` in the fixture's sources, one per line.
ann() {
  local key=$1
  sed -nE "s@^.*//[[:space:]]*${key}:[[:space:]]?(.*)\$@\1@p" "${sources[@]}" | sed -E 's/[[:space:]]+$//'
}

# expected_stdout TARGET: the per-target lines if any name TARGET, else the generic lines.
expected_stdout() {
  local target=$1 specific
  specific=$(sed -nE 's@^.*//[[:space:]]*EXPECT-STDOUT\[([^]]*)\]:[[:space:]]?(.*)$@\1\t\2@p' "${sources[@]}" |
    awk -F'\t' -v t="$target" '{ n = split($1, a, ","); for (i = 1; i <= n; i++) { gsub(/ /, "", a[i]); if (a[i] == t) { print $2; next } } }')
  if [[ -n $specific ]]; then
    printf '%s\n' "$specific" | sed -E 's/[[:space:]]+$//'
  else
    ann EXPECT-STDOUT
  fi
}

has_stdout_expectation() {
  grep -qE '//[[:space:]]*EXPECT-STDOUT(\[[^]]*\])?:' "${sources[@]}"
}

# unsupported_reason COMPILER TARGET LINK: prints why the cell is unsupported, or nothing.
unsupported_reason() {
  local compiler=$1 target=$2 link=$3 item key vals
  for item in $(ann REQUIRES | tr '|' ' '); do
    case $item in
      c++) ;;     # every compiler here has a C++ driver
      int128) [[ $target == i686 ]] && { echo "requires int128"; return; } ;;
      threads) ;;
      *=*)
        key=${item%%=*} vals=",${item#*=},"
        case $key in
          target) [[ $vals == *",$target,"* ]] || { echo "requires $item"; return; } ;;
          link) [[ $vals == *",$link,"* ]] || { echo "requires $item"; return; } ;;
          compiler) [[ $vals == *",$compiler,"* ]] || { echo "requires $item"; return; } ;;
        esac
        ;;
    esac
  done
  for item in $(ann UNSUPPORTED | tr '|' ' '); do
    key=${item%%=*} vals=",${item#*=},"
    case $key in
      target) [[ $vals == *",$target,"* ]] && { echo "unsupported $item"; return; } ;;
      link) [[ $vals == *",$link,"* ]] && { echo "unsupported $item"; return; } ;;
      compiler) [[ $vals == *",$compiler,"* ]] && { echo "unsupported $item"; return; } ;;
      opt) [[ $vals == *",$opt,"* || $vals == *",-$opt,"* ]] && { echo "unsupported $item"; return; } ;;
    esac
  done
}

# ---- running steps -----------------------------------------------------------------------------
log=/dev/null
step() { # records and runs one command with the step timeout
  printf '$ %s\n' "$*" >>"$log"
  timeout -s KILL "$step_timeout" "$@" >>"$log" 2>&1
}

signal_name() { kill -l "$1" 2>/dev/null | sed 's/^/SIG/'; }

# readelf facts of a binary (works for foreign machines)
elf_needed() { readelf -dW "$1" 2>/dev/null | sed -nE 's/.*\(NEEDED\).*\[(.*)\]/\1/p'; }
elf_interp() { readelf -lW "$1" 2>/dev/null | sed -nE 's/.*Requesting program interpreter: (.*)\]/\1/p'; }
elf_runpath() { readelf -dW "$1" 2>/dev/null | sed -nE 's/.*\((RUNPATH|RPATH)\).*\[(.*)\]/\1=\2/p'; }

# check_elf BINARY COMPILER TARGET LINK: ELF annotations plus the runner's built-in invariants.
check_elf() {
  local bin=$1 target=$3 link=$4 needed interp lib
  needed=$(elf_needed "$bin")
  interp=$(elf_interp "$bin")
  case $link in
    static)
      [[ -z $interp && -z $needed ]] || { echo "static binary has interpreter '$interp' or NEEDED $needed"; return 1; } ;;
    static-libgcc)
      grep -qx 'libgcc_s.so.1' <<<"$needed" && { echo "static-libgcc binary needs libgcc_s.so.1"; return 1; } ;;
    shared-libgcc)
      ((is_cxx)) && ! grep -qx 'libgcc_s.so.1' <<<"$needed" && { echo "shared-libgcc C++ binary does not need libgcc_s.so.1"; return 1; } ;;
  esac
  if [[ $link != static ]]; then
    local want
    case $target in
      x86_64) want=/lib64/ld-linux-x86-64.so.2 ;;
      i686) want=/lib/ld-linux.so.2 ;;
      aarch64) want=/lib/ld-linux-aarch64.so.1 ;;
    esac
    [[ $interp == "$want" ]] || { echo "interpreter '$interp', expected $want"; return 1; }
  fi
  while IFS= read -r lib; do
    [[ -n $lib ]] || continue
    grep -qx -- "$lib" <<<"$needed" || { echo "ELF-NEEDED $lib missing (NEEDED: $(echo $needed))"; return 1; }
  done < <(ann ELF-NEEDED; ann "ELF-NEEDED\\[[^]]*\\b$target\\b[^]]*\\]")
  while IFS= read -r lib; do
    [[ -n $lib ]] || continue
    grep -qx -- "$lib" <<<"$needed" && { echo "ELF-NOT-NEEDED $lib is needed"; return 1; }
  done < <(ann ELF-NOT-NEEDED)
  while IFS= read -r lib; do
    [[ -n $lib ]] || continue
    [[ $interp == "$lib" ]] || { echo "ELF-INTERP '$interp', expected $lib"; return 1; }
  done < <(ann ELF-INTERP)
  case $(ann ELF-STATIC | head -1) in
    yes) [[ -z $interp && -z $needed ]] || { echo "ELF-STATIC yes, but dynamic"; return 1; } ;;
    no) [[ -n $interp ]] || { echo "ELF-STATIC no, but static"; return 1; } ;;
  esac
  return 0
}

# ---- one fixture -------------------------------------------------------------------------------
declare -A result
failures=()

# A fixture's name is its file name without the extension, or its directory name.
fixture_path() {
  local ext
  [[ -d $fixtures_dir/$1 ]] && { echo "$fixtures_dir/$1"; return; }
  for ext in "" .c .cc .cpp; do
    [[ -f $fixtures_dir/$1$ext ]] && { echo "$fixtures_dir/$1$ext"; return; }
  done
  echo "check-fixtures: no fixture '$1' in $fixtures_dir" >&2
  exit 2
}

run_fixture() {
  local fixture=$1 path
  current_fixture=$fixture
  path=$(fixture_path "$1") || exit 2
  sources=()
  if [[ -d $path ]]; then
    while IFS= read -r f; do sources+=("$f"); done < <(find "$path" -maxdepth 1 -type f \( -name '*.c' -o -name '*.cc' -o -name '*.cpp' \) | sort)
  else
    sources=("$path")
  fi
  is_cxx=0
  local s
  for s in "${sources[@]}"; do [[ $s == *.cc || $s == *.cpp ]] && is_cxx=1; done

  local cflags=() cxxflags=() ldflags=() libs=() threads=0
  read -ra cflags <<<"$(ann CFLAGS | tr '\n' ' ')"
  read -ra cxxflags <<<"$(ann CXXFLAGS | tr '\n' ' ')"
  read -ra ldflags <<<"$(ann LDFLAGS | tr '\n' ' ')"
  read -ra libs <<<"$(ann LIBS | tr '\n' ' ')"
  # ${FIXTURE_DIR}: the directory of the fixture's sources (docs/fixtures.md).
  local fixture_dir=$path
  [[ -d $path ]] || fixture_dir=$(dirname "$path")
  cflags=("${cflags[@]//\$\{FIXTURE_DIR\}/$fixture_dir}")
  cxxflags=("${cxxflags[@]//\$\{FIXTURE_DIR\}/$fixture_dir}")
  ldflags=("${ldflags[@]//\$\{FIXTURE_DIR\}/$fixture_dir}")
  libs=("${libs[@]//\$\{FIXTURE_DIR\}/$fixture_dir}")
  ann REQUIRES | tr '|, ' '\n\n\n' | grep -qx threads && threads=1
  ((threads)) && cflags+=(-pthread)

  local compiler target link
  for compiler in "${compilers[@]}"; do
    for target in "${targets[@]}"; do
      cell_tools "$compiler" "$target"
      local cc=$CC cxx=$CXX tflags=("${TFLAGS[@]}") runner=("${RUNNER[@]}")
      local dir=$work/$fixture/$compiler/$target
      mkdir -p "$dir"
      log=$dir/compile.log
      : >"$log"
      # Compile once per compiler and target; objects are shared between link modes.
      local compiled=1 objs=() lib_objs=() dlopen_libs=() linked_libs=() o lib name mode
      local -A lib_of=()
      local any_supported=0
      for link in "${links[@]}"; do
        excluded "$compiler" "$target" "$link" && continue
        [[ -n $(unsupported_reason "$compiler" "$target" "$link") ]] && continue
        any_supported=1
      done
      if ((any_supported)); then
        for s in "${sources[@]}"; do
          local scc=$cc scxx=$cxx sflags=("${tflags[@]}") builder
          builder=$(sed -nE 's@^.*//[[:space:]]*BUILD-WITH:[[:space:]]*([a-z]+).*@\1@p' "$s" | head -1)
          if [[ -n $builder ]]; then
            cell_tools "$builder" "$target"
            scc=$CC scxx=$CXX sflags=("${TFLAGS[@]}")
          fi
          local driver=$scc lang_flags=()
          [[ $s == *.cc || $s == *.cpp ]] && driver=$scxx lang_flags=("${cxxflags[@]}")
          lib=$(sed -nE 's@^.*//[[:space:]]*SHARED-LIBRARY:[[:space:]]*(.*)$@\1@p' "$s" | head -1)
          o=$dir/$(basename "$s").o
          local pic=()
          [[ -n $lib ]] && pic=(-fPIC)
          step "$driver" "${sflags[@]}" -"$opt" "${cflags[@]}" "${lang_flags[@]}" "${pic[@]}" -c "$s" -o "$o" || compiled=0
          if [[ -n $lib ]]; then
            read -r name mode <<<"$lib"
            lib_of[$o]=$name
            if [[ $mode == dlopen ]]; then dlopen_libs+=("$o"); else linked_libs+=("$o"); fi
          else
            objs+=("$o")
          fi
        done
      fi
      local ld=$cc
      ((is_cxx)) && ld=$cxx
      for link in "${links[@]}"; do
        local id=$fixture/$compiler/$target/$link/$opt reason
        if excluded "$compiler" "$target" "$link"; then result[$id]=x; continue; fi
        reason=$(unsupported_reason "$compiler" "$target" "$link")
        if [[ -n $reason ]]; then result[$id]=u; continue; fi
        if ((!compiled)); then result[$id]=C; failures+=("$id: compile error (log: $log)"); continue; fi
        local ldir=$dir/$link lflag
        mkdir -p "$ldir"
        lflag=$(link_flag "$link")
        log=$ldir/cell.log
        cat "$dir/compile.log" >"$log"
        local ok=1 extra=()
        for o in "${linked_libs[@]}" "${dlopen_libs[@]}"; do
          step "$ld" "${tflags[@]}" "${cflags[@]}" "${ldflags[@]}" "$lflag" -shared \
            -Wl,-soname,"lib${lib_of[$o]}.so" -o "$ldir/lib${lib_of[$o]}.so" "$o" || ok=0
        done
        for o in "${linked_libs[@]}"; do extra+=(-L"$ldir" -l"${lib_of[$o]}"); done
        ((${#linked_libs[@]})) && extra+=(-Wl,--enable-new-dtags,-rpath,'$ORIGIN')
        ((ok)) && step "$ld" "${tflags[@]}" "${cflags[@]}" "${ldflags[@]}" "$lflag" "${objs[@]}" "${extra[@]}" "${libs[@]}" -o "$ldir/prog" || ok=0
        if ((!ok)); then result[$id]=L; failures+=("$id: link error (log: $log)"); continue; fi

        local elf_problem
        if ! elf_problem=$(check_elf "$ldir/prog" "$compiler" "$target" "$link"); then
          result[$id]=E; failures+=("$id: ELF: $elf_problem"); continue
        fi

        printf '$ (cd %s && %s ./prog)\n' "$ldir" "${runner[*]}" >>"$log"
        # The outer 2>/dev/null only silences bash's own "Aborted" notice; the program's stderr is a file.
        (cd "$ldir" && timeout -s KILL "$step_timeout" "${runner[@]}" ./prog >stdout 2>stderr </dev/null) 2>/dev/null
        local rc=$? status=P why=""
        local want_signal want_exit
        want_signal=$(ann EXPECT-SIGNAL | head -1)
        want_exit=$(ann EXPECT-EXIT | head -1)
        if ((rc > 128)); then
          local got
          got=$(signal_name $((rc - 128)))
          if [[ $rc == 137 && -z $want_signal ]]; then status=T why="timeout or SIGKILL"
          elif [[ $got != "$want_signal" ]]; then status=K why="died by $got"
          fi
        elif [[ -n $want_signal ]]; then
          status=F why="exit $rc, expected $want_signal"
        elif ((rc != ${want_exit:-0})); then
          status=F why="exit $rc, expected ${want_exit:-0}"
        fi
        if [[ $status == P ]] && has_stdout_expectation && ! diff <(expected_stdout "$target") "$ldir/stdout" >"$ldir/stdout.diff"; then
          status=F why="stdout differs: $(head -c 300 "$ldir/stdout.diff" | tr '\n' ' ')"
        fi
        if [[ $status == P ]]; then
          local needle
          while IFS= read -r needle; do
            [[ -n $needle ]] || continue
            grep -qF -- "$needle" "$ldir/stderr" || { status=F why="stderr lacks '$needle'"; break; }
          done < <(ann EXPECT-STDERR-CONTAINS)
        fi
        result[$id]=$status
        if [[ $status != P ]]; then
          failures+=("$id: $why")
          if ((verbose)); then
            { cat "$log"; echo "--- stdout"; cat "$ldir/stdout"; echo "--- stderr"; head -20 "$ldir/stderr"; } | sed 's/^/    /' >&2
          fi
        fi
      done
    done
  done
}

# ---- main --------------------------------------------------------------------------------------
if (($#)); then
  names=()
  for n in "$@"; do n=${n%/}; n=${n##*/}; fixture_path "$n" >/dev/null || exit 2; names+=("${n%.*}"); done
else
  names=()
  while IFS= read -r f; do f=$(basename "$f"); names+=("${f%.*}"); done < <(find "$fixtures_dir" -mindepth 1 -maxdepth 1 \( -type d -o -name '*.c' -o -name '*.cc' -o -name '*.cpp' \) | sort)
fi

start=$SECONDS
for n in "${names[@]}"; do
  printf '%s ... ' "$n" >&2
  run_fixture "$n"
  echo "done" >&2
done

# Grid: a row per fixture, a column per compiler/target/link.
printf '\n%-22s' "fixture"
for compiler in "${compilers[@]}"; do
  for target in "${targets[@]}"; do printf ' %-14s' "$compiler/$target"; done
done
link_header=""
for link in "${links[@]}"; do
  case $link in shared-libgcc) link_header+="sh " ;; static-libgcc) link_header+="sl " ;; static) link_header+="st " ;; esac
done
printf '\n%-22s' "($opt)"
for compiler in "${compilers[@]}"; do
  for target in "${targets[@]}"; do printf ' %-14s' "$link_header"; done
done
echo
declare -A totals=()
for n in "${names[@]}"; do
  printf '%-22s' "$n"
  for compiler in "${compilers[@]}"; do
    for target in "${targets[@]}"; do
      cellstr=""
      for link in "${links[@]}"; do
        r=${result[$n/$compiler/$target/$link/$opt]:-?}
        totals[$r]=$((${totals[$r]:-0} + 1))
        cellstr+="${r}  "
      done
      printf ' %-14s' "${cellstr% }"
    done
  done
  echo
done
echo
echo "P pass  u unsupported (fixture annotation)  x excluded (matrices/default.toml)"
echo "F fail  K crash  T timeout  C compile error  L link error  E ELF expectation broken"
summary=""
for k in P u x F K T C L E; do [[ -n ${totals[$k]:-} ]] && summary+="$k=${totals[$k]} "; done
echo "cells: $summary  ($((SECONDS - start))s)"
if ((${#failures[@]})); then
  echo
  printf '%s\n' "${failures[@]}"
  exit 1
fi
exit 0
