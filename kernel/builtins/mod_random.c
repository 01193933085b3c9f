/*
 * kernel/builtins/mod_random.c - owns the random module: a Mersenne Twister
 * (MT19937) seeded and consumed exactly as CPython 3.11's random module, so
 * `random.seed(42); random.random()` prints what CPython prints.
 *
 * The generator and init_by_array seeding are the published MT19937 algorithm.
 * On top of it, each function draws the same 32-bit words in the same order as
 * Lib/random.py: random() takes two words (53 bits), _randbelow(n) draws
 * bit_length(n) bits and retries while the value is >= n, and randrange,
 * choice, shuffle, sample, choices and gauss are built from those two.
 */
#include "builtins.h"

#include "abstract.h"
#include "args.h"
#include "errors.h"
#include "module.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ==== MT19937 ==== */

#define MT_N 624
#define MT_M 397

static uint32_t mt[MT_N];
static int mt_index = MT_N + 1;
static double gauss_next;
static bool has_gauss_next;

static void init_genrand(uint32_t s)
{
    mt[0] = s;
    for (int i = 1; i < MT_N; i++)
        mt[i] = 1812433253u * (mt[i - 1] ^ (mt[i - 1] >> 30)) + (uint32_t)i;
    mt_index = MT_N;
}

static void init_by_array(const uint32_t *key, size_t len)
{
    init_genrand(19650218u);
    size_t i = 1, j = 0;
    for (size_t k = MT_N > len ? MT_N : len; k; k--) {
        mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >> 30)) * 1664525u)) + key[j] +
                (uint32_t)j;
        i++;
        j++;
        if (i >= MT_N) {
            mt[0] = mt[MT_N - 1];
            i = 1;
        }
        if (j >= len)
            j = 0;
    }
    for (size_t k = MT_N - 1; k; k--) {
        mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >> 30)) * 1566083941u)) - (uint32_t)i;
        i++;
        if (i >= MT_N) {
            mt[0] = mt[MT_N - 1];
            i = 1;
        }
    }
    mt[0] = 0x80000000u; /* MSB is 1, assuring a non-zero initial array */
}

static uint32_t twist(uint32_t upper, uint32_t lower, uint32_t far)
{
    uint32_t y = (upper & 0x80000000u) | (lower & 0x7fffffffu);
    return far ^ (y >> 1) ^ ((y & 1u) ? 0x9908b0dfu : 0u);
}

static uint32_t genrand_uint32(void)
{
    if (mt_index >= MT_N) {
        int kk;
        for (kk = 0; kk < MT_N - MT_M; kk++)
            mt[kk] = twist(mt[kk], mt[kk + 1], mt[kk + MT_M]);
        for (; kk < MT_N - 1; kk++)
            mt[kk] = twist(mt[kk], mt[kk + 1], mt[kk + MT_M - MT_N]);
        mt[MT_N - 1] = twist(mt[MT_N - 1], mt[0], mt[MT_M - 1]);
        mt_index = 0;
    }
    uint32_t y = mt[mt_index++];
    y ^= y >> 11;
    y ^= (y << 7) & 0x9d2c5680u;
    y ^= (y << 15) & 0xefc60000u;
    y ^= y >> 18;
    return y;
}

/* random(): a 53-bit float in [0, 1) from two words. */
static double random_double(void)
{
    uint32_t a = genrand_uint32() >> 5, b = genrand_uint32() >> 6;
    return (a * 67108864.0 + b) * (1.0 / 9007199254740992.0);
}

/* getrandbits(k) for 1 <= k <= 64: words least significant first, the last one
   keeping its top bits, as CPython. */
static uint64_t getrandbits(int k)
{
    if (k <= 32)
        return genrand_uint32() >> (32 - k);
    uint64_t lo = genrand_uint32();
    uint64_t hi = genrand_uint32() >> (64 - k);
    return lo | hi << 32;
}

/* A uniform integer in [0, n) for n > 0 (CPython's _randbelow_with_getrandbits). */
static uint64_t randbelow(uint64_t n)
{
    int k = 64 - __builtin_clzll(n);
    uint64_t r = getrandbits(k);
    while (r >= n)
        r = getrandbits(k);
    return r;
}

