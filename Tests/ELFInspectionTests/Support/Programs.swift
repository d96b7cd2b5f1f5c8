/// The C and C++ sources the tests compile. Each one exists to make a compiler emit one fact.
enum Programs {
    /// A plain C program: printf and a local buffer (no canary unless asked for: it is only 8 bytes of ints).
    static let hello = """
        #include <stdio.h>
        int main(int argc, char **argv) {
            printf("hello from %s (%d)\\n", argv[0], argc);
            return 0;
        }
        """

    /// A char array on the stack and a copy into it from input whose length the compiler cannot see:
    /// -fstack-protector-strong guards it, -D_FORTIFY_SOURCE=2 -O2 turns strcpy into __strcpy_chk and
    /// printf into __printf_chk.
    static let bufferCopy = """
        #include <stdio.h>
        #include <string.h>
        int main(int argc, char **argv) {
            char buf[32];
            strcpy(buf, argc > 5 ? argv[1] : "short");
            printf("%s %d\\n", buf, argc);
            return (int)strlen(buf);
        }
        """

    /// errno.h: the header that breaks -m32 builds on Debian 12 without the multilib asm directory.
    static let usesErrno = """
        #include <errno.h>
        #include <stdio.h>
        int main(void) {
            FILE *f = fopen("/nonexistent/toolgate", "r");
            printf("%d\\n", f == NULL ? errno : 0);
            return 0;
        }
        """

    /// C++ that throws: the unwinder is needed, so g++ links libgcc_s.so.1 (or, with -static-libgcc,
    /// copies libgcc's unwinder in).
    static let throwing = """
        #include <cstdio>
        #include <stdexcept>
        #include <string>
        static int check(int n) {
            if (n > 3) throw std::runtime_error("too many: " + std::to_string(n));
            return n;
        }
        int main(int argc, char **) {
            try { return check(argc); }
            catch (const std::exception &e) { std::puts(e.what()); return 1; }
        }
        """

    /// 64-bit division on i686 needs libgcc's __divdi3/__udivdi3 helpers, copied into the file.
    static let longDivision = """
        #include <stdio.h>
        int main(int argc, char **argv) {
            long long a = (long long)argc * 1000000000000LL, b = argc + (argv[0][0] & 3) + 1;
            printf("%lld %lld\\n", a / b, a % b);
            return 0;
        }
        """

    /// A small shared library with an exported function.
    static let library = """
        int toolgate_answer(int x) { return x * 6 + 12; }
        const char *toolgate_name(void) { return "toolgate"; }
        """

    /// A function that reads a global through absolute addresses: compiled -m32 -fno-pic into a shared
    /// library it needs text relocations.
    static let textrelLibrary = """
        int toolgate_counter = 3;
        int toolgate_bump(int by) { toolgate_counter += by; return toolgate_counter; }
        """

    /// An executable needing version GLIBC_2.34 (__libc_start_main@GLIBC_2.34 on Debian 12) and more:
    /// pthread and dl symbols were folded into libc.so.6 then.
    static let versioned = """
        #include <stdio.h>
        #include <stdlib.h>
        #include <string.h>
        #include <pthread.h>
        static void *work(void *p) { return p; }
        int main(int argc, char **argv) {
            pthread_t t;
            pthread_create(&t, NULL, work, argv);
            pthread_join(t, NULL);
            char *copy = strdup(argv[0]);
            printf("%s %zu %d\\n", copy, strlen(copy), argc);
            free(copy);
            return 0;
        }
        """

    /// A program of some size, so its debug sections are big enough that compression pays: a section
    /// too small to shrink stays uncompressed. Generated: many functions, structs and strings.
    static let sizable: String = {
        var s = "#include <stdio.h>\n#include <string.h>\n"
        for i in 0..<120 {
            s += """
                struct record\(i) { int id; double weight; const char *label; long values[\(i % 7 + 1)]; };
                static struct record\(i) table\(i)[2] = { { \(i), \(i).5, "item-\(i)", { \(i) } } };
                int function\(i)(int x, const char *name) {
                    struct record\(i) *r = &table\(i)[x & 1];
                    int acc = r->id + (int)strlen(name) + (int)r->weight;
                    for (int k = 0; k < x; k++) acc += (int)r->values[k % \(i % 7 + 1)] ^ k;
                    return acc;
                }

                """
        }
        s += "int main(int argc, char **argv) {\n    int total = 0;\n"
        for i in 0..<120 { s += "    total += function\(i)(argc, argv[0]);\n" }
        s += "    printf(\"%d\\n\", total);\n    return 0;\n}\n"
        return s
    }()

    /// The same in C++, for clang++-19 -gz=zstd: producers from a C++ compile unit.
    static let sizableCxx: String = {
        var s = "#include <cstdio>\n#include <string>\n#include <vector>\n"
        for i in 0..<60 {
            s += """
                struct Widget\(i) {
                    std::string name = "widget-\(i)";
                    std::vector<int> parts{ \(i), \(i + 1), \(i + 2) };
                    int sum() const { int t = 0; for (int p : parts) t += p; return t + (int)name.size(); }
                };
                int use\(i)(int x) { Widget\(i) w; w.parts.push_back(x); return w.sum(); }

                """
        }
        s += "int main(int argc, char **) {\n    int total = 0;\n"
        for i in 0..<60 { s += "    total += use\(i)(argc);\n" }
        s += "    std::printf(\"%d\\n\", total);\n    return 0;\n}\n"
        return s
    }()
}
