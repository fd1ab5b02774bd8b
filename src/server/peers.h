/* peers: which network peers are trusted proxies or on the allow-list, and
 * the client address a request stands for (the peer itself, or the
 * X-Forwarded-For hop nearest to a trusted proxy). */
#ifndef FD_PEERS_H
#define FD_PEERS_H
#include <stdbool.h>
#include <stddef.h>
#include <sys/socket.h>

#define PEERS_ADDR_LEN 48 /* an IPv6 address as text, with room */

/* ADDR or ADDR/BITS, IPv4 or IPv6. -1 with a message when malformed or
 * when the list is full. */
int Peers_add_proxy(const char *spec, char *err, size_t errlen);
int Peers_add_allowed(const char *spec, char *err, size_t errlen);
/* A peer with no per-address connection limit: an allowed address, or a
 * trusted proxy (every client behind it shares its address). */
bool Peers_unlimited(const struct sockaddr *peer);
/* The client address as text: the peer, or when the peer is a trusted
 * proxy, the rightmost X-Forwarded-For entry that is not one. */
void Peers_client(const struct sockaddr *peer, const char *forwarded_for,
                  char out[PEERS_ADDR_LEN]);
/* The peer address as 16 bytes (IPv4 mapped into IPv6); false for other
 * families. */
bool Peers_key(const struct sockaddr *peer, unsigned char key[16]);

#endif
