/*
 * kernel/jupyter/kernelspec.c - `minipy install`: writes kernels/minipy/ with
 * kernel.json and the logos (32x32 and 64x64 PNG, SVG) where Jupyter finds them.
 *
 * The PNGs are drawn here (three rings: the GC's generations) and encoded with
 * a minimal PNG writer: stored (uncompressed) deflate blocks, CRC-32, Adler-32.
 */
#include "kernel.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* ==== PNG ==== */

static uint32_t crc_table[256];

static uint32_t crc32_update(uint32_t crc, const uint8_t *p, size_t n)
{
    if (!crc_table[1])
        for (uint32_t i = 0; i < 256; i++) {
            uint32_t c = i;
            for (int k = 0; k < 8; k++)
                c = (c & 1) ? 0xedb88320u ^ (c >> 1) : c >> 1;
            crc_table[i] = c;
        }
    crc = ~crc;
    for (size_t i = 0; i < n; i++)
        crc = crc_table[(crc ^ p[i]) & 0xff] ^ (crc >> 8);
    return ~crc;
}

static void put32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24);
    p[1] = (uint8_t)(v >> 16);
    p[2] = (uint8_t)(v >> 8);
    p[3] = (uint8_t)v;
}

static int write_chunk(FILE *f, const char *type, const uint8_t *data, size_t n)
{
    uint8_t head[8];
    put32(head, (uint32_t)n);
    memcpy(head + 4, type, 4);
    uint32_t crc = crc32_update(crc32_update(0, head + 4, 4), data, n);
    uint8_t tail[4];
    put32(tail, crc);
    return fwrite(head, 1, 8, f) == 8 && fwrite(data, 1, n, f) == n &&
                   fwrite(tail, 1, 4, f) == 4
               ? 0
               : -1;
}

/* rgba: size*size pixels. */
static int write_png(const char *path, const uint8_t *rgba, int size)
{
    size_t row = (size_t)size * 4 + 1, raw_len = row * (size_t)size;
    uint8_t *raw = malloc(raw_len);
    size_t nblocks = raw_len / 65535 + 1;
    uint8_t *z = malloc(raw_len + nblocks * 5 + 6);
    if (!raw || !z) {
        free(raw);
        free(z);
        return -1;
    }
    for (int y = 0; y < size; y++) {
        raw[(size_t)y * row] = 0; /* filter: none */
        memcpy(raw + (size_t)y * row + 1, rgba + (size_t)y * (size_t)size * 4, (size_t)size * 4);
    }
    size_t zn = 0;
    z[zn++] = 0x78;
    z[zn++] = 0x01;
    uint32_t a = 1, b = 0;
    for (size_t off = 0; off < raw_len;) {
        size_t n = raw_len - off > 65535 ? 65535 : raw_len - off;
        z[zn++] = off + n == raw_len;
        z[zn++] = (uint8_t)n;
        z[zn++] = (uint8_t)(n >> 8);
        z[zn++] = (uint8_t)~n;
        z[zn++] = (uint8_t)(~n >> 8);
        memcpy(z + zn, raw + off, n);
        for (size_t i = 0; i < n; i++) {
            a = (a + raw[off + i]) % 65521;
            b = (b + a) % 65521;
        }
        zn += n;
        off += n;
    }
    put32(z + zn, (b << 16) | a);
    zn += 4;
    uint8_t ihdr[13];
    put32(ihdr, (uint32_t)size);
    put32(ihdr + 4, (uint32_t)size);
    ihdr[8] = 8;  /* bit depth */
    ihdr[9] = 6;  /* RGBA */
    ihdr[10] = ihdr[11] = ihdr[12] = 0;
    FILE *f = fopen(path, "wb");
    int r = -1;
    if (f) {
        static const uint8_t sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
        r = fwrite(sig, 1, 8, f) == 8 && write_chunk(f, "IHDR", ihdr, 13) == 0 &&
                    write_chunk(f, "IDAT", z, zn) == 0 && write_chunk(f, "IEND", sig, 0) == 0
                ? 0
                : -1;
        if (fclose(f) != 0)
            r = -1;
    }
    free(raw);
    free(z);
    return r;
}

/* A dark disc with three rings, one per GC generation. */
static void draw_logo(uint8_t *rgba, int size)
{
    static const uint8_t ring[3][3] = {{0xf3, 0x9c, 0x12}, {0xe6, 0x7e, 0x22}, {0xc0, 0x39, 0x2b}};
    double c = (size - 1) / 2.0, r = size / 2.0;
    for (int y = 0; y < size; y++)
        for (int x = 0; x < size; x++) {
            uint8_t *p = rgba + ((size_t)y * (size_t)size + (size_t)x) * 4;
            double d = sqrt((x - c) * (x - c) + (y - c) * (y - c)) / r;
            uint8_t rgb[3] = {0x1f, 0x2a, 0x44};
            for (int i = 0; i < 3; i++) {
                double rr = 0.3 + 0.22 * i;
                if (fabs(d - rr) < 0.07)
                    memcpy(rgb, ring[i], 3);
            }
            memcpy(p, rgb, 3);
            p[3] = d <= 1.0 ? 255 : 0;
        }
}

