/* server — the HTTP side of `cjm serve`, on libmicrohttpd: the page (a
 * resource compiled into cjm from page.html), the pictures of the
 * preview, and a stream of Server-Sent Events that tells the page each
 * time the journey was loaded again.
 *
 * A cjm_server owns the libmicrohttpd daemon and its threads (one per
 * connection). It serves three paths and nothing else, never a file of
 * the file system: GET or HEAD of `/` (the page), `/picture.svg?view=
 * map|flow&persona=ID&theme=light|dark` and `/events` (text/event-stream).
 * It refuses any other method (405), a request whose Host header does not
 * name the server itself, or that has more than one (403: DNS rebinding),
 * and a request another site
 * makes (an Origin or Sec-Fetch-Site that is not the page's own: 403); it
 * sends no header that allows cross-origin access. Depends on the preview
 * (preview.h) and on libmicrohttpd; knows nothing of the command line. */
#ifndef CJM_SERVER_H
#define CJM_SERVER_H

#include <stdbool.h>
#include <stddef.h>

#include "runtime/serve/preview.h"

typedef struct cjm_server cjm_server;

/* What kind of address --host names. */
typedef enum cjm_server_host {
  CJM_SERVER_LOOPBACK,         /* 127.0.0.0/8, ::1 or "localhost": this machine only */
  CJM_SERVER_OTHER,            /* any other IPv4 or IPv6 address, the wildcards included */
  CJM_SERVER_INVALID,          /* not an IP address (names other than localhost are not taken) */
} cjm_server_host;

/* The default address: the loopback interface only. */
#define CJM_SERVER_DEFAULT_HOST "127.0.0.1"

/* What kind of address host is (an IPv6 address may be in brackets). */
cjm_server_host cjm_server_host_kind(const char *host);

/* Starts serving preview on host (an address cjm_server_host_kind does not
 * call invalid) and port (0: a free port the system picks). Returns NULL
 * when the address cannot be bound, errno saying why. The preview must
 * outlive the server. */
cjm_server *cjm_server_start(cjm_preview *preview, const char *host, unsigned port);

/* The port the server listens on (the one picked for port 0). */
unsigned cjm_server_port(const cjm_server *server);

/* The page's address, http://HOST:PORT/, into buffer (of size bytes). */
void cjm_server_url(const cjm_server *server, char *buffer, size_t size);

/* Stops the server gracefully: wakes the event streams (cjm_preview_stop),
 * lets each connection end, joins the threads and frees the server. NULL
 * is allowed. */
void cjm_server_stop(cjm_server *server);

#endif
