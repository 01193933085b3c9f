/*
 * tests/unit/test_jp_connection.c - connection files: good, bad, written.
 *
 * Each bad file must be refused with one line naming the file and the field.
 */
#include "protocol.h"
#include "unit.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char dir[] = "/tmp/jp_connection_XXXXXX";

static char *write_file(const char *name, const char *text)
{
    static char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    fputs(text, f);
    fclose(f);
    return path;
}

#define GOOD_PORTS                                                                     \
    "\"shell_port\": 5001, \"iopub_port\": 5002, \"stdin_port\": 5003, "               \
    "\"control_port\": 5004, \"hb_port\": 5005"

static void test_good(void)
{
    JpConnection c;
    char *path = write_file(
        "good.json", "{\"transport\": \"tcp\", \"ip\": \"127.0.0.1\", " GOOD_PORTS
                     ", \"key\": \"abc-123\", \"signature_scheme\": "
                     "\"hmac-sha256\", \"kernel_name\": \"minipy\", "
                     "\"jupyter_session\": \"x\"}");
    char *err = jp_connection_load(path, &c);
    CHECK(err == NULL);
    free(err);
    CHECK(strcmp(c.transport, "tcp") == 0 && strcmp(c.ip, "127.0.0.1") == 0);
    CHECK(c.shell_port == 5001 && c.iopub_port == 5002 && c.stdin_port == 5003 &&
          c.control_port == 5004 && c.hb_port == 5005);
    CHECK(strcmp(c.key, "abc-123") == 0);
    CHECK(strcmp(c.signature_scheme, "hmac-sha256") == 0);
    char *ep = jp_connection_endpoint(&c, c.iopub_port);
    CHECK(strcmp(ep, "tcp://127.0.0.1:5002") == 0);
    free(ep);
    ep = jp_connection_endpoint(&c, 0);
    CHECK(strcmp(ep, "tcp://127.0.0.1:*") == 0);
    free(ep);
    jp_connection_fini(&c);

    /* ipc, an empty key (unsigned), defaults for the optional scheme */
    path = write_file("ipc.json",
                      "{\"transport\": \"ipc\", \"ip\": \"/tmp/k\", " GOOD_PORTS
                      ", \"key\": \"\"}");
    err = jp_connection_load(path, &c);
    CHECK(err == NULL);
    free(err);
    CHECK(strcmp(c.key, "") == 0 && strcmp(c.signature_scheme, "hmac-sha256") == 0);
    ep = jp_connection_endpoint(&c, c.hb_port);
    CHECK(strcmp(ep, "ipc:///tmp/k-5005") == 0);
    free(ep);
    jp_connection_fini(&c);
}

/* The file must be refused and the message must name path and field. */
static void check_bad(const char *name, const char *text, const char *field)
{
    JpConnection c;
    char *path = write_file(name, text);
    char *err = jp_connection_load(path, &c);
    CHECK(err != NULL);
    if (!err)
        return;
    CHECK(strstr(err, path) != NULL);
    CHECK(strstr(err, field) != NULL);
    CHECK(strchr(err, '\n') == NULL);
    free(err);
}

static void test_bad(void)
{
    check_bad("noip.json", "{" GOOD_PORTS ", \"key\": \"k\"}", "'ip'");
    check_bad("port0.json",
              "{\"ip\": \"127.0.0.1\", \"shell_port\": 0, \"iopub_port\": 2, "
              "\"stdin_port\": 3, \"control_port\": 4, \"hb_port\": 5, \"key\": \"k\"}",
              "'shell_port'");
    check_bad(
        "bigport.json",
        "{\"ip\": \"127.0.0.1\", \"shell_port\": 1, \"iopub_port\": 2, "
        "\"stdin_port\": 3, \"control_port\": 4, \"hb_port\": 70000, \"key\": \"k\"}",
        "'hb_port'");
    check_bad("strport.json",
              "{\"ip\": \"127.0.0.1\", \"shell_port\": 1, \"iopub_port\": \"2\", "
              "\"stdin_port\": 3, \"control_port\": 4, \"hb_port\": 5, \"key\": \"k\"}",
              "'iopub_port'");
    check_bad("noport.json",
              "{\"ip\": \"127.0.0.1\", \"shell_port\": 1, \"iopub_port\": 2, "
              "\"control_port\": 4, \"hb_port\": 5, \"key\": \"k\"}",
              "'stdin_port'");
    check_bad("transport.json",
              "{\"transport\": \"udp\", \"ip\": \"h\", " GOOD_PORTS "}", "'transport'");
    check_bad("key.json", "{\"ip\": \"h\", " GOOD_PORTS ", \"key\": 42}", "'key'");
    check_bad("scheme.json",
              "{\"ip\": \"h\", " GOOD_PORTS ", \"key\": \"k\", \"signature_scheme\": "
              "\"hmac-md5\"}",
              "'signature_scheme'");
    check_bad("syntax.json", "{\"ip\": \"h\",", "invalid JSON");
    check_bad("array.json", "[1, 2]", "not a JSON object");
    check_bad("dupkey.json", "{\"ip\": \"a\", \"ip\": \"b\"}", "duplicate");

    JpConnection c;
    char missing[300];
    snprintf(missing, sizeof missing, "%s/absent.json", dir);
    char *err = jp_connection_load(missing, &c);
    CHECK(err && strstr(err, missing));
    free(err);
}

static void test_write_local(void)
{
    JpConnection c, back;
    CHECK(jp_connection_init_local(&c) == 0);
    CHECK(strcmp(c.ip, "127.0.0.1") == 0 && strlen(c.key) == 36);
    JpConnection other;
    jp_connection_init_local(&other);
    CHECK(strcmp(c.key, other.key) != 0); /* random per call */
    jp_connection_fini(&other);
    c.shell_port = 41001, c.iopub_port = 41002, c.stdin_port = 41003;
    c.control_port = 41004, c.hb_port = 41005;
    char path[300];
    snprintf(path, sizeof path, "%s/written.json", dir);
    char *err = jp_connection_write(path, &c, "minipy");
    CHECK(err == NULL);
    free(err);
    struct stat st;
    CHECK(stat(path, &st) == 0 && (st.st_mode & 0777) == 0600);
    err = jp_connection_load(path, &back);
    CHECK(err == NULL);
    free(err);
    CHECK(strcmp(back.key, c.key) == 0 && back.hb_port == 41005 &&
          back.shell_port == 41001 && strcmp(back.transport, "tcp") == 0);
    jp_connection_fini(&back);

    snprintf(path, sizeof path, "%s/no/such/dir.json", dir);
    err = jp_connection_write(path, &c, NULL);
    CHECK(err && strstr(err, path));
    free(err);
    jp_connection_fini(&c);
}

int main(void)
{
    if (!mkdtemp(dir))
        return 99;
    test_good();
    test_bad();
    test_write_local();
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", dir);
    return UNIT_DONE();
}
