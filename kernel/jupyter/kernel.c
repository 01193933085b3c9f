/*
 * kernel/jupyter/kernel.c - the Jupyter kernel: implements protocol/'s
 * JpHandlers with the Minipy runtime.
 *
 * Read kj_kernel_main() first, then execute(). The runtime runs on the main
 * thread; output goes through the runtime's output sink to jp_publish_stream,
 * input() through jp_server_input, and the VM polls the server's interrupt flag.
 */
#include "kernel.h"

#include "abstract.h"
#include "code.h"
#include "display.h"
#include "errors.h"
#include "magics.h"
#include "module.h"
#include "output.h"
#include "parser.h"
#include "protocol.h"
#include "runtime.h"
#include "traceback.h"
#include "vm.h"

#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define MINIPY_VERSION "0.1.0"

typedef struct Kernel {
    JpServer *server; /* the server while a request runs, else NULL */
    long count;       /* the execution counter: cells stored in history */
    MpObject *page;   /* text for the pager, set by `name?` or help() */
    size_t memory_limit; /* for cells' code; 0: none */
} Kernel;

static Kernel kernel;

/* ==== Memory limit ==== */

/* Between cells the limit is raised by a reserve, so that after a cell filled
   memory up to the limit with a global (`l.append` in an endless loop), the
   next cell still compiles, `del l` runs, and the MemoryError's traceback can
   be formatted. */
#define RESERVE_MAX ((size_t)16 << 20)

static size_t with_reserve(size_t limit)
{
    if (limit == 0)
        return 0;
    size_t reserve = limit / 4 < RESERVE_MAX ? limit / 4 : RESERVE_MAX;
    return limit > SIZE_MAX - reserve ? SIZE_MAX : limit + reserve;
}

void kj_set_memory_limit(size_t bytes)
{
    kernel.memory_limit = bytes;
    gc_set_memory_limit(with_reserve(bytes));
}

/* ==== Output, input and display hooks ==== */

static void stream_sink(void *ctx, int fd, const char *s, size_t n)
{
    Kernel *k = ctx;
    if (k->server)
        jp_publish_stream(k->server, fd == 2 ? "stderr" : "stdout", s, n);
    else
        fwrite(s, 1, n, fd == 2 ? stderr : stdout);
}

static MpObject *input_hook(void *ctx, const char *prompt, size_t prompt_size)
{
    Kernel *k = ctx;
    char *p = strndup(prompt, prompt_size);
    if (!p)
        return mp_err_nomemory();
    char *line = NULL;
    JpInputStatus st = k->server ? jp_server_input(k->server, p, false, &line)
                                 : JP_INPUT_NOT_ALLOWED;
    free(p);
    switch (st) {
    case JP_INPUT_OK: {
        MpObject *s = mp_text_decode(line, strlen(line));
        free(line);
        return s;
    }
    case JP_INPUT_EOF:
        return mp_err_set(mp_EOFError, "EOF when reading a line");
    case JP_INPUT_INTERRUPTED: {
        MpObject *exc = mp_exception_new(mp_KeyboardInterrupt, NULL, 0);
        if (exc) {
            mp_err_set_object(exc);
            MP_DECREF(exc);
        }
        return NULL;
    }
    case JP_INPUT_NOT_ALLOWED:
        return mp_err_set(mp_RuntimeError,
                          "raw_input was called, but this frontend does not support input "
                          "requests.");
    case JP_INPUT_ERROR:
        break;
    }
    return mp_err_set(mp_OSError, "the stdin channel failed");
}

/* A bundle dict {mime: str} as JSON (new reference), NULL on a bad entry. */
static json_t *bundle_json(MpObject *bundle)
{
    json_t *data = json_object();
    int64_t pos = 0;
    MpObject *k, *v;
    while (data && mp_dict_next(bundle, &pos, &k, &v)) {
        if (!mp_is_str(k) || !mp_is_str(v))
            continue;
        json_object_set_new(data, MP_STR_DATA(k),
                            jp_utf8_string(MP_STR_DATA(v), (size_t)MP_STR_SIZE(v)));
    }
    return data;
}

