#!/usr/bin/env bash
# Regenerates the matrix fuzzer's seed corpus, Tests/Corpus/matrix/: every matrices/*.toml, the TOML matrices
# written in the tests (multi-line literals and the one-line cases of the parser and decoder tests), and the
# small edge cases below (tables, arrays, inline tables, escapes, multi-line strings, comments, CRLF, a BOM,
# bad input). Seeds named regression-* are inputs that once crashed the reader: they are kept, not rewritten.
# The committed corpus is what the fuzzer and the tests use; run this only to refresh it.
set -euo pipefail
cd "$(dirname "$0")/.."
out=Tests/Corpus/matrix
mkdir -p "$out"
find "$out" -type f ! -name 'regression-*' -delete

for f in matrices/*.toml; do cp "$f" "$out/matrices-$(basename "$f")"; done

# Swift string literals that look like a TOML matrix, unescaped; `\(expr)` becomes the text of expr.
python3 - "$out" Tests/ModelTests/*.swift Tests/CommandsTests/*.swift Tests/RunnerEndToEndTests/*.swift <<'EOF'
import os, re, sys
out, files = sys.argv[1], sys.argv[2:]
toml_line = re.compile(r'^\s*(\[[\w."\- ]+\]|[\w."\-]+(\s*\.\s*[\w"\-]+)*\s*=)')

def unescape(s):
    s = re.sub(r'\\\(([^()]*(\([^()]*\))?[^()]*)\)', lambda m: m.group(1).strip('"'), s)
    return re.sub(r'\\(.)', lambda m: {'n': '\n', 't': '\t', 'r': '\r', '0': '\0'}.get(m.group(1), m.group(1)), s)

def looks_like_toml(text):
    lines = [l for l in text.splitlines() if l.strip() and not l.strip().startswith('#')]
    return lines and '#include' not in text and sum(bool(toml_line.match(l)) for l in lines) * 2 >= len(lines)

seen = set()
for path in files:
    src = open(path).read()
    name = os.path.splitext(os.path.basename(path))[0]
    found = []
    for m in re.finditer(r'"""\n(.*?)\n([ \t]*)"""', src, re.S):
        indent = m.group(2)
        body = '\n'.join(l[len(indent):] if l.startswith(indent) else l.lstrip() for l in m.group(1).split('\n'))
        found.append(unescape(body) + '\n')
    if name in ('TOMLParserTests', 'MatrixDecoderTests'):
        for m in re.finditer(r'(?<!")"((?:[^"\\\n]|\\.)*\\n(?:[^"\\\n]|\\.)*)"(?!")', src):
            found.append(unescape(m.group(1)))
    n = 0
    for text in found:
        if not looks_like_toml(text) or text in seen:
            continue
        seen.add(text)
        n += 1
        open(f'{out}/tests-{name}-{n}.toml', 'w').write(text)
EOF

seed() { printf '%b' "$2" >"$out/$1"; }
seed edge-tables.toml '[compilers.gcc]\ncc = "gcc"\n[compilers.gcc.targets.x86_64]\ncflags = ["-m64"]\n[ targets . "x86_64" ]\n[targets.i686]\nclass = 32\n[limits]\ncpu_seconds = 10\nmemory_mib = 512\nprocesses = 64\noutput_kib = 1024\n'
seed edge-dotted-keys.toml 'compilers.gcc.cc = "gcc"\ncompilers.gcc.cxx = "g++"\n"targets"."x86_64".cflags = []\ntargets.riscv64 = { machine = "riscv", class = 64, loader = "/lib/ld-linux-riscv64-lp64d.so.1", runner = ["qemu-riscv64"] }\n'
seed edge-arrays.toml 'opt = [\n  "-O0", # first\n  "-O2",\n\n  "-Os",   # trailing comma next\n]\nlink = []\nnested = [[1, 2], ["a", [true, false]], [], [[[]]]]\n[compilers.gcc]\ncc = "gcc"\n[targets.x86_64]\n'
seed edge-inline-tables.toml 'exclude = [{ compiler = "clang", target = "i686", link = "static" }, { fixture = "tls*" }, {}]\nlimits = { cpu_seconds = 5, memory_mib = 64 }\n[compilers]\ngcc = { cc = "gcc", cxx = "g++", targets = { aarch64 = { cc = "aarch64-linux-gnu-gcc" } } }\n[targets]\nx86_64 = {}\naarch64 = { runner = ["qemu-aarch64", "-L", "/usr/aarch64-linux-gnu"] }\n'
seed edge-escapes.toml 'name = "tab\\there \\"quoted\\" back\\\\slash \\u00e9 \\U0001F600 \\e \\b \\f \\r \\n"\nfixtures = '"'"'C:\\literal\\path'"'"'\n"quoted key" = 1\n'"'"'literal key'"'"' = 2\nbad = "\\x41"\n'
seed edge-multiline-strings.toml 'name = """\nfirst line\nsecond \\\n    joined "quotes" ""two""\n"""\nfixtures = '"'"''"'"''"'"'\nraw \\n stays\n'"'"''"'"''"'"'\nend = """a"""""\n'
seed edge-comments.toml '# only a comment\n\n   # indented comment\nname = "c" # after a value\n[compilers.gcc] # after a header\ncc = "gcc"#tight\n[targets.x86_64]\n# last line without a newline'
seed edge-crlf.toml 'name = "crlf"\r\nopt = ["-O1",\r\n "-O3"]\r\n[compilers.gcc]\r\ncc = "gcc"\r\n[targets.x86_64]\r\n'
seed edge-bom.toml '\xef\xbb\xbfname = "bom"\n[compilers.gcc]\ncc = "gcc"\n[targets.x86_64]\n'
seed edge-integers.toml 'timeout = 1_000\n[limits]\ncpu_seconds = 0x10\nmemory_mib = 0o777\nprocesses = 0b1010\noutput_kib = +9223372036854775807\n[compilers.gcc]\ncc = "gcc"\ntimeout = -9223372036854775808\n[targets.x86_64]\n'
seed bad-integer-out-of-range.toml '[limits]\ncpu_seconds = 0x8000000000000000\nmemory_mib = 9223372036854775808\n'
seed bad-nested-too-deep.toml 'cflags = [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["-O2"]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]\n'
seed bad-not-utf8.toml 'name = "caf\xe9"\n'
seed bad-unterminated.toml 'name = "open\nopt = ['"'"'-O2'"'"'\n[compilers.gcc\n'
seed bad-values.toml 'a = 1.5\nb = 1979-05-27\nc = inf\nd = nan\ne = 0x\nf = 1__0\n[[tables]]\n'
seed bad-structure.toml 'a = 1\na = 2\n[a.b]\n[t]\n[t]\nx = { y = 1, y = 2 }\nz = [1 2]\n= 3\n'
seed bad-empty.toml ''

echo "make-fuzz-corpus-matrix: $(ls "$out" | wc -l) seeds, $(cat "$out"/* | wc -c) bytes"