/* Seed from the OS (CPython reads 624 words of urandom); the clock if it fails. */
static void seed_from_os(void)
{
    uint32_t key[MT_N];
    FILE *f = fopen("/dev/urandom", "rb");
    size_t got = f ? fread(key, sizeof key[0], MT_N, f) : 0;
    if (f)
        fclose(f);
    if (got < MT_N) {
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        key[0] = (uint32_t)ts.tv_sec;
        key[1] = (uint32_t)ts.tv_nsec;
        got = 2;
    }
    init_by_array(key, got);
}

/* Seed from a non-negative magnitude: its 32-bit words, least significant
   first; zero is one zero word. */
static void seed_u64(uint64_t n)
{
    uint32_t key[2] = {(uint32_t)n, (uint32_t)(n >> 32)};
    init_by_array(key, key[1] ? 2 : 1);
}

/* ==== SHA-512, for str seeds ==== */

/* CPython seeds from a str with int.from_bytes(s + sha512(s).digest()); this is
   FIPS 180-4 SHA-512 over one message held in memory. */
static const uint64_t SHA_K[80] = {
    0x428a2f98d728ae22u, 0x7137449123ef65cdu, 0xb5c0fbcfec4d3b2fu, 0xe9b5dba58189dbbcu,
    0x3956c25bf348b538u, 0x59f111f1b605d019u, 0x923f82a4af194f9bu, 0xab1c5ed5da6d8118u,
    0xd807aa98a3030242u, 0x12835b0145706fbeu, 0x243185be4ee4b28cu, 0x550c7dc3d5ffb4e2u,
    0x72be5d74f27b896fu, 0x80deb1fe3b1696b1u, 0x9bdc06a725c71235u, 0xc19bf174cf692694u,
    0xe49b69c19ef14ad2u, 0xefbe4786384f25e3u, 0x0fc19dc68b8cd5b5u, 0x240ca1cc77ac9c65u,
    0x2de92c6f592b0275u, 0x4a7484aa6ea6e483u, 0x5cb0a9dcbd41fbd4u, 0x76f988da831153b5u,
    0x983e5152ee66dfabu, 0xa831c66d2db43210u, 0xb00327c898fb213fu, 0xbf597fc7beef0ee4u,
    0xc6e00bf33da88fc2u, 0xd5a79147930aa725u, 0x06ca6351e003826fu, 0x142929670a0e6e70u,
    0x27b70a8546d22ffcu, 0x2e1b21385c26c926u, 0x4d2c6dfc5ac42aedu, 0x53380d139d95b3dfu,
    0x650a73548baf63deu, 0x766a0abb3c77b2a8u, 0x81c2c92e47edaee6u, 0x92722c851482353bu,
    0xa2bfe8a14cf10364u, 0xa81a664bbc423001u, 0xc24b8b70d0f89791u, 0xc76c51a30654be30u,
    0xd192e819d6ef5218u, 0xd69906245565a910u, 0xf40e35855771202au, 0x106aa07032bbd1b8u,
    0x19a4c116b8d2d0c8u, 0x1e376c085141ab53u, 0x2748774cdf8eeb99u, 0x34b0bcb5e19b48a8u,
    0x391c0cb3c5c95a63u, 0x4ed8aa4ae3418acbu, 0x5b9cca4f7763e373u, 0x682e6ff3d6b2b8a3u,
    0x748f82ee5defb2fcu, 0x78a5636f43172f60u, 0x84c87814a1f0ab72u, 0x8cc702081a6439ecu,
    0x90befffa23631e28u, 0xa4506cebde82bde9u, 0xbef9a3f7b2c67915u, 0xc67178f2e372532bu,
    0xca273eceea26619cu, 0xd186b8c721c0c207u, 0xeada7dd6cde0eb1eu, 0xf57d4f7fee6ed178u,
    0x06f067aa72176fbau, 0x0a637dc5a2c898a6u, 0x113f9804bef90daeu, 0x1b710b35131c471bu,
    0x28db77f523047d84u, 0x32caab7b40c72493u, 0x3c9ebe0a15c9bebcu, 0x431d67c49c100d4cu,
    0x4cc5d4becb3e42b6u, 0x597f299cfc657e2au, 0x5fcb6fab3ad6faecu, 0x6c44198c4a475817u,
};

static uint64_t ror64(uint64_t x, int n)
{
    return (x >> n) | (x << (64 - n));
}

