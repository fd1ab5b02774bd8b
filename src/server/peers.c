#include "server/peers.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PEERS_MAX 64

typedef struct Prefix {
    unsigned char addr[16];
    int bits;
} Prefix;

typedef struct PrefixList {
    Prefix items[PEERS_MAX];
    int count;
} PrefixList;

/* Written only while parsing the command line, before any thread starts. */
static PrefixList proxies, allowed;

static const unsigned char V4_MAPPED[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};

/* Text to 16 bytes; IPv4 becomes ::ffff:a.b.c.d so one matcher serves both. */
static bool parse_addr(const char *text, unsigned char out[16], bool *v4)
{
    struct in_addr a4;
    *v4 = inet_pton(AF_INET, text, &a4) == 1;
    if (*v4) {
        memcpy(out, V4_MAPPED, 12);
        memcpy(out + 12, &a4, 4);
        return true;
    }
    return inet_pton(AF_INET6, text, out) == 1;
}

static int add_prefix(PrefixList *list, const char *spec, const char *what, char *err,
                      size_t errlen)
{
    char text[PEERS_ADDR_LEN];
    size_t n = strcspn(spec, "/");
    bool v4;
    Prefix p;
    if (list->count == PEERS_MAX || n >= sizeof text) {
        snprintf(err, errlen, "%s: too many, or '%s' is not an address", what, spec);
        return -1;
    }
    memcpy(text, spec, n);
    text[n] = '\0';
    char *end = NULL;
    long bits = spec[n] == '/' ? strtol(spec + n + 1, &end, 10) : -1;
    if (!parse_addr(text, p.addr, &v4) || (end && (*end || end == spec + n + 1)) ||
        bits > (v4 ? 32 : 128) || (end && bits < 0)) {
        snprintf(err, errlen, "%s wants ADDRESS or ADDRESS/BITS, got '%s'", what, spec);
        return -1;
    }
    p.bits = bits < 0 ? 128 : (int)bits + (v4 ? 96 : 0);
    list->items[list->count++] = p;
    return 0;
}

int Peers_add_proxy(const char *spec, char *err, size_t errlen)
{
    return add_prefix(&proxies, spec, "--trusted-proxy", err, errlen);
}

int Peers_add_allowed(const char *spec, char *err, size_t errlen)
{
    return add_prefix(&allowed, spec, "--allow-address", err, errlen);
}

static bool in_prefix(const Prefix *p, const unsigned char addr[16])
{
    int whole = p->bits / 8, rest = p->bits % 8;
    if (memcmp(p->addr, addr, (size_t)whole) != 0)
        return false;
    if (rest == 0)
        return true;
    unsigned char mask = (unsigned char)(0xff << (8 - rest));
    return (p->addr[whole] & mask) == (addr[whole] & mask);
}

static bool in_list(const PrefixList *list, const unsigned char addr[16])
{
    for (int i = 0; i < list->count; i++)
        if (in_prefix(&list->items[i], addr))
            return true;
    return false;
}

bool Peers_key(const struct sockaddr *peer, unsigned char key[16])
{
    if (peer && peer->sa_family == AF_INET) {
        memcpy(key, V4_MAPPED, 12);
        memcpy(key + 12, &((const struct sockaddr_in *)peer)->sin_addr, 4);
        return true;
    }
    if (peer && peer->sa_family == AF_INET6) {
        memcpy(key, &((const struct sockaddr_in6 *)peer)->sin6_addr, 16);
        return true;
    }
    return false;
}

bool Peers_unlimited(const struct sockaddr *peer)
{
    unsigned char key[16];
    return Peers_key(peer, key) && (in_list(&allowed, key) || in_list(&proxies, key));
}

static void format_key(const unsigned char key[16], char out[PEERS_ADDR_LEN])
{
    if (memcmp(key, V4_MAPPED, 12) == 0)
        inet_ntop(AF_INET, key + 12, out, PEERS_ADDR_LEN);
    else
        inet_ntop(AF_INET6, key, out, PEERS_ADDR_LEN);
}

/* The entry of a comma-separated list that ends just before *end, trimmed;
 * moves *end to its start. False when there are no more. */
static bool previous_entry(const char *list, const char **end, char out[PEERS_ADDR_LEN])
{
    const char *stop = *end, *start = stop;
    if (stop <= list)
        return false;
    while (start > list && start[-1] != ',')
        start--;
    *end = start > list ? start - 1 : list;
    while (start < stop && (*start == ' ' || *start == '\t'))
        start++;
    while (stop > start && (stop[-1] == ' ' || stop[-1] == '\t'))
        stop--;
    if (stop - start >= PEERS_ADDR_LEN)
        return false;
    memcpy(out, start, (size_t)(stop - start));
    out[stop - start] = '\0';
    return true;
}

void Peers_client(const struct sockaddr *peer, const char *forwarded_for,
                  char out[PEERS_ADDR_LEN])
{
    unsigned char key[16], hop[16];
    char text[PEERS_ADDR_LEN];
    bool v4;
    if (!Peers_key(peer, key)) {
        snprintf(out, PEERS_ADDR_LEN, "unknown");
        return;
    }
    /* Walk from the right: each hop added by a trusted proxy is believed,
     * and the first hop that is not a trusted proxy is the client. What a
     * client wrote further left is its own claim and is ignored. */
    const char *end = forwarded_for ? forwarded_for + strlen(forwarded_for) : NULL;
    while (in_list(&proxies, key) && end && previous_entry(forwarded_for, &end, text) &&
           parse_addr(text, hop, &v4))
        memcpy(key, hop, sizeof key);
    format_key(key, out);
}
