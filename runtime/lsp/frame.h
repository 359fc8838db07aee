/* frame — the base protocol of the Language Server Protocol: messages
 * framed by a `Content-Length` header, read from and written to file
 * descriptors.
 *
 * A cjm_lsp_reader owns its read buffer and nothing else; the descriptor
 * belongs to the caller. A message body handed out by cjm_lsp_read_frame()
 * is malloc'd and owned by the caller. Every input-driven size has a
 * limit: the header block (8 KiB) and the body (the reader's max_body), so
 * a hostile or broken client cannot make the server allocate without
 * bound. Depends on libc only: no JSON, no cjm types. */
#ifndef CJM_LSP_FRAME_H
#define CJM_LSP_FRAME_H

#include <stdbool.h>
#include <stddef.h>

/* The longest header block accepted, in bytes. */
enum { CJM_LSP_MAX_HEADER = 8192 };

/* A buffered reader of framed messages on one descriptor. */
typedef struct cjm_lsp_reader {
  int fd;            /* read from; not owned */
  size_t max_body;   /* the largest body accepted */
  char *buf;         /* buffered bytes not yet consumed (malloc'd) */
  size_t start, end; /* buf[start..end) is unread */
  size_t cap;        /* bytes allocated for buf */
  bool eof;          /* the descriptor has reported end of input */
} cjm_lsp_reader;

/* What reading one frame gave. */
typedef enum cjm_lsp_frame_status {
  CJM_FRAME_OK,         /* a body was read */
  CJM_FRAME_EOF,        /* end of input before a new frame began */
  CJM_FRAME_TRUNCATED,  /* end of input in the middle of a frame */
  CJM_FRAME_BAD_HEADER, /* a header block without a valid Content-Length, or
                           over CJM_LSP_MAX_HEADER; the block was skipped */
  CJM_FRAME_TOO_LARGE,  /* a Content-Length over max_body; the body was read
                           and dropped, so the next frame can be read */
  CJM_FRAME_IO,         /* read failed (errno says why) */
} cjm_lsp_frame_status;

/* Sets up a reader on fd accepting bodies of at most max_body bytes. */
void cjm_lsp_reader_init(cjm_lsp_reader *reader, int fd, size_t max_body);

/* Frees the reader's buffer (not the descriptor). */
void cjm_lsp_reader_free(cjm_lsp_reader *reader);

/* Reads the next frame. On CJM_FRAME_OK sets *body to a malloc'd copy of
 * the body followed by a NUL byte, and *len to its length; the caller
 * frees it. Otherwise *body is NULL. Header names are matched without
 * regard to case; other headers (Content-Type) are ignored; lines may end
 * in "\r\n" or "\n". Blocks until a frame is complete or input ends. */
cjm_lsp_frame_status cjm_lsp_read_frame(cjm_lsp_reader *reader, char **body, size_t *len);

/* Writes body[0..len) to fd with its Content-Length header, retrying on
 * short writes and EINTR. Returns false when the write failed (the client
 * has gone: EPIPE). */
bool cjm_lsp_write_frame(int fd, const char *body, size_t len);

#endif