static void sha512_block(uint64_t h[8], const unsigned char *p)
{
    uint64_t w[80];
    for (int i = 0; i < 16; i++) {
        w[i] = 0;
        for (int j = 0; j < 8; j++)
            w[i] = (w[i] << 8) | p[8 * i + j];
    }
    for (int i = 16; i < 80; i++) {
        uint64_t s0 = ror64(w[i - 15], 1) ^ ror64(w[i - 15], 8) ^ (w[i - 15] >> 7);
        uint64_t s1 = ror64(w[i - 2], 19) ^ ror64(w[i - 2], 61) ^ (w[i - 2] >> 6);
        w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    uint64_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6],
             hh = h[7];
    for (int i = 0; i < 80; i++) {
        uint64_t t1 = hh + (ror64(e, 14) ^ ror64(e, 18) ^ ror64(e, 41)) +
                      ((e & f) ^ (~e & g)) + SHA_K[i] + w[i];
        uint64_t t2 = (ror64(a, 28) ^ ror64(a, 34) ^ ror64(a, 39)) +
                      ((a & b) ^ (a & c) ^ (b & c));
        hh = g;
        g = f;
        f = e;
        e = d + t1;
        d = c;
        c = b;
        b = a;
        a = t1 + t2;
    }
    h[0] += a;
    h[1] += b;
    h[2] += c;
    h[3] += d;
    h[4] += e;
    h[5] += f;
    h[6] += g;
    h[7] += hh;
}

static void sha512(const unsigned char *msg, size_t n, unsigned char out[64])
{
    uint64_t h[8] = {0x6a09e667f3bcc908u, 0xbb67ae8584caa73bu, 0x3c6ef372fe94f82bu, 0xa54ff53a5f1d36f1u, 0x510e527fade682d1u, 0x9b05688c2b3e6c1fu, 0x1f83d9abfb41bd6bu, 0x5be0cd19137e2179u};
    size_t done = 0;
    for (; n - done >= 128; done += 128)
        sha512_block(h, msg + done);
    unsigned char tail[256] = {0};
    size_t rest = n - done;
    memcpy(tail, msg + done, rest);
    tail[rest] = 0x80;
    size_t tail_len = rest + 1 + 16 <= 128 ? 128 : 256;
    uint64_t bits = (uint64_t)n * 8;
    for (int i = 0; i < 8; i++)
        tail[tail_len - 1 - i] = (unsigned char)(bits >> (8 * i));
    for (size_t off = 0; off < tail_len; off += 128)
        sha512_block(h, tail + off);
    for (int i = 0; i < 64; i++)
        out[i] = (unsigned char)(h[i / 8] >> (56 - 8 * (i % 8)));
}

/* seed(str): the big-endian integer of the UTF-8 bytes followed by their
   SHA-512 digest, cut into 32-bit words least significant first. */
static int seed_str(MpObject *s)
{
    size_t n = (size_t)MP_STR_SIZE(s), total = n + 64;
    unsigned char *bytes = malloc(total);
    uint32_t *key = malloc((total / 4 + 1) * sizeof(uint32_t));
    if (!bytes || !key) {
        free(bytes);
        free(key);
        mp_err_nomemory();
        return -1;
    }
    memcpy(bytes, MP_STR_DATA(s), n);
    sha512(bytes, n, bytes + n);
    size_t words = 0;
    for (size_t end = total; end > 0; end = end >= 4 ? end - 4 : 0) {
        uint32_t w = 0;
        for (size_t i = end >= 4 ? end - 4 : 0; i < end; i++)
            w = (w << 8) | bytes[i];
        key[words++] = w;
    }
    while (words > 1 && key[words - 1] == 0)
        words--;
    init_by_array(key, words);
    free(bytes);
    free(key);
    return 0;
}

/* ==== Argument helpers ==== */

static MpObject *int_result(uint64_t v)
{
    if (v > INT64_MAX)
        return mp_err_set(mp_OverflowError, "integer overflow");
    return mp_int_new((int64_t)v);
}

/* randrange's arguments: ints, or floats with an integral value (3.11 accepts
   them with a DeprecationWarning). */
static int range_arg(MpObject *o, const char *what, int64_t *out)
{
    if (o->type == &mp_float_type.gc) {
        double d = MP_FLOAT_VALUE(o);
        if (d != floor(d) || fabs(d) >= 9.2e18) {
            mp_err_format(mp_ValueError, "non-integer %s for randrange()", what);
            return -1;
        }
        *out = (int64_t)d;
        return 0;
    }
    return mp_index(o, out);
}

