/* server — the page, the pictures and the event stream over HTTP, on
 * libmicrohttpd (server.h). */
#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>

#include "lang/arena.h"
#include "runtime/base/strbuf.h"
#include "runtime/serve/server.h"

/* The page, generated at build time from page.html (embed.cmake). */
#include "serve_page.inc"

/* How often an idle event stream says it is alive (a comment line), so
 * that neither side takes it for dead. */
enum { KEEP_ALIVE_MS = 15000 };
/* Connections at once, and how long an idle one is kept, in seconds. */
enum { MAX_CONNECTIONS = 64, IDLE_SECONDS = 60 };
/* The longest persona identifier a picture request may name. */
enum { MAX_PERSONA_BYTES = 1024 };

struct cjm_server {
  struct MHD_Daemon *daemon;
  cjm_preview *preview;
  struct sockaddr_storage address; /* bound, port included */
  int family;                  /* AF_INET or AF_INET6 */
  bool loopback, wildcard;     /* the address's kind */
  unsigned port;
  char host_text[INET6_ADDRSTRLEN + 2]; /* the address as URLs write it ([::1]) */
};

/* ---- addresses ------------------------------------------------------------ */

/* An address parsed: host without brackets as IPv4 or IPv6. */
typedef struct parsed_address {
  int family;                  /* 0 when host is not an address */
  struct in_addr v4;
  struct in6_addr v6;
} parsed_address;

/* Parses host[0..len) as an IPv4 address, or an IPv6 one (brackets
 * allowed when bracketed is true, and then required for IPv6). */
static parsed_address parse_address(const char *host, size_t len, bool brackets_allowed) {
  parsed_address a = {0};
  char text[INET6_ADDRSTRLEN + 2];
  if (len >= sizeof text) return a;
  memcpy(text, host, len);
  text[len] = '\0';
  if (inet_pton(AF_INET, text, &a.v4) == 1) {
    a.family = AF_INET;
    return a;
  }
  if (brackets_allowed && len >= 2 && text[0] == '[' && text[len - 1] == ']') {
    text[len - 1] = '\0';
    if (inet_pton(AF_INET6, text + 1, &a.v6) == 1) a.family = AF_INET6;
    return a;
  }
  if (inet_pton(AF_INET6, text, &a.v6) == 1) a.family = AF_INET6;
  return a;
}

/* Whether a is a loopback address: 127.0.0.0/8 or ::1. */
static bool is_loopback(const parsed_address *a) {
  if (a->family == AF_INET) return (ntohl(a->v4.s_addr) >> 24) == 127;
  return a->family == AF_INET6 && IN6_IS_ADDR_LOOPBACK(&a->v6);
}

/* Whether a is 0.0.0.0 or ::, every interface. */
static bool is_wildcard(const parsed_address *a) {
  if (a->family == AF_INET) return a->v4.s_addr == htonl(INADDR_ANY);
  return a->family == AF_INET6 && IN6_IS_ADDR_UNSPECIFIED(&a->v6);
}

/* host as --host takes it: an address, or localhost for 127.0.0.1. */
static parsed_address host_address(const char *host) {
  if (strcasecmp(host, "localhost") == 0) host = CJM_SERVER_DEFAULT_HOST;
  return parse_address(host, strlen(host), true);
}

cjm_server_host cjm_server_host_kind(const char *host) {
  parsed_address a = host_address(host);
  if (!a.family) return CJM_SERVER_INVALID;
  return is_loopback(&a) ? CJM_SERVER_LOOPBACK : CJM_SERVER_OTHER;
}

/* Whether the Host header names this server: its own address (any
 * address when it listens on all of them, since an address is no name an
 * attacker's DNS can point here), or localhost when it listens on the
 * loopback; and its port, which may be left out only when it is 80. */
static bool host_allowed(const cjm_server *s, const char *host) {
  if (!*host) return false; /* (the request's one Host header: never NULL) */
  size_t len = strlen(host);
  const char *port = NULL;
  size_t name_len;
  if (host[0] == '[') {
    const char *close = strchr(host, ']');
    if (!close) return false;
    name_len = (size_t)(close - host) + 1;
    if (close[1] == ':') port = close + 2;
    else if (close[1] != '\0') return false;
  } else {
    const char *colon = strchr(host, ':');
    if (colon && strchr(colon + 1, ':')) return false; /* IPv6 without brackets */
    name_len = colon ? (size_t)(colon - host) : len;
    if (colon) port = colon + 1;
  }
  if (port) {
    if (!*port || strlen(port) > 5 || strspn(port, "0123456789") != strlen(port)) return false;
    if ((unsigned)strtoul(port, NULL, 10) != s->port) return false;
  } else if (s->port != 80) {
    return false;
  }
  if (name_len == strlen("localhost") && strncasecmp(host, "localhost", name_len) == 0)
    return s->loopback || s->wildcard;
  parsed_address a = parse_address(host, name_len, true);
  if (!a.family) return false;
  if (s->wildcard) return true;
  if (a.family != s->family) return false;
  if (a.family == AF_INET)
    return a.v4.s_addr == ((const struct sockaddr_in *)&s->address)->sin_addr.s_addr;
  return memcmp(&a.v6, &((const struct sockaddr_in6 *)&s->address)->sin6_addr, sizeof a.v6) == 0;
}