/* display(obj) and friends: the mime bundle goes out as display_data. */
static int display_hook(void *ctx, MpDisplayKind kind, MpObject *bundle,
                        const char *display_id, bool wait)
{
    Kernel *k = ctx;
    if (!k->server)
        return 0;
    if (kind == MP_DISPLAY_CLEAR) {
        jp_publish_clear_output(k->server, wait);
        return 0;
    }
    json_t *data = bundle_json(bundle);
    if (!data) {
        mp_err_nomemory();
        return -1;
    }
    jp_publish_display(k->server, data, NULL, display_id, kind == MP_DISPLAY_UPDATE);
    json_decref(data);
    return 0;
}

/* Tracebacks show the lines of notebook cells. */
static bool cell_source_line(const char *filename, int line, char *buf, size_t size)
{
    long n;
    if (sscanf(filename, "Cell In[%ld]", &n) != 1)
        return false;
    const char *src = kj_history_source(n);
    for (int i = 1; src && i < line; i++) {
        src = strchr(src, '\n');
        if (src)
            src++;
    }
    if (!src)
        return false;
    size_t len = strcspn(src, "\n");
    if (len >= size)
        len = size - 1;
    memcpy(buf, src, len);
    buf[len] = '\0';
    return true;
}

/* ==== kernel_info ==== */

static json_t *kernel_info(void *ctx)
{
    (void)ctx;
    return json_pack("{s:s, s:s, s:{s:s, s:s, s:s, s:s, s:s, s:s, s:{s:s, s:i}}, s:s, "
                     "s:[{s:s, s:s}]}",
                     "implementation", "minipy", "implementation_version", MINIPY_VERSION,
                     "language_info", "name", "minipy", "version", "3.11", "mimetype",
                     "text/x-python", "file_extension", ".py", "pygments_lexer", "python3",
                     "nbconvert_exporter", "python", "codemirror_mode", "name", "python",
                     "version", 3, "banner",
                     "Minipy " MINIPY_VERSION
                     " - a Python 3.11 subset whose memory you can see (refcounts, GC "
                     "generations)",
                     "help_links", "text", "Minipy language", "url",
                     "https://docs.python.org/3.11/");
}

/* ==== execute ==== */

static json_t *error_content(MpObject *exc)
{
    MpObject *name_obj = mp_type(exc)->name;
    MpObject *evalue = mp_str(exc);
    if (!evalue) {
        mp_err_clear();
        evalue = mp_str_from_cstr("");
    }
    json_t *tb = json_array();
    MpObject *lines = mp_traceback_format(exc);
    if (!lines)
        mp_err_clear();
    for (int64_t i = 0; lines && i < MP_LIST_SIZE(lines); i++) {
        MpObject *l = MP_LIST_ITEMS(lines)[i];
        size_t n = (size_t)MP_STR_SIZE(l);
        if (n && MP_STR_DATA(l)[n - 1] == '\n')
            n--;
        json_array_append_new(tb, jp_utf8_string(MP_STR_DATA(l), n));
    }
    MP_XDECREF(lines);
    /* Text of the user's objects may hold lone surrogates or NULs. */
    json_t *c = json_pack(
        "{s:s, s:o, s:o, s:o}", "status", "error", "ename",
        jp_utf8_string(MP_STR_DATA(name_obj), (size_t)MP_STR_SIZE(name_obj)), "evalue",
        evalue ? jp_utf8_string(MP_STR_DATA(evalue), (size_t)MP_STR_SIZE(evalue))
               : json_string(""),
        "traceback", tb);
    MP_XDECREF(evalue);
    return c;
}

/* The mime bundle of a value as JSON; NULL with an exception set. */
static json_t *bundle_of(MpObject *value)
{
    MpObject *bundle = mp_display_bundle(value);
    if (!bundle)
        return NULL;
    json_t *data = bundle_json(bundle);
    MP_DECREF(bundle);
    if (!data)
        mp_err_nomemory();
    return data;
}