/* seq[i] for a sequence (fast for list and tuple). New reference. */
static MpObject *seq_item(MpObject *seq, int64_t i)
{
    MpObject *v;
    if (seq->type == &mp_list_type.gc && i < MP_LIST_SIZE(seq)) {
        v = MP_LIST_ITEMS(seq)[i];
        MP_INCREF(v);
        return v;
    }
    if (seq->type == &mp_tuple_type.gc && i < MP_TUPLE_SIZE(seq)) {
        v = MP_TUPLE_ITEMS(seq)[i];
        MP_INCREF(v);
        return v;
    }
    MpObject *idx = mp_int_new(i);
    if (!idx)
        return NULL;
    v = mp_getitem(seq, idx);
    MP_DECREF(idx);
    return v;
}

/* ==== Functions ==== */

static MpObject *random_seed(MpObject *self, MpObject *const *args, size_t nargs,
                             MpObject *kwnames)
{
    (void)self;
    static const char *const names[] = {"a", "version", NULL};
    MpObject *p[2];
    if (mp_args_parse("seed", args, nargs, kwnames, names, 0, 0, p) < 0)
        return NULL;
    MpObject *a = p[0];
    if (!a || a == mp_none) {
        seed_from_os();
    } else if (mp_is_int(a)) {
        int64_t v = MP_INT_VALUE(a);
        seed_u64(v < 0 ? -(uint64_t)v : (uint64_t)v);
    } else if (a->type == &mp_float_type.gc) {
        int64_t h = mp_hash(a);
        if (h == -1)
            return NULL;
        seed_u64((uint64_t)h);
    } else if (mp_is_str(a)) {
        if (seed_str(a) < 0)
            return NULL;
    } else {
        return mp_err_set(mp_TypeError, "The only supported seed types are: None,\n"
                                        "int, float, str, bytes, and bytearray.");
    }
    has_gauss_next = false;
    MP_RETURN_NONE;
}

static MpObject *random_random(MpObject *self, MpObject *const *args, size_t nargs,
                               MpObject *kwnames)
{
    (void)self;
    (void)args;
    if (mp_args_check("random", nargs, kwnames, 0, 0) < 0)
        return NULL;
    return mp_float_new(random_double());
}

static MpObject *random_getrandbits(MpObject *self, MpObject *const *args, size_t nargs,
                                    MpObject *kwnames)
{
    (void)self;
    int64_t k;
    if (mp_args_check("getrandbits", nargs, kwnames, 1, 1) < 0 ||
        mp_index(args[0], &k) < 0)
        return NULL;
    if (k < 0)
        return mp_err_set(mp_ValueError, "number of bits must be non-negative");
    if (k == 0)
        return mp_int_new(0);
    if (k > 64)
        return mp_err_set(mp_OverflowError, "integer overflow");
    return int_result(getrandbits((int)k));
}

/* randrange(start[, stop[, step]]) with Lib/random.py's checks and messages. */
static MpObject *randrange(MpObject *start, MpObject *stop, MpObject *step)
{
    int64_t istart, istop, istep = 1;
    if (range_arg(start, "arg 1", &istart) < 0)
        return NULL;
    if (!stop || stop == mp_none) {
        if (step)
            return mp_err_set(mp_TypeError, "Missing a non-None stop argument");
        if (istart > 0)
            return mp_int_new((int64_t)randbelow((uint64_t)istart));
        return mp_err_set(mp_ValueError, "empty range for randrange()");
    }
    if (range_arg(stop, "stop", &istop) < 0 || (step && range_arg(step, "step", &istep) < 0))
        return NULL;
    int64_t width;
    if (__builtin_sub_overflow(istop, istart, &width))
        return mp_err_set(mp_OverflowError, "integer overflow");
    if (istep == 1) {
        if (width > 0)
            return mp_int_new(istart + (int64_t)randbelow((uint64_t)width));
        return mp_err_format(mp_ValueError, "empty range for randrange() (%lld, %lld, %lld)",
                             (long long)istart, (long long)istop, (long long)width);
    }
    if (istep == 0)
        return mp_err_set(mp_ValueError, "zero step for randrange()");
    /* n = ceil(width / step), computed as Python's floor division does */
    int64_t num = istep > 0 ? width + istep - 1 : width + istep + 1;
    int64_t n = num / istep - ((num % istep != 0) && ((num < 0) != (istep < 0)));
    if (n <= 0)
        return mp_err_set(mp_ValueError, "empty range for randrange()");
    return mp_int_new(istart + istep * (int64_t)randbelow((uint64_t)n));
}