/* ---- responses ------------------------------------------------------------ */

/* What the page may load: its own inline script and style, pictures and
 * the event stream from this server; nothing may frame it. */
static const char page_policy[] = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
                                  "img-src 'self' blob: data:; connect-src 'self'; base-uri 'none'; form-action 'none'; "
                                  "frame-ancestors 'none'";
/* A picture runs nothing and loads nothing. */
static const char picture_policy[] = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'";

/* Queues response with status and the headers every response carries:
 * no caching, no sniffing, no framing, no referrer, same-origin only (and
 * nothing that would allow cross-origin access). Releases response. */
static enum MHD_Result send_response(struct MHD_Connection *connection, unsigned status,
                                     struct MHD_Response *response, const char *type, const char *policy) {
  if (!response) return MHD_NO;
  MHD_add_response_header(response, MHD_HTTP_HEADER_CONTENT_TYPE, type);
  MHD_add_response_header(response, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
  MHD_add_response_header(response, "X-Content-Type-Options", "nosniff");
  MHD_add_response_header(response, "X-Frame-Options", "DENY");
  MHD_add_response_header(response, "Referrer-Policy", "no-referrer");
  MHD_add_response_header(response, "Cross-Origin-Resource-Policy", "same-origin");
  MHD_add_response_header(response, "Cross-Origin-Opener-Policy", "same-origin");
  MHD_add_response_header(response, "Content-Security-Policy", policy ? policy : "default-src 'none'");
  enum MHD_Result result = MHD_queue_response(connection, status, response);
  MHD_destroy_response(response);
  return result;
}

/* A short text/plain answer. */
static enum MHD_Result send_text(struct MHD_Connection *connection, unsigned status, const char *text) {
  struct MHD_Response *response =
      MHD_create_response_from_buffer(strlen(text), (void *)text, MHD_RESPMEM_PERSISTENT);
  return send_response(connection, status, response, "text/plain; charset=utf-8", NULL);
}

/* ---- the event stream -------------------------------------------------------- */

/* One client's stream: what is still to be sent of the current event. */
typedef struct event_stream {
  cjm_preview *preview;
  unsigned long seen;          /* the generation of the last state sent */
  cjm_strbuf pending;
  size_t sent;                 /* bytes of pending already sent */
} event_stream;

/* libmicrohttpd asks for the next bytes of the stream (in this
 * connection's own thread, which may wait): the next state, a keep-alive
 * comment after a quiet while, or the end when the server stops. */
static ssize_t read_events(void *cls, uint64_t pos, char *buffer, size_t max) {
  (void)pos;
  event_stream *stream = cls;
  while (stream->sent == stream->pending.len) {
    stream->pending.len = 0;
    stream->sent = 0;
    char *json = NULL;
    switch (cjm_preview_wait(stream->preview, &stream->seen, KEEP_ALIVE_MS, &json)) {
    case CJM_PREVIEW_STOPPING:
      return MHD_CONTENT_READER_END_OF_STREAM;
    case CJM_PREVIEW_QUIET:
      cjm_strbuf_puts(&stream->pending, ": keep-alive\n\n");
      break;
    case CJM_PREVIEW_STATE:
      /* retry: reconnect within a second if the stream breaks. */
      cjm_strbuf_printf(&stream->pending, "retry: 1000\nevent: state\ndata: %s\n\n", json);
      free(json);
      break;
    }
  }
  size_t n = stream->pending.len - stream->sent;
  if (n > max) n = max;
  memcpy(buffer, stream->pending.data + stream->sent, n);
  stream->sent += n;
  return (ssize_t)n;
}

/* Frees a stream when its connection ends. */
static void free_events(void *cls) {
  event_stream *stream = cls;
  cjm_strbuf_free(&stream->pending);
  free(stream);
}

static enum MHD_Result send_events(cjm_server *s, struct MHD_Connection *connection, bool head) {
  struct MHD_Response *response;
  if (head) {
    response = MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
  } else {
    event_stream *stream = cjm_xcalloc(1, sizeof *stream);
    stream->preview = s->preview;
    response = MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, 4096, read_events, stream, free_events);
    if (!response) free_events(stream);
  }
  return send_response(connection, MHD_HTTP_OK, response, "text/event-stream; charset=utf-8", NULL);
}

