#include "server/precond.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

/* One list member, [s, end): "12", W/"12" or 12. */
static bool names_version(const char *s, const char *end, long long have)
{
    while (s < end && (*s == ' ' || *s == '\t'))
        s++;
    while (end > s && (end[-1] == ' ' || end[-1] == '\t'))
        end--;
    if (end - s >= 2 && strncmp(s, "W/", 2) == 0)
        s += 2;
    bool quoted = s < end && *s == '"';
    if (quoted) {
        if (end - s < 2 || end[-1] != '"')
            return false;
        s++;
        end--;
    }
    if (s == end || end - s > 18)
        return false;
    long long v = 0;
    for (; s < end; s++) {
        if (!isdigit((unsigned char)*s))
            return false;
        v = v * 10 + (*s - '0');
    }
    return v == have;
}

int Precond_if_match(const Request *rq, Reply *r, long long have, const char *what)
{
    const char *h = Request_header(rq, "If-Match");
    if (!h) {
        char detail[96];
        snprintf(detail, sizeof detail, "Send the ETag of the %s you are changing in If-Match.",
                 what);
        Reply_problem(r, 428, PROBLEM_PRECONDITION, "If-Match is required", detail);
        return 428;
    }
    size_t lead = strspn(h, " \t"), len = strlen(h + lead);
    while (len && (h[lead + len - 1] == ' ' || h[lead + len - 1] == '\t'))
        len--;
    if (len == 1 && h[lead] == '*')
        return 0;
    for (const char *s = h;;) {
        const char *comma = strchr(s, ',');
        const char *end = comma ? comma : s + strlen(s);
        if (names_version(s, end, have))
            return 0;
        if (!comma)
            return 412;
        s = comma + 1;
    }
}
