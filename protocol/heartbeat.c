/*
 * protocol/heartbeat.c - echoes heartbeat pings from a thread of its own.
 *
 * A REP socket in a ZMQ context of its own, so nothing the language does can
 * delay the echo. Stopping shuts that context down: the blocked recv returns
 * ETERM, the thread closes its socket and exits.
 */
#include "protocol_internal.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zmq.h>

struct JpHeartbeat {
    void *ctx;
    void *socket;
    pthread_t thread;
};

static void *echo_loop(void *arg)
{
    JpHeartbeat *hb = arg;
    zmq_msg_t msg;
    zmq_msg_init(&msg);
    for (;;) {
        if (zmq_msg_recv(&msg, hb->socket, 0) < 0) {
            if (errno == EINTR)
                continue;
            break; /* ETERM: jp_heartbeat_stop() */
        }
        int more = zmq_msg_more(&msg);
        while (zmq_msg_send(&msg, hb->socket, more ? ZMQ_SNDMORE : 0) < 0) {
            if (errno != EINTR)
                goto out;
        }
    }
out:
    zmq_msg_close(&msg);
    zmq_close(hb->socket);
    return NULL;
}

JpHeartbeat *jp_heartbeat_start(const char *endpoint, int *port, char **err)
{
    JpHeartbeat *hb = calloc(1, sizeof *hb);
    char msg[512];
    if (!hb || !(hb->ctx = zmq_ctx_new())) {
        free(hb);
        *err = strdup("heartbeat: out of memory");
        return NULL;
    }
    hb->socket = zmq_socket(hb->ctx, ZMQ_REP);
    int linger = 1000;
    if (!hb->socket ||
        zmq_setsockopt(hb->socket, ZMQ_LINGER, &linger, sizeof linger) < 0 ||
        zmq_bind(hb->socket, endpoint) < 0) {
        snprintf(msg, sizeof msg, "cannot bind heartbeat on %s: %s", endpoint,
                 zmq_strerror(errno));
        goto fail;
    }
    *port = jp_socket_port(hb->socket);
    if (pthread_create(&hb->thread, NULL, echo_loop, hb) != 0) {
        snprintf(msg, sizeof msg, "cannot start the heartbeat thread");
        goto fail;
    }
    return hb;
fail:
    if (hb->socket)
        zmq_close(hb->socket);
    zmq_ctx_term(hb->ctx);
    free(hb);
    *err = strdup(msg);
    return NULL;
}

void jp_heartbeat_stop(JpHeartbeat *hb)
{
    if (!hb)
        return;
    zmq_ctx_shutdown(hb->ctx);
    pthread_join(hb->thread, NULL);
    zmq_ctx_term(hb->ctx);
    free(hb);
}
