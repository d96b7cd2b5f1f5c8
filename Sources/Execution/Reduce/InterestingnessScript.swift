import Model

/// The bash scripts of a reduction (docs/random-programs.md, "Reducing"): `test.sh`, C-Vise's interestingness
/// test, and `repro.sh`, which shows the difference in one command. Both build a candidate with the two
/// cells' recorded commands in a temporary directory of their own, removed on exit, under `ulimit` limits.
package enum InterestingnessScript {
    /// Warnings that hint at undefined behaviour: a candidate that draws one is refused. C-Reduce's own
    /// wrong-code tests grep for the same (uninitialised use, a missing return value, oversized shifts,
    /// implicit int, pointer/integer mix-ups, out-of-bounds subscripts...). Matched as the exact `[-Wname]`
    /// gcc and clang print (`-Wimplicit-int` is not `-Wimplicit-int-conversion`), and as message words.
    /// `-Waddress` and `-Woverflow` are left out: every Csmith program draws them (`&g_1 == 0`, constants
    /// converted to narrower types), and both are defined behaviour.
    package static let ubWarningFlags = [
        "uninitialized", "maybe-uninitialized", "sometimes-uninitialized", "conditional-uninitialized",
        "return-type", "shift-count-overflow", "shift-count-negative", "shift-overflow", "shift-negative-value",
        "implicit-int", "implicit-function-declaration", "incompatible-pointer-types", "int-conversion",
        "array-bounds", "array-bounds-pointer-arithmetic", "main-return-type", "main", "pointer-compare",
        "div-by-zero", "division-by-zero", "unsequenced", "sequence-point", "varargs", "null-dereference",
        "null-pointer-arithmetic", "int-to-pointer-cast", "pointer-to-int-cast", "format", "format-extra-args",
        "format-insufficient-args", "return-stack-address", "return-local-addr", "dangling-pointer",
        "stringop-overflow", "aggressive-loop-optimizations", "strict-aliasing", "incompatible-function-pointer-types",
        "pointer-integer-compare", "array-parameter", "integer-overflow",
    ]
    package static let ubWarningWords = [
        "uninitiali[sz]ed", "no return statement", "control reaches end of non-void", "should return a value",
        "shift count", "type specifier missing", "defaults to .int.", "implicit declaration of function",
        "incompatible pointer", "makes pointer from integer", "makes integer from pointer", "past the end of the array",
        "comparison between pointer and integer", "ordered comparison between pointer", "division by zero",
        "too few arguments", "eliding middle term", "incompatible redeclaration", "address of stack memory",
        "undefined behavior", "undefined behaviour",
    ]
    /// One extended regular expression of both.
    package static var ubWarnings: String {
        "\\[-W(" + ubWarningFlags.joined(separator: "|") + ")(=[0-9]+)?\\]|" + ubWarningWords.joined(separator: "|")
    }

    /// The host sanitizer builds: each must run clean and print what the agreeing cell prints.
    package static let sanitizerBuilds = [
        "gcc -O0 -fsanitize=undefined,address -fno-sanitize-recover=all",
        "clang-19 -O0 -fsanitize=undefined,address -fno-sanitize-recover=all",
    ]
    /// The warning builds: `-isystem` keeps csmith.h's own warnings out.
    package static let warningBuilds = [
        "gcc -c -O1 -Wall -Wextra",
        "clang-19 -c -O1 -Weverything",
    ]

    /// C-Vise's test: exit 0 when `reduced.c` (in the current directory, or $1) is interesting.
    package static func test(_ plan: ReductionPlan) -> String {
        var s = header(plan, purpose: "C-Vise's interestingness test: exit 0 when the candidate still shows the wrong code, UB-free as far as we can check.")
        s += """
            refuse() { echo "test.sh: refused: $*" >&2; exit 1; }
            # (1) compiles and (2) runs with both cells' commands, within the limits
            build_and_run w wrong.out || refuse "the build or run of \(plan.wrong.cell) failed"
            build_and_run a agreeing.out || refuse "the build or run of \(plan.agreeing.cell) failed"
            # (3) prints different output on the two
            cmp -s wrong.out agreeing.out && refuse "both print the same"
            # (4) no warning that hints at undefined behaviour
            ub_warnings='\(ubWarnings)'
            for cc in \(warningBuilds.map { "'\($0)'" }.joined(separator: " ")); do
                $cc -isystem \(ProgramGenerator.includeDir) "$src" -o /dev/null > warnings.txt 2>&1 || refuse "$cc does not compile it"
                if grep -Eq -- "$ub_warnings" warnings.txt; then refuse "$cc: $(grep -E -m1 -- "$ub_warnings" warnings.txt)"; fi
            done
            # ... and clean under the sanitizers of the host gcc and clang, printing what the agreeing cell prints
            export ASAN_OPTIONS=detect_leaks=0:abort_on_error=0 UBSAN_OPTIONS=halt_on_error=1
            for cc in \(sanitizerBuilds.map { "'\($0)'" }.joined(separator: " ")); do
                $cc -w -I\(ProgramGenerator.includeDir) "$src" -o san.prog > /dev/null 2>&1 || refuse "$cc does not build it"
                ( ulimit -t \(plan.runTimeout * 3); timeout -s KILL \(plan.runTimeout * 3) ./san.prog > san.out 2> san.err ) \
                    || refuse "$cc: the sanitized program failed: $(head -c 300 san.err)"
                [ -s san.err ] && refuse "$cc: the sanitized program reported: $(head -c 300 san.err)"
                cmp -s san.out agreeing.out || refuse "$cc: the sanitized program prints another output than \(plan.agreeing.cell)"
            done
            exit 0

            """
        return s
    }

    /// `repro.sh [FILE]`: builds FILE (default: reduced.c beside it) both ways, prints both outputs and keeps them
    /// beside the script (wrong.out, agreeing.out);
    /// exit 0 when they differ (the bug shows), 1 when they agree, 2 when a build or run fails.
    package static func repro(_ plan: ReductionPlan) -> String {
        var s = header(plan, purpose: "Shows the wrong code in one command: builds the program with both cells' commands and prints both outputs.",
                       scratchIn: "${TMPDIR:-/tmp}")
        s = s.replacingOccurrences(of: "src=\"$PWD/${1:-reduced.c}\"", with: "src=\"$(cd \"$(dirname \"${1:-$here/reduced.c}\")\" && pwd)/$(basename \"${1:-reduced.c}\")\"")
        s += """
            build_and_run w wrong.out || { echo "repro: the build or run of \(plan.wrong.cell) failed" >&2; exit 2; }
            build_and_run a agreeing.out || { echo "repro: the build or run of \(plan.agreeing.cell) failed" >&2; exit 2; }
            cp wrong.out "$here/wrong.out"; cp agreeing.out "$here/agreeing.out"
            echo "wrong-code \(plan.wrong.cell): $(cat wrong.out)"
            echo "agreeing   \(plan.agreeing.cell): $(cat agreeing.out)"
            if cmp -s wrong.out agreeing.out; then echo "repro: the outputs agree: not reproduced"; exit 1; fi
            echo "repro: the outputs differ: reproduced"
            exit 0

            """
        return s
    }

    /// The two cells' commands, as shell lines (commands.txt).
    package static func commands(_ plan: ReductionPlan) -> String {
        func lines(_ side: ReductionPlan.Side, _ title: String) -> String {
            "# \(title): \(side.cell)\n" + [side.compile, side.link, side.run].map { argv($0, source: "reduced.c") }.joined(separator: "\n") + "\n"
        }
        return lines(plan.wrong, "wrong-code cell") + "\n" + lines(plan.agreeing, "agreeing cell")
    }

    /// `scratchIn`: where the scratch directory goes; the test's is in C-Vise's own temporary directory,
    /// which C-Vise removes even when it kills a test that ran past its timeout.
    private static func header(_ plan: ReductionPlan, purpose: String, scratchIn: String = "$PWD") -> String {
        let env = (plan.wrong.env.merging(plan.agreeing.env) { a, _ in a }).keys.sorted().map { k in
            "export \(k)=\(ShellWords.quote(plan.wrong.env[k] ?? plan.agreeing.env[k] ?? ""))"
        }
        return """
            #!/bin/bash
            # toolgate reduce: \(purpose)
            # wrong-code cell: \(plan.wrong.cell)
            # agreeing cell:   \(plan.agreeing.cell)
            set -u
            here="$(cd "$(dirname "$0")" && pwd)"
            src="$PWD/${1:-reduced.c}"
            [ -f "$src" ] || { echo "no such file: $src" >&2; exit 2; }
            \(env.joined(separator: "\n"))
            # Every candidate in its own scratch directory, removed whatever happens.
            scratch="$(mktemp -d "\(scratchIn)/toolgate-reduce.XXXXXXXX")" || exit 2
            trap 'cd /; rm -rf "$scratch"' EXIT
            cd "$scratch" || exit 2

            # build_and_run w|a OUTPUT: that cell's compile and link, then its run (CPU seconds and memory capped).
            build_and_run() {
                local side=$1 output=$2
                if [ "$side" = w ]; then
                    ( ulimit -t 120 -v 8388608; \(argv(plan.wrong.compile)) && \(argv(plan.wrong.link)) ) > "$side.build" 2>&1 || return 1
                    ( ulimit -t \(plan.runTimeout) -v 4194304; timeout -s KILL \(plan.runTimeout) \(argv(plan.wrong.run)) ) > "$output" 2> "$side.err" || return 1
                else
                    ( ulimit -t 120 -v 8388608; \(argv(plan.agreeing.compile)) && \(argv(plan.agreeing.link)) ) > "$side.build" 2>&1 || return 1
                    ( ulimit -t \(plan.runTimeout) -v 4194304; timeout -s KILL \(plan.runTimeout) \(argv(plan.agreeing.run)) ) > "$output" 2> "$side.err" || return 1
                fi
            }


            """
    }

    /// An argv as shell words, the candidate as `"$src"` (or `source` when given).
    static func argv(_ words: [String], source: String? = nil) -> String {
        words.map { $0 == ReductionPlan.sourceMark ? (source ?? "\"$src\"") : ShellWords.quote($0) }.joined(separator: " ")
    }
}