/* A cell whose last line ends with ';' shows no result, as in IPython. */
static bool ends_with_semicolon(const char *code)
{
    size_t n = strlen(code);
    while (n > 0 && (code[n - 1] == ' ' || code[n - 1] == '\n' || code[n - 1] == '\t' ||
                     code[n - 1] == '\r'))
        n--;
    size_t start = n;
    while (start > 0 && code[start - 1] != '\n')
        start--;
    /* Ignore a trailing comment on that line. */
    const char *hash = memchr(code + start, '#', n - start);
    size_t end = hash ? (size_t)(hash - code) : n;
    while (end > start && (code[end - 1] == ' ' || code[end - 1] == '\t'))
        end--;
    return end > start && code[end - 1] == ';';
}

static json_t *user_expressions(json_t *exprs)
{
    json_t *out = json_object();
    const char *name;
    json_t *value;
    json_object_foreach(exprs, name, value)
    {
        const char *src = json_string_value(value);
        json_t *entry;
        MpObject *r = src ? mp_runtime_exec(src, strlen(src), "<user_expression>", COMP_CELL)
                          : (mp_err_set(mp_TypeError, "user expression must be a string"), NULL);
        json_t *data = r ? bundle_of(r) : NULL;
        MP_XDECREF(r);
        if (data) {
            entry = json_pack("{s:s, s:o, s:{}}", "status", "ok", "data", data, "metadata");
        } else {
            MpObject *exc = mp_err_fetch();
            entry = error_content(exc);
            MP_DECREF(exc);
        }
        json_object_set_new(out, name, entry);
    }
    return out;
}

void kj_page(MpObject *text)
{
    MpObject *old = kernel.page;
    MP_INCREF(text);
    kernel.page = text;
    MP_XDECREF(old);
}

/* The pager text set while the cell ran, as the reply's payload list. */
static json_t *take_payload(Kernel *k)
{
    if (!k->page)
        return json_array();
    json_t *text = jp_utf8_string(MP_STR_DATA(k->page), (size_t)MP_STR_SIZE(k->page));
    json_t *p = json_pack("[{s:s, s:{s:o}, s:i}]", "source", "page", "data", "text/plain",
                          text, "start", 0);
    MP_CLEAR(k->page);
    return p;
}

static json_t *execute(void *ctx, JpServer *server, const JpExecuteRequest *req)
{
    Kernel *k = ctx;
    MpObject *globals = mp_runtime_globals();
    long shown = k->count + 1; /* the number In[] and Out[] show */
    if (req->store_history)
        k->count = shown;
    if (!req->silent)
        jp_publish_execute_input(server, req->code, shown);
    if (req->store_history && kj_history_input(globals, shown, req->code) < 0)
        mp_err_clear();
    k->server = server;
    char filename[48];
    snprintf(filename, sizeof filename, "Cell In[%ld]", shown);
    char *src = kj_magic_transform(req->code);
    /* The cell's code runs under the user's limit; compiling it, and reporting
       how it failed, may use the reserve above it (see kj_set_memory_limit). */
    MpCode *code = src ? comp_compile(src, strlen(src), filename, COMP_CELL) : NULL;
    MpObject *r = NULL;
    if (!src) {
        mp_err_nomemory();
    } else if (code) {
        gc_set_memory_limit(k->memory_limit);
        r = vm_run_code(code, globals);
        gc_set_memory_limit(with_reserve(k->memory_limit));
        MP_DECREF(&code->ob);
    }
    free(src);
    json_t *reply;
    if (!r) {
        MpObject *exc = mp_err_fetch();
        reply = error_content(exc);
        MP_DECREF(exc);
        vm_clear_handled_exception();
        if (!req->silent)
            jp_publish_error(server, json_string_value(json_object_get(reply, "ename")),
                             json_string_value(json_object_get(reply, "evalue")),
                             json_object_get(reply, "traceback"));
    } else {
        if (r != mp_none && !req->silent && !ends_with_semicolon(req->code)) {
            json_t *data = bundle_of(r);
            if (data) {
                jp_publish_execute_result(server, shown, data, NULL);
                json_decref(data);
            } else {
                mp_runtime_print_exception(2);
            }
            if (req->store_history && kj_history_output(globals, shown, r) < 0)
                mp_err_clear();
        }
        MP_DECREF(r);
        reply = json_pack("{s:s, s:o, s:o}", "status", "ok", "user_expressions",
                          user_expressions(req->user_expressions), "payload",
                          take_payload(k));
    }
    kj_magics_after_cell();
    mp_output_flush();
    k->server = NULL;
    json_object_set_new(reply, "execution_count", json_integer(k->count));
    return reply;
}