/* ---- the picture ------------------------------------------------------------- */

static enum MHD_Result send_picture(cjm_server *s, struct MHD_Connection *connection) {
  const char *view = MHD_lookup_connection_value(connection, MHD_GET_ARGUMENT_KIND, "view");
  const char *persona = MHD_lookup_connection_value(connection, MHD_GET_ARGUMENT_KIND, "persona");
  const char *theme = MHD_lookup_connection_value(connection, MHD_GET_ARGUMENT_KIND, "theme");
  cjm_preview_request request = {.view = CJM_VIEW_MAP, .theme = "light"};
  if (view && strcmp(view, "flow") == 0) request.view = CJM_VIEW_FLOW;
  else if (view && *view && strcmp(view, "map") != 0) return send_text(connection, MHD_HTTP_BAD_REQUEST, "view is map or flow\n");
  if (theme && *theme && strcmp(theme, "light") != 0 && strcmp(theme, "dark") != 0)
    return send_text(connection, MHD_HTTP_BAD_REQUEST, "theme is light or dark\n");
  if (theme && *theme) request.theme = theme;
  if (persona && strlen(persona) > MAX_PERSONA_BYTES)
    return send_text(connection, MHD_HTTP_BAD_REQUEST, "persona too long\n");
  request.persona = persona && *persona ? persona : NULL;
  char *svg;
  size_t len;
  unsigned long generation = 0;
  switch (cjm_preview_picture(s->preview, &request, &svg, &len, &generation)) {
  case CJM_PREVIEW_PICTURE: break;
  case CJM_PREVIEW_NO_JOURNEY:
    return send_text(connection, MHD_HTTP_SERVICE_UNAVAILABLE, "no picture yet: the journey has errors\n");
  case CJM_PREVIEW_NO_PERSONA:
    return send_text(connection, MHD_HTTP_NOT_FOUND, "the journey has no such persona\n");
  case CJM_PREVIEW_FAILED:
    return send_text(connection, MHD_HTTP_INTERNAL_SERVER_ERROR, "the picture could not be drawn\n");
  }
  struct MHD_Response *response = MHD_create_response_from_buffer(len, svg, MHD_RESPMEM_MUST_FREE);
  if (!response) {
    free(svg);
    return MHD_NO;
  }
  char tag[32];
  snprintf(tag, sizeof tag, "%lu", generation);
  MHD_add_response_header(response, "X-Cjm-Generation", tag);
  return send_response(connection, MHD_HTTP_OK, response, "image/svg+xml; charset=utf-8", picture_policy);
}

/* ---- requests ------------------------------------------------------------------ */

/* Whether another site is asking: an Origin that is not the page's own
 * (http:// and host, the Host header already found to name this server),
 * or a fetch the browser says is cross-site or same-site (another port
 * of this host) other than following a link to the page. */
static bool cross_origin(struct MHD_Connection *connection, const char *host, const char *url) {
  const char *origin = MHD_lookup_connection_value(connection, MHD_HEADER_KIND, MHD_HTTP_HEADER_ORIGIN);
  if (origin && (strncmp(origin, "http://", 7) != 0 || strcasecmp(origin + 7, host) != 0)) return true;
  const char *site = MHD_lookup_connection_value(connection, MHD_HEADER_KIND, "Sec-Fetch-Site");
  if (site && strcmp(site, "same-origin") != 0 && strcmp(site, "none") != 0) {
    const char *mode = MHD_lookup_connection_value(connection, MHD_HEADER_KIND, "Sec-Fetch-Mode");
    return !(mode && strcmp(mode, "navigate") == 0 && strcmp(url, "/") == 0);
  }
  return false;
}

/* Counts the Host headers of a request (libmicrohttpd's iterator; a
 * header's key is never NULL, its value may be). */
static enum MHD_Result count_host(void *cls, enum MHD_ValueKind kind, const char *key, const char *value) {
  (void)kind;
  (void)value;
  if (strcasecmp(key, MHD_HTTP_HEADER_HOST) == 0) ++*(int *)cls;
  return MHD_YES;
}

/* libmicrohttpd's handler of every request (url and method never NULL):
 * refusals first, then the three paths. */
