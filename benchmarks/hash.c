/* benchmarks/hash.sh's measuring program: hashes each file given with OpenSSL's SHA-256 (EVP) and with
 * xxHash's XXH3-128, reading it the way the cache does (256 KiB read()s), ROUNDS times each, and prints
 * the best time and throughput of each. The files are read once first, so both hash from the page cache. */
#include <fcntl.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <xxhash.h>

enum { CHUNK = 256 * 1024 };
static unsigned char buf[CHUNK];

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int hash_sha256(const char *path, unsigned char out[32]) {
    int fd = open(path, O_RDONLY);
    if (fd < 0) return -1;
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    EVP_DigestInit_ex(ctx, EVP_sha256(), NULL);
    ssize_t n;
    while ((n = read(fd, buf, CHUNK)) > 0) EVP_DigestUpdate(ctx, buf, (size_t)n);
    unsigned len = 32;
    EVP_DigestFinal_ex(ctx, out, &len);
    EVP_MD_CTX_free(ctx);
    close(fd);
    return 0;
}

static int hash_xxh3(const char *path, XXH128_hash_t *out) {
    int fd = open(path, O_RDONLY);
    if (fd < 0) return -1;
    XXH3_state_t *st = XXH3_createState();
    XXH3_128bits_reset(st);
    ssize_t n;
    while ((n = read(fd, buf, CHUNK)) > 0) XXH3_128bits_update(st, buf, (size_t)n);
    *out = XXH3_128bits_digest(st);
    XXH3_freeState(st);
    close(fd);
    return 0;
}

/* Only reading, for the floor both stand on. */
static int read_only(const char *path) {
    int fd = open(path, O_RDONLY);
    if (fd < 0) return -1;
    while (read(fd, buf, CHUNK) > 0) {}
    close(fd);
    return 0;
}

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: hash ROUNDS FILE...\n");
        return 2;
    }
    int rounds = atoi(argv[1]);
    printf("%-48s %10s %14s %14s %14s\n", "file", "bytes", "read-only ms", "sha256 ms", "xxh3-128 ms");
    double total_bytes = 0, t_read = 0, t_sha = 0, t_xxh = 0;
    for (int i = 2; i < argc; i++) {
        struct stat st;
        if (stat(argv[i], &st) != 0 || read_only(argv[i]) != 0) {
            fprintf(stderr, "hash: cannot read %s\n", argv[i]);
            return 1;
        }
        double best[3] = {1e9, 1e9, 1e9};
        for (int r = 0; r < rounds; r++) {
            unsigned char d[32];
            XXH128_hash_t x;
            double t0 = now();
            read_only(argv[i]);
            double t1 = now();
            hash_sha256(argv[i], d);
            double t2 = now();
            hash_xxh3(argv[i], &x);
            double t3 = now();
            if (t1 - t0 < best[0]) best[0] = t1 - t0;
            if (t2 - t1 < best[1]) best[1] = t2 - t1;
            if (t3 - t2 < best[2]) best[2] = t3 - t2;
        }
        printf("%-48s %10lld %14.3f %14.3f %14.3f\n", argv[i], (long long)st.st_size, best[0] * 1e3, best[1] * 1e3, best[2] * 1e3);
        total_bytes += st.st_size;
        t_read += best[0];
        t_sha += best[1];
        t_xxh += best[2];
    }
    printf("%-48s %10.0f %14.3f %14.3f %14.3f\n", "total", total_bytes, t_read * 1e3, t_sha * 1e3, t_xxh * 1e3);
    printf("RESULT bytes=%.0f read_gbps=%.2f sha256_gbps=%.2f xxh3_gbps=%.2f\n", total_bytes, total_bytes / t_read / 1e9,
           total_bytes / t_sha / 1e9, total_bytes / t_xxh / 1e9);
    return 0;
}