/* ==== The other requests ==== */

/* jupyter console auto-indents the line after a block's statement, so the empty
 * line that closes the block arrives as spaces: answer as for an empty line. */
static LangCompleteness console_is_complete(const char *code, int *indent)
{
    size_t len = strlen(code);
    size_t start = len;
    while (start > 0 && (code[start - 1] == ' ' || code[start - 1] == '\t'))
        start--;
    if (start == len || start == 0 || code[start - 1] != '\n')
        return lang_is_complete(code, len, indent);
    char *src = malloc(start + 1);
    if (!src)
        return lang_is_complete(code, len, indent);
    memcpy(src, code, start);
    src[start] = '\n';
    LangCompleteness answer = lang_is_complete(src, start + 1, indent);
    free(src);
    return answer;
}

static json_t *is_complete(void *ctx, const char *code)
{
    (void)ctx;
    int indent = 0;
    switch (console_is_complete(code, &indent)) {
    case LANG_COMPLETE:
        return json_pack("{s:s}", "status", "complete");
    case LANG_INCOMPLETE: {
        char spaces[81];
        if (indent > 80)
            indent = 80;
        memset(spaces, ' ', (size_t)indent);
        spaces[indent] = '\0';
        return json_pack("{s:s, s:s}", "status", "incomplete", "indent", spaces);
    }
    case LANG_INVALID:
        break;
    }
    return json_pack("{s:s}", "status", "invalid");
}

static json_t *complete(void *ctx, const char *code, size_t cursor)
{
    (void)ctx;
    json_t *r = kj_complete(mp_runtime_globals(), code, cursor);
    mp_err_clear();
    return r;
}

static json_t *inspect(void *ctx, const char *code, size_t cursor, int detail)
{
    (void)ctx;
    json_t *r = kj_inspect(mp_runtime_globals(), code, cursor, detail);
    mp_err_clear();
    return r;
}

static json_t *history(void *ctx, json_t *request)
{
    (void)ctx;
    return kj_history_reply(request);
}

/* A restart starts over with fresh globals; a shutdown just returns. */
static void shutdown(void *ctx, bool restart)
{
    Kernel *k = ctx;
    (void)restart;
    k->count = 0;
}

static const JpHandlers handlers = {
    .kernel_info = kernel_info,
    .execute = execute,
    .inspect = inspect,
    .complete = complete,
    .is_complete = is_complete,
    .history = history,
    .shutdown = shutdown,
};

/* ==== Start-up ==== */

static atomic_int *sigint_flag;
static JpServer *volatile running_server; /* for the SIGTERM handler */

static void on_sigint(int sig)
{
    (void)sig;
    if (sigint_flag)
        atomic_store(sigint_flag, 1);
}

/* SIGTERM (a frontend's kill, systemd, docker stop): stop the running cell and
   leave jp_server_run() the way a shutdown_request does, so the sockets close
   and the threads are joined before the process exits. */
static void on_sigterm(int sig)
{
    (void)sig;
    if (running_server)
        jp_server_request_shutdown(running_server);
}

