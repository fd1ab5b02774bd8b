/* log: one line per event on stderr, key=value pairs, with the request id.
 *
 * Callers pass only values that are safe to keep: ids, routes, statuses,
 * counts. Never a token, password, name, address, phone number or note. */
#ifndef FD_LOG_H
#define FD_LOG_H

typedef enum { LOG_DEBUG, LOG_INFO, LOG_WARN, LOG_ERROR } LogLevel;

/* Where lines go (default stderr); the client points it at a file because
 * stderr is the terminal. NULL restores stderr. */
void Log_set_file(const char *path);
/* The request id for this thread, printed as req=... (NULL clears). */
void Log_set_request_id(const char *id);
void Log_event(LogLevel level, const char *event, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