static const char logo_svg[] =
    "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"64\" height=\"64\" viewBox=\"0 0 64 64\">\n"
    "  <circle cx=\"32\" cy=\"32\" r=\"32\" fill=\"#1f2a44\"/>\n"
    "  <circle cx=\"32\" cy=\"32\" r=\"9.6\" fill=\"none\" stroke=\"#f39c12\" stroke-width=\"4.5\"/>\n"
    "  <circle cx=\"32\" cy=\"32\" r=\"16.6\" fill=\"none\" stroke=\"#e67e22\" stroke-width=\"4.5\"/>\n"
    "  <circle cx=\"32\" cy=\"32\" r=\"23.7\" fill=\"none\" stroke=\"#c0392b\" stroke-width=\"4.5\"/>\n"
    "</svg>\n";

/* ==== Install ==== */

static int mkdirs(const char *path)
{
    char buf[PATH_MAX + 64];
    if (strlen(path) >= sizeof buf) {
        errno = ENAMETOOLONG;
        return -1;
    }
    strcpy(buf, path);
    for (char *p = buf + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(buf, 0755) < 0 && errno != EEXIST)
            return -1;
        *p = '/';
    }
    return mkdir(buf, 0755) < 0 && errno != EEXIST ? -1 : 0;
}

static int write_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    if (!f)
        return -1;
    int ok = fputs(text, f) >= 0;
    return fclose(f) == 0 && ok ? 0 : -1;
}

static int sys_prefix(char *out, size_t size)
{
    FILE *p = popen("/usr/bin/python3 -c 'import sys; print(sys.prefix)' 2>/dev/null", "r");
    if (p) {
        bool ok = fgets(out, (int)size, p) != NULL;
        pclose(p);
        if (ok) {
            out[strcspn(out, "\n")] = '\0';
            return 0;
        }
    }
    snprintf(out, size, "/usr");
    return 0;
}

int kj_install_main(int argc, char **argv, const char *exe_path)
{
    char base[PATH_MAX];
    if (argc == 0) {
        snprintf(base, sizeof base, "/usr/local/share/jupyter");
    } else if (argc == 1 && strcmp(argv[0], "--user") == 0) {
        const char *xdg = getenv("XDG_DATA_HOME"), *home = getenv("HOME");
        if (xdg && *xdg)
            snprintf(base, sizeof base, "%s/jupyter", xdg);
        else
            snprintf(base, sizeof base, "%s/.local/share/jupyter", home ? home : ".");
    } else if (argc == 1 && strcmp(argv[0], "--sys-prefix") == 0) {
        char prefix[PATH_MAX - 32];
        sys_prefix(prefix, sizeof prefix);
        snprintf(base, sizeof base, "%s/share/jupyter", prefix);
    } else if (argc == 2 && strcmp(argv[0], "--prefix") == 0) {
        snprintf(base, sizeof base, "%s/share/jupyter", argv[1]);
    } else {
        fprintf(stderr, "usage: minipy install [--user | --sys-prefix | --prefix DIR]\n");
        return 2;
    }
    char exe[PATH_MAX];
    if (!realpath(exe_path, exe)) {
        fprintf(stderr, "minipy install: cannot resolve %s: %s\n", exe_path, strerror(errno));
        return 1;
    }
    char dir[PATH_MAX + 32], path[PATH_MAX + 64];
    snprintf(dir, sizeof dir, "%s/kernels/minipy", base);
    if (mkdirs(dir) < 0) {
        fprintf(stderr, "minipy install: cannot create %s: %s\n", dir, strerror(errno));
        return 1;
    }
    json_t *spec = json_pack("{s:[s, s, s, s], s:s, s:s, s:s, s:{s:b}}", "argv", exe, "kernel",
                             "-f", "{connection_file}", "display_name", "Minipy", "language",
                             "minipy", "interrupt_mode", "message", "metadata", "debugger", 0);
    snprintf(path, sizeof path, "%s/kernel.json", dir);
    int r = spec ? json_dump_file(spec, path, JSON_INDENT(1)) : -1;
    json_decref(spec);
    uint8_t rgba[64 * 64 * 4];
    for (int size = 32; size <= 64 && r == 0; size *= 2) {
        draw_logo(rgba, size);
        snprintf(path, sizeof path, "%s/logo-%dx%d.png", dir, size, size);
        r = write_png(path, rgba, size);
    }
    snprintf(path, sizeof path, "%s/logo-svg.svg", dir);
    if (r == 0)
        r = write_text(path, logo_svg);
    if (r < 0) {
        fprintf(stderr, "minipy install: cannot write %s: %s\n", path, strerror(errno));
        return 1;
    }
    printf("Installed kernelspec minipy in %s\n", dir);
    return 0;
}