static MpObject *random_randrange(MpObject *self, MpObject *const *args, size_t nargs,
                                  MpObject *kwnames)
{
    (void)self;
    static const char *const names[] = {"start", "stop", "step", NULL};
    MpObject *p[3];
    if (mp_args_parse("randrange", args, nargs, kwnames, names, 0, 1, p) < 0)
        return NULL;
    return randrange(p[0], p[1], p[2]);
}

static MpObject *random_randint(MpObject *self, MpObject *const *args, size_t nargs,
                                MpObject *kwnames)
{
    (void)self;
    static const char *const names[] = {"a", "b", NULL};
    MpObject *p[2];
    if (mp_args_parse("randint", args, nargs, kwnames, names, 0, 2, p) < 0)
        return NULL;
    MpObject *one = mp_int_new(1);
    MpObject *stop = one ? mp_binary_op(p[1], one, MP_OP_ADD) : NULL;
    MP_XDECREF(one);
    if (!stop)
        return NULL;
    MpObject *r = randrange(p[0], stop, NULL);
    MP_DECREF(stop);
    return r;
}

static MpObject *random_uniform(MpObject *self, MpObject *const *args, size_t nargs,
                                MpObject *kwnames)
{
    (void)self;
    static const char *const names[] = {"a", "b", NULL};
    MpObject *p[2];
    if (mp_args_parse("uniform", args, nargs, kwnames, names, 0, 2, p) < 0)
        return NULL;
    MpObject *diff = mp_binary_op(p[1], p[0], MP_OP_SUB);
    if (!diff)
        return NULL;
    MpObject *r = mp_float_new(random_double());
    MpObject *scaled = r ? mp_binary_op(diff, r, MP_OP_MUL) : NULL;
    MP_DECREF(diff);
    MP_XDECREF(r);
    if (!scaled)
        return NULL;
    MpObject *out = mp_binary_op(p[0], scaled, MP_OP_ADD);
    MP_DECREF(scaled);
    return out;
}

static MpObject *random_gauss(MpObject *self, MpObject *const *args, size_t nargs,
                              MpObject *kwnames)
{
    (void)self;
    static const char *const names[] = {"mu", "sigma", NULL};
    MpObject *p[2];
    double mu = 0.0, sigma = 1.0;
    if (mp_args_parse("gauss", args, nargs, kwnames, names, 0, 0, p) < 0 ||
        (p[0] && mp_real_as_double(p[0], &mu) < 0) ||
        (p[1] && mp_real_as_double(p[1], &sigma) < 0))
        return NULL;
    double z;
    if (has_gauss_next) {
        z = gauss_next;
        has_gauss_next = false;
    } else {
        double x2pi = random_double() * (2.0 * 3.141592653589793);
        double g2rad = sqrt(-2.0 * log(1.0 - random_double()));
        z = cos(x2pi) * g2rad;
        gauss_next = sin(x2pi) * g2rad;
        has_gauss_next = true;
    }
    return mp_float_new(mu + z * sigma);
}

static MpObject *random_choice(MpObject *self, MpObject *const *args, size_t nargs,
                               MpObject *kwnames)
{
    (void)self;
    if (mp_args_check("choice", nargs, kwnames, 1, 1) < 0)
        return NULL;
    int64_t n = mp_len(args[0]);
    if (n < 0)
        return NULL;
    if (n == 0)
        return mp_err_set(mp_IndexError, "Cannot choose from an empty sequence");
    return seq_item(args[0], (int64_t)randbelow((uint64_t)n));
}