/* As ipykernel's ParentPollerUnix: a kernel launched by a frontend
   (JPY_PARENT_PID set) shuts down once that parent is gone, instead of
   lingering after the frontend was killed. */
static atomic_bool poller_stop;

static void *parent_poller(void *arg)
{
    (void)arg;
    pid_t parent = getppid();
    const struct timespec tick = {0, 200 * 1000000L};
    while (!atomic_load(&poller_stop)) {
        if (getppid() != parent) {
            /* The SIGTERM path: it also wakes the main thread from its poll. */
            kill(getpid(), SIGTERM);
            return NULL;
        }
        nanosleep(&tick, NULL);
    }
    return NULL;
}

static bool start_parent_poller(pthread_t *thread)
{
    if (!getenv("JPY_PARENT_PID"))
        return false;
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_BLOCK, &all, &old); /* signals stay with the main thread */
    bool ok = pthread_create(thread, NULL, parent_poller, NULL) == 0;
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    return ok;
}

static char *local_connection(JpConnection *conn, char **path_out)
{
    if (jp_connection_init_local(conn) < 0)
        return strdup("minipy: out of memory");
    char path[4096];
    const char *dir = getenv("JUPYTER_RUNTIME_DIR");
    snprintf(path, sizeof path, "%s/kernel-minipy-%ld.json", dir ? dir : ".", (long)getpid());
    *path_out = strdup(path);
    return NULL;
}

int kj_kernel_main(const char *connection_file)
{
    JpConnection conn;
    char *err = NULL, *written = NULL;
    if (connection_file)
        err = jp_connection_load(connection_file, &conn);
    else
        err = local_connection(&conn, &written);
    if (err) {
        fprintf(stderr, "%s\n", err);
        free(err);
        return 2;
    }
    static char name[] = "minipy";
    char *argv[] = {name, NULL};
    if (mp_runtime_init(1, argv) < 0 || kj_history_init(mp_runtime_globals()) < 0 ||
        kj_magics_init(vm_builtins()) < 0) {
        jp_connection_fini(&conn);
        return 1;
    }
    JpServer *server = jp_server_new(&conn, &handlers, &kernel, &err);
    if (!server) {
        fprintf(stderr, "%s\n", err ? err : "minipy: the server failed to start");
        free(err);
        jp_connection_fini(&conn);
        return 1;
    }
    if (written) {
        char *werr = jp_connection_write(written, &conn, "minipy");
        if (werr) {
            fprintf(stderr, "%s\n", werr);
            free(werr);
        } else {
            fprintf(stderr, "minipy: connection file %s\n", written);
        }
    }
    atomic_int *own_flag = vm_interrupt_flag;
    vm_interrupt_flag = jp_server_interrupt_flag(server);
    sigint_flag = vm_interrupt_flag;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_sigint;
    sigaction(SIGINT, &sa, NULL);
    running_server = server;
    sa.sa_handler = on_sigterm;
    sigaction(SIGTERM, &sa, NULL);
    mp_output_set_sink(stream_sink, &kernel);
    mp_input_set_hook(input_hook, &kernel);
    mp_display_set_hook(display_hook, &kernel);
    mp_traceback_set_source_lookup(cell_source_line);
    pthread_t poller;
    bool polling = start_parent_poller(&poller);
    int rc = jp_server_run(server);
    if (polling) {
        atomic_store(&poller_stop, true);
        pthread_join(poller, NULL);
    }
    signal(SIGTERM, SIG_DFL);
    running_server = NULL;
    mp_output_set_sink(NULL, NULL);
    sigint_flag = vm_interrupt_flag = own_flag; /* the server's dies with it */
    jp_server_free(server);
    jp_connection_fini(&conn);
    free(written);
    /* __del__ methods run at exit print to the kernel's own stdout, as
       ipykernel's do once its iopub is closed. */
    MP_CLEAR(kernel.page);
    mp_runtime_fini();
    kj_magics_fini();
    kj_history_fini();
    return rc < 0 ? 1 : 0;
}
