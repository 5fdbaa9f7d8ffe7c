/*
 * The tmux shim's fast client (ADR 0025): what `tmux` runs in a run-shell, if-shell,
 * pipe-pane or #() job, and in a Claude pane with tmux_shim, when the command is one a
 * plain client can carry — one command line to a running server, its output and exit
 * status back. A tpm plugin makes tens of such calls at start; as a node process each
 * costs 30-50 ms, as this one about 1 ms.
 *
 * It speaks ccmux's protocol (src/protocol/frames.ts: u32 big-endian length of type byte
 * and payload, u8 type, payload): HELLO with the environment, COMMAND with the argv, then
 * STDOUT / STDERR / EXIT — and its stdin when the command asks for it (READ_OPEN:
 * split-window -I), sent read by read as READ frames, then READ_DONE. Anything else it leaves to the real CLI, by exec'ing
 * `node ccmux.js ARGS` (its first two arguments) before it has sent a command: a
 * terminal on stdin and stdout (attach), no command, a flag it does not know, no server
 * to connect to (the CLI starts one, or runs a serverless command), a socket dir that is
 * not private, a server that does not welcome it. So what a user sees is always what the
 * CLI would show.
 *
 * usage: ccmux-tmux NODE ENTRY [tmux arguments]
 */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#ifndef CCMUX_VERSION
#define CCMUX_VERSION "0.0.0"
#endif
#define PROTOCOL_VERSION 4
#define MAX_FRAME (16u * 1024u * 1024u)

enum { HELLO = 1, WELCOME = 2, REJECT = 3, COMMAND = 4, STDOUT_ = 5, STDERR_ = 6, EXIT_ = 7, OUTPUT = 10, DETACHED = 12, READ_OPEN = 17, READ_ = 18, READ_DONE = 19 };

extern char **environ;
static char **fallback_argv;

/* Let the CLI do it: exec node ENTRY ARGS. */
static void fallback(void) {
  execv(fallback_argv[0], fallback_argv);
  fprintf(stderr, "ccmux: cannot run %s: %s\n", fallback_argv[0], strerror(errno));
  exit(1);
}

/* A growing byte buffer; out of memory ends the process (no command sent yet, or nothing to save). */
struct buf {
  char *p;
  size_t len, cap;
};

static void put(struct buf *b, const void *data, size_t n) {
  if (b->len + n > b->cap) {
    size_t cap = b->cap ? b->cap : 4096;
    while (cap < b->len + n) cap *= 2;
    char *p = realloc(b->p, cap);
    if (!p) {
      fputs("ccmux: out of memory\n", stderr);
      exit(1);
    }
    b->p = p;
    b->cap = cap;
  }
  memcpy(b->p + b->len, data, n);
  b->len += n;
}

static void puts_(struct buf *b, const char *s) { put(b, s, strlen(s)); }

/* Length of the valid UTF-8 sequence at s (at most n bytes), or 0 if there is none. */
static size_t utf8_len(const unsigned char *s, size_t n) {
  unsigned c = s[0];
  size_t want;
  unsigned min;
  if (c < 0x80) return 1;
  if (c >= 0xc2 && c <= 0xdf) want = 2, min = 0x80;
  else if (c >= 0xe0 && c <= 0xef) want = 3, min = 0x800;
  else if (c >= 0xf0 && c <= 0xf4) want = 4, min = 0x10000;
  else return 0;
  if (n < want) return 0;
  unsigned cp = c & (0xff >> (want + 1));
  for (size_t i = 1; i < want; i++) {
    if ((s[i] & 0xc0) != 0x80) return 0;
    cp = (cp << 6) | (s[i] & 0x3f);
  }
  if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return 0;
  return want;
}