static MpObject *random_shuffle(MpObject *self, MpObject *const *args, size_t nargs,
                                MpObject *kwnames)
{
    (void)self;
    if (mp_args_check("shuffle", nargs, kwnames, 1, 1) < 0)
        return NULL;
    MpObject *x = args[0];
    int64_t n = mp_len(x);
    if (n < 0)
        return NULL;
    for (int64_t i = n - 1; i > 0; i--) {
        int64_t j = (int64_t)randbelow((uint64_t)i + 1);
        if (x->type == &mp_list_type.gc && n == MP_LIST_SIZE(x)) {
            MpObject **items = MP_LIST_ITEMS(x), *t = items[i];
            items[i] = items[j];
            items[j] = t;
            continue;
        }
        MpObject *a = seq_item(x, i), *b = a ? seq_item(x, j) : NULL;
        MpObject *ia = mp_int_new(i), *ib = mp_int_new(j);
        int rc = a && b && ia && ib && mp_setitem(x, ia, b) == 0 && mp_setitem(x, ib, a) == 0
                     ? 0
                     : -1;
        MP_XDECREF(a);
        MP_XDECREF(b);
        MP_XDECREF(ia);
        MP_XDECREF(ib);
        if (rc < 0)
            return NULL;
    }
    MP_RETURN_NONE;
}

/* The indices sample() has already picked, in an open-addressing hash set. */
typedef struct IndexSet {
    int64_t *slots; /* value + 1; 0 = empty */
    size_t mask;
} IndexSet;

/* Insert v; false if it was already there. */
static bool indexset_add(IndexSet *s, int64_t v)
{
    size_t h = (size_t)((uint64_t)v * 0x9E3779B97F4A7C15u) & s->mask;
    while (s->slots[h]) {
        if (s->slots[h] == v + 1)
            return false;
        h = (h + 1) & s->mask;
    }
    s->slots[h] = v + 1;
    return true;
}

static bool is_sequence(MpObject *o)
{
    GcType *t = o->type;
    return t == &mp_list_type.gc || t == &mp_tuple_type.gc || t == &mp_str_type.gc ||
           t == &mp_range_type.gc;
}

/* sample(population, k): Lib/random.py's choice between a shrinking pool (small
   populations) and rejection of repeats (large ones), drawing identically. */
static MpObject *random_sample(MpObject *self, MpObject *const *args, size_t nargs,
                               MpObject *kwnames)
{
    (void)self;
    static const char *const names[] = {"population", "k", NULL};
    MpObject *p[2];
    int64_t k;
    if (mp_args_parse("sample", args, nargs, kwnames, names, 0, 2, p) < 0)
        return NULL;
    if (!is_sequence(p[0]))
        return mp_err_set(mp_TypeError, "Population must be a sequence.  For dicts or "
                                        "sets, use sorted(d).");
    int64_t n = mp_len(p[0]);
    if (n < 0 || mp_index(p[1], &k) < 0)
        return NULL;
    if (k < 0 || k > n)
        return mp_err_set(mp_ValueError, "Sample larger than population or is negative");
    MpObject *result = mp_list_new(k);
    if (!result)
        return NULL;
    double setsize = 21;
    if (k > 5)
        setsize += pow(4, ceil(log((double)k * 3) / log(4)));
    if ((double)n <= setsize) {
        MpObject *pool = mp_call1((MpObject *)&mp_list_type, p[0]);
        if (!pool) {
            MP_DECREF(result);
            return NULL;
        }
        MpObject **items = MP_LIST_ITEMS(pool);
        for (int64_t i = 0; i < k; i++) {
            int64_t j = (int64_t)randbelow((uint64_t)(n - i));
            MP_LIST_ITEMS(result)[i] = items[j];
            MP_INCREF(items[j]);
            MP_SETREF(items[j], items[n - i - 1]);
            MP_INCREF(items[j]);
        }
        MP_DECREF(pool);
        return result;
    }
    size_t cap = 16;
    while (cap < 2 * (size_t)k)
        cap *= 2;
    IndexSet sel = {calloc(cap, sizeof(int64_t)), cap - 1};
    if (!sel.slots) {
        MP_DECREF(result);
        return mp_err_nomemory();
    }
    for (int64_t i = 0; i < k; i++) {
        int64_t j = (int64_t)randbelow((uint64_t)n);
        while (!indexset_add(&sel, j))
            j = (int64_t)randbelow((uint64_t)n);
        if (!(MP_LIST_ITEMS(result)[i] = seq_item(p[0], j))) {
            free(sel.slots);
            MP_DECREF(result);
            return NULL;
        }
    }
    free(sel.slots);
    return result;
}