static enum MHD_Result handle(void *cls, struct MHD_Connection *connection, const char *url, const char *method,
                              const char *version, const char *upload_data, size_t *upload_data_size,
                              void **request_state) {
  (void)version;
  (void)upload_data;
  (void)upload_data_size;
  (void)request_state;
  cjm_server *s = cls;
  const char *host = MHD_lookup_connection_value(connection, MHD_HEADER_KIND, MHD_HTTP_HEADER_HOST);
  int hosts = 0;
  MHD_get_connection_values(connection, MHD_HEADER_KIND, count_host, &hosts);
  if (hosts != 1 || !host_allowed(s, host))
    return send_text(connection, MHD_HTTP_FORBIDDEN, "refused: the Host header does not name this server\n");
  bool head = strcmp(method, MHD_HTTP_METHOD_HEAD) == 0;
  if (!head && strcmp(method, MHD_HTTP_METHOD_GET) != 0) {
    struct MHD_Response *response =
        MHD_create_response_from_buffer(strlen("only GET and HEAD\n"), (void *)"only GET and HEAD\n",
                                        MHD_RESPMEM_PERSISTENT);
    if (response) MHD_add_response_header(response, MHD_HTTP_HEADER_ALLOW, "GET, HEAD");
    return send_response(connection, MHD_HTTP_METHOD_NOT_ALLOWED, response, "text/plain; charset=utf-8", NULL);
  }
  if (cross_origin(connection, host, url))
    return send_text(connection, MHD_HTTP_FORBIDDEN, "refused: a request from another site\n");
  if (strcmp(url, "/") == 0) {
    struct MHD_Response *response =
        MHD_create_response_from_buffer(sizeof cjm_serve_page, (void *)cjm_serve_page, MHD_RESPMEM_PERSISTENT);
    return send_response(connection, MHD_HTTP_OK, response, "text/html; charset=utf-8", page_policy);
  }
  if (strcmp(url, "/picture.svg") == 0) return send_picture(s, connection);
  if (strcmp(url, "/events") == 0) return send_events(s, connection, head);
  return send_text(connection, MHD_HTTP_NOT_FOUND, "not found: this server has /, /picture.svg and /events\n");
}

/* ---- the daemon ---------------------------------------------------------------- */

cjm_server *cjm_server_start(cjm_preview *preview, const char *host, unsigned port) {
  parsed_address a = host_address(host);
  if (!a.family || port > 65535) {
    errno = EINVAL;
    return NULL;
  }
  cjm_server *s = cjm_xcalloc(1, sizeof *s);
  s->preview = preview;
  s->family = a.family;
  s->loopback = is_loopback(&a);
  s->wildcard = is_wildcard(&a);
  unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_THREAD_PER_CONNECTION;
  if (a.family == AF_INET) {
    struct sockaddr_in *in = (struct sockaddr_in *)&s->address;
    in->sin_family = AF_INET;
    in->sin_port = htons((uint16_t)port);
    in->sin_addr = a.v4;
  } else {
    struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)&s->address;
    in6->sin6_family = AF_INET6;
    in6->sin6_port = htons((uint16_t)port);
    in6->sin6_addr = a.v6;
    flags |= MHD_USE_IPv6;
  }
  /* No MHD_USE_ERROR_LOG: libmicrohttpd would print on standard error,
   * which the Graphviz backend captures while it draws (preview.h). */
  s->daemon = MHD_start_daemon(flags, (uint16_t)port, NULL, NULL, handle, s,
                               MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&s->address,
                               MHD_OPTION_CONNECTION_LIMIT, (unsigned)MAX_CONNECTIONS,
                               MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)IDLE_SECONDS,
                               MHD_OPTION_END);
  if (!s->daemon) {
    int saved = errno ? errno : EADDRNOTAVAIL;
    free(s);
    errno = saved;
    return NULL;
  }
  const union MHD_DaemonInfo *info = MHD_get_daemon_info(s->daemon, MHD_DAEMON_INFO_BIND_PORT);
  s->port = info ? info->port : port;
  char text[INET6_ADDRSTRLEN];
  if (a.family == AF_INET) {
    inet_ntop(AF_INET, &a.v4, text, sizeof text);
    snprintf(s->host_text, sizeof s->host_text, "%s", text);
  } else {
    inet_ntop(AF_INET6, &a.v6, text, sizeof text);
    snprintf(s->host_text, sizeof s->host_text, "[%s]", text);
  }
  return s;
}

unsigned cjm_server_port(const cjm_server *s) { return s->port; }

void cjm_server_url(const cjm_server *s, char *buffer, size_t size) {
  snprintf(buffer, size, "http://%s:%u/", s->host_text, s->port);
}

void cjm_server_stop(cjm_server *s) {
  if (!s) return;
  cjm_preview_stop(s->preview);
  MHD_stop_daemon(s->daemon);
  free(s);
}