/* s as a JSON string; bytes that are not UTF-8 become U+FFFD, as node's decoding of them does. */
static void json_string(struct buf *b, const char *s) {
  const unsigned char *u = (const unsigned char *)s;
  size_t n = strlen(s);
  put(b, "\"", 1);
  for (size_t i = 0; i < n;) {
    unsigned c = u[i];
    if (c == '"' || c == '\\') {
      char e[2] = {'\\', (char)c};
      put(b, e, 2);
      i++;
    } else if (c < 0x20) {
      char e[8];
      snprintf(e, sizeof e, "\\u%04x", c);
      puts_(b, e);
      i++;
    } else {
      size_t l = utf8_len(u + i, n - i);
      if (l == 0) {
        puts_(b, "\xef\xbf\xbd");
        i++;
      } else {
        put(b, u + i, l);
        i += l;
      }
    }
  }
  put(b, "\"", 1);
}

static void frame(struct buf *out, int type, const struct buf *body) {
  uint32_t len = (uint32_t)body->len + 1;
  unsigned char h[5] = {len >> 24, len >> 16, len >> 8, len, (unsigned char)type};
  put(out, h, 5);
  put(out, body->p, body->len);
}

static int write_all(int fd, const char *p, size_t n) {
  while (n > 0) {
    ssize_t w = write(fd, p, n);
    if (w < 0) {
      if (errno == EINTR) continue;
      return -1;
    }
    p += w;
    n -= (size_t)w;
  }
  return 0;
}

/* The socket dir is ours alone (as the CLI's ensurePrivateDir checks), else the CLI says why. */
static int private_dir(const char *dir) {
  struct stat st;
  if (lstat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) return 0;
  return st.st_uid == getuid() && (st.st_mode & 077) == 0;
}

/* The socket, as the CLI resolves it (core/paths.ts), or NULL to leave it to the CLI. */
static char *socket_path(const char *label, const char *given) {
  static char path[4096];
  if (given) {
    if (given[0] != '/') return NULL;
    snprintf(path, sizeof path, "%s", given);
    return path;
  }
  const char *ccmux = getenv("CCMUX");
  if (!label && ccmux && ccmux[0] == '/') {
    const char *comma = strchr(ccmux, ',');
    size_t n = comma ? (size_t)(comma - ccmux) : strlen(ccmux);
    if (n >= sizeof path) return NULL;
    memcpy(path, ccmux, n);
    path[n] = '\0';
    return path;
  }
  char dir[4000];
  const char *runtime = getenv("XDG_RUNTIME_DIR");
  const char *tmp = getenv("CCMUX_TMPDIR");
  if (runtime && runtime[0] == '/') snprintf(dir, sizeof dir, "%s/ccmux", runtime);
  else snprintf(dir, sizeof dir, "%s/ccmux-%u", tmp && tmp[0] == '/' ? tmp : "/tmp", (unsigned)getuid());
  if (!private_dir(dir)) return NULL;
  const char *name = label ? label : "default";
  for (const char *c = name; *c; c++)
    if (*c == '/' || (c == name && *c == '.')) return NULL;
  if (!*name) return NULL;
  snprintf(path, sizeof path, "%s/%s", dir, name);
  return path;
}

/* Read a frame into *body; its type, or -1 when the connection ended or broke. */
/* Our stdin is being sent (the server asked: READ_OPEN), and whether it has been already. */
static int stdin_open, stdin_used;

/* One frame of `type` with body p[0..n) to fd. */
static int send_frame(int fd, int type, const char *p, size_t n) {
  struct buf body = {(char *)p, n, n}, out = {0};
  frame(&out, type, &body);
  int r = write_all(fd, out.p, out.len);
  free(out.p);
  return r;
}

/* One read of stdin to the server as READ (at most 64 KiB, READ_FRAME_BYTES); at its end, READ_DONE. */
static void pump_stdin(int fd) {
  char chunk[65536];
  ssize_t r = read(0, chunk, sizeof chunk);
  if (r < 0 && (errno == EINTR || errno == EAGAIN)) return;
  if (r > 0) {
    send_frame(fd, READ_, chunk, (size_t)r);
    return;
  }
  stdin_open = 0;
  struct buf done = {0};
  if (r == 0) puts_(&done, "{}");
  else {
    puts_(&done, "{\"error\":");
    json_string(&done, strerror(errno));
    puts_(&done, "}");
  }
  send_frame(fd, READ_DONE, done.p, done.len);
  free(done.p);
}