/* Cumulative weights as doubles (exact for int sums below 2**53). */
static double *cumulative(MpObject *weights, bool already_cumulative, int64_t n)
{
    MpObject *list = mp_call1((MpObject *)&mp_list_type, weights);
    if (!list)
        return NULL;
    double *cum = NULL;
    if (MP_LIST_SIZE(list) != n) {
        mp_err_set(mp_ValueError, "The number of weights does not match the population");
    } else if ((cum = malloc(((size_t)n + 1) * sizeof(double)))) {
        double acc = 0.0;
        for (int64_t i = 0; i < n; i++) {
            double w;
            if (mp_real_as_double(MP_LIST_ITEMS(list)[i], &w) < 0) {
                free(cum);
                cum = NULL;
                break;
            }
            acc = already_cumulative ? w : acc + w;
            cum[i] = acc;
        }
    } else {
        mp_err_nomemory();
    }
    MP_DECREF(list);
    return cum;
}

/* choices(population, weights=None, *, cum_weights=None, k=1). */
static MpObject *random_choices(MpObject *self, MpObject *const *args, size_t nargs,
                                MpObject *kwnames)
{
    (void)self;
    static const char *const names[] = {"population", "weights", "cum_weights", "k",
                                        NULL};
    MpObject *p[4];
    int64_t k = 1;
    if (mp_args_parse("choices", args, nargs, kwnames, names, 0, 1, p) < 0 ||
        (p[3] && mp_index(p[3], &k) < 0))
        return NULL;
    MpObject *pop = p[0], *weights = p[1] == mp_none ? NULL : p[1];
    MpObject *cum_weights = p[2] == mp_none ? NULL : p[2];
    int64_t n = mp_len(pop);
    if (n < 0)
        return NULL;
    if (weights && cum_weights)
        return mp_err_set(mp_TypeError, "Cannot specify both weights and cumulative "
                                        "weights");
    double *cum = NULL, total = 0.0;
    if (weights || cum_weights) {
        if (!(cum = cumulative(weights ? weights : cum_weights, !weights, n)))
            return NULL;
        total = n ? cum[n - 1] : 0.0;
        const char *bad = n == 0 || total <= 0.0 ? "Total of weights must be greater than zero"
                          : !isfinite(total)      ? "Total of weights must be finite"
                                                  : NULL;
        if (bad) {
            free(cum);
            if (n == 0)
                return mp_err_set(mp_IndexError, "list index out of range");
            return mp_err_set(mp_ValueError, bad);
        }
    }
    MpObject *result = mp_list_new(0);
    for (int64_t i = 0; result && i < k; i++) {
        int64_t j;
        if (cum) {
            double x = random_double() * total;
            int64_t lo = 0, hi = n - 1;
            while (lo < hi) {
                int64_t mid = (lo + hi) / 2;
                if (x < cum[mid])
                    hi = mid;
                else
                    lo = mid + 1;
            }
            j = lo;
        } else {
            j = (int64_t)floor(random_double() * (double)n);
        }
        MpObject *v = seq_item(pop, j);
        if (!v || mp_list_append(result, v) < 0)
            MP_CLEAR(result);
        MP_XDECREF(v);
    }
    free(cum);
    return result;
}

static const MpMethodDef random_functions[] = {
    {"seed", random_seed, 0, "seed(a=None, version=2)"},
    {"random", random_random, 0, "random()"},
    {"getrandbits", random_getrandbits, 0, "getrandbits(k, /)"},
    {"randrange", random_randrange, 0, "randrange(start, stop=None, step=1)"},
    {"randint", random_randint, 0, "randint(a, b)"},
    {"uniform", random_uniform, 0, "uniform(a, b)"},
    {"gauss", random_gauss, 0, "gauss(mu=0.0, sigma=1.0)"},
    {"choice", random_choice, 0, "choice(seq)"},
    {"choices", random_choices, 0,
     "choices(population, weights=None, *, cum_weights=None, k=1)"},
    {"shuffle", random_shuffle, 0, "shuffle(x)"},
    {"sample", random_sample, 0, "sample(population, k)"},
    {NULL, NULL, 0, NULL},
};

MpObject *mod_random_init(void)
{
    MpObject *m = mp_module_new("random");
    if (m && mp_module_add_functions(m, random_functions) < 0)
        MP_CLEAR(m);
    if (m && mt_index > MT_N)
        seed_from_os();
    return m;
}