static int read_frame(int fd, struct buf *in, size_t *off, struct buf *body) {
  for (;;) {
    size_t have = in->len - *off;
    if (have >= 5) {
      const unsigned char *h = (const unsigned char *)in->p + *off;
      uint32_t len = (uint32_t)h[0] << 24 | (uint32_t)h[1] << 16 | (uint32_t)h[2] << 8 | h[3];
      if (len < 1 || len > MAX_FRAME + 1) return -1;
      if (have >= 4 + (size_t)len) {
        body->p = in->p + *off + 5;
        body->len = len - 1;
        int type = h[4];
        *off += 4 + len;
        return type;
      }
    }
    if (*off > 0) { /* what was handed out is done with: keep only the frame still coming */
      memmove(in->p, in->p + *off, in->len - *off);
      in->len -= *off;
      *off = 0;
    }
    /* While our stdin is wanted, it is sent as it comes until the server says something. */
    while (stdin_open) {
      struct pollfd p[2] = {{fd, POLLIN, 0}, {0, POLLIN, 0}};
      if (poll(p, 2, -1) < 0) {
        if (errno == EINTR) continue;
        break;
      }
      if (p[0].revents) break;
      if (p[1].revents) pump_stdin(fd);
    }
    char chunk[65536];
    ssize_t r = read(fd, chunk, sizeof chunk);
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) return -1;
    put(in, chunk, (size_t)r);
  }
}

/* The integer after "key": in a JSON object, or def. */
static long json_int(const struct buf *b, const char *key, long def) {
  char pat[64];
  snprintf(pat, sizeof pat, "\"%s\":", key);
  char *s = memmem(b->p, b->len, pat, strlen(pat));
  if (!s) return def;
  s += strlen(pat);
  char *end;
  long v = strtol(s, &end, 10);
  return end == s ? def : v;
}

/* The string after "key": in a JSON object, its common escapes undone, printed to fd. */
static void json_print_string(int fd, const struct buf *b, const char *key) {
  char pat[64];
  snprintf(pat, sizeof pat, "\"%s\":\"", key);
  char *s = memmem(b->p, b->len, pat, strlen(pat));
  if (!s) return;
  s += strlen(pat);
  char *end = b->p + b->len;
  struct buf out = {0};
  for (; s < end && *s != '"'; s++) {
    if (*s == '\\' && s + 1 < end) {
      s++;
      char c = *s == 'n' ? '\n' : *s == 't' ? '\t' : *s;
      if (*s == 'u') continue; /* \uXXXX: rare in a message; its digits print as they are */
      put(&out, &c, 1);
    } else
      put(&out, s, 1);
  }
  write_all(fd, out.p, out.len);
  free(out.p);
}

int main(int argc, char **argv) {
  if (argc < 3) {
    fputs("usage: ccmux-tmux NODE ENTRY [tmux arguments]\n", stderr);
    return 1;
  }
  fallback_argv = argv + 1;
  char **args = argv + 3;
  int nargs = argc - 3;

  const char *label = NULL, *given = NULL;
  int i = 0;
  for (; i < nargs; i++) {
    const char *a = args[i];
    if (strcmp(a, "--") == 0) {
      i++;
      break;
    }
    if (a[0] != '-' || a[1] == '\0') break;
    if (strcmp(a, "-V") == 0) {
      puts("tmux 3.3a");
      return 0;
    }
    const char **into = a[1] == 'L' ? &label : a[1] == 'S' ? &given : a[1] == 'f' ? &(const char *){NULL} : NULL;
    if (!into) fallback(); /* -C, -h, or a flag the CLI must judge */
    if (a[2] != '\0') *into = a + 2;
    else if (i + 1 < nargs) *into = args[++i];
    else fallback();
  }
  if (i >= nargs) fallback();                        /* no command: start or attach */
  if (isatty(0) && isatty(1)) fallback();            /* a terminal: the CLI may attach */
  const char *sock = socket_path(label, given);
  if (!sock || strlen(sock) >= sizeof(((struct sockaddr_un *)0)->sun_path)) fallback();

  int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) fallback();
  struct sockaddr_un addr = {.sun_family = AF_UNIX};
  strcpy(addr.sun_path, sock);
  if (connect(fd, (struct sockaddr *)&addr, sizeof addr) != 0) fallback(); /* no server: the CLI's to handle */
  signal(SIGPIPE, SIG_IGN);

  char cwd[4096];
  if (!getcwd(cwd, sizeof cwd)) strcpy(cwd, "/");
  struct buf hello = {0}, out = {0};
  char num[64];
  snprintf(num, sizeof num, "{\"protocol\":%d,\"version\":", PROTOCOL_VERSION);
  puts_(&hello, num);
  json_string(&hello, CCMUX_VERSION);
  snprintf(num, sizeof num, ",\"pid\":%ld,\"cwd\":", (long)getpid());
  puts_(&hello, num);
  json_string(&hello, cwd);
  puts_(&hello, ",\"tty\":false,\"cols\":80,\"rows\":24,\"env\":{");
  int first = 1;
  for (char **e = environ; *e; e++) {
    char *eq = strchr(*e, '=');
    if (!eq || eq == *e) continue;
    if (!first) put(&hello, ",", 1);
    first = 0;
    *eq = '\0';
    json_string(&hello, *e);
    *eq = '=';
    put(&hello, ":", 1);
    json_string(&hello, eq + 1);
  }
  puts_(&hello, "}}");
  frame(&out, HELLO, &hello);
  if (write_all(fd, out.p, out.len) != 0) fallback();

  struct buf in = {0}, body;
  size_t off = 0;
  int type = read_frame(fd, &in, &off, &body);
  if (type != WELCOME || json_int(&body, "protocol", -1) != PROTOCOL_VERSION) fallback();

  struct buf cmd = {0};
  puts_(&cmd, "{\"argv\":[");
  for (int k = i; k < nargs; k++) {
    if (k > i) put(&cmd, ",", 1);
    json_string(&cmd, args[k]);
  }
  puts_(&cmd, "]}");
  out.len = 0;
  frame(&out, COMMAND, &cmd);
  if (write_all(fd, out.p, out.len) != 0) {
    fputs("ccmux: the server closed the connection\n", stderr);
    return 1;
  }

  /* From here the command has gone: whatever happens is reported, never run again. */
  int out_ok = 1, err_ok = 1;
  for (;;) {
    type = read_frame(fd, &in, &off, &body);
    switch (type) {
    case STDOUT_:
    case OUTPUT:
      if (out_ok && write_all(1, body.p, body.len) != 0) out_ok = 0; /* a reader gone: quietly */
      break;
    case STDERR_:
      if (err_ok && write_all(2, body.p, body.len) != 0) err_ok = 0;
      break;
    case EXIT_:
    case DETACHED:
      return (int)json_int(&body, "code", type == EXIT_ ? 1 : 0);
    case REJECT:
      write_all(2, "ccmux: ", 7);
      json_print_string(2, &body, "message");
      write_all(2, "\n", 1);
      return 1;
    case READ_OPEN: /* split-window -I: our stdin, once */
      if (stdin_used) send_frame(fd, READ_DONE, "{}", 2);
      else stdin_used = stdin_open = 1;
      break;
    case -1:
      fputs("ccmux: the server closed the connection\n", stderr);
      return 1;
    default:
      break; /* nothing else is meant for a client with no terminal */
    }
  }
}
