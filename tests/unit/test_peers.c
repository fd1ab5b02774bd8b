/* peers: address lists and the client address behind a trusted proxy. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <string.h>

#include "server/peers.h"

static struct sockaddr_storage addr(const char *text)
{
    struct sockaddr_storage ss;
    memset(&ss, 0, sizeof ss);
    struct sockaddr_in *v4 = (struct sockaddr_in *)&ss;
    struct sockaddr_in6 *v6 = (struct sockaddr_in6 *)&ss;
    if (inet_pton(AF_INET, text, &v4->sin_addr) == 1) {
        v4->sin_family = AF_INET;
    } else {
        assert_int_equal(inet_pton(AF_INET6, text, &v6->sin6_addr), 1);
        v6->sin6_family = AF_INET6;
    }
    return ss;
}

static const char *client(const char *peer, const char *xff)
{
    static char out[PEERS_ADDR_LEN];
    struct sockaddr_storage ss = addr(peer);
    Peers_client((struct sockaddr *)&ss, xff, out);
    return out;
}

static bool unlimited(const char *peer)
{
    struct sockaddr_storage ss = addr(peer);
    return Peers_unlimited((struct sockaddr *)&ss);
}

static int setup(void **state)
{
    char err[128];
    assert_int_equal(Peers_add_proxy("10.0.0.1", err, sizeof err), 0);
    assert_int_equal(Peers_add_proxy("192.168.8.0/22", err, sizeof err), 0);
    assert_int_equal(Peers_add_proxy("fd00::/8", err, sizeof err), 0);
    assert_int_equal(Peers_add_allowed("172.16.5.9/32", err, sizeof err), 0);
    return 0;
}

static void test_bad_specs_are_refused(void **state)
{
    char err[128];
    const char *bad[] = {"", "10.0.0", "10.0.0.1/33", "10.0.0.1/", "10.0.0.1/x", "::1/129",
                         "10.0.0.1/-1", "host.example", "[::1]"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_int_equal(Peers_add_allowed(bad[i], err, sizeof err), -1);
    assert_non_null(strstr(err, "--allow-address"));
}

static void test_prefixes_match_their_networks_only(void **state)
{
    assert_true(unlimited("10.0.0.1"));
    assert_false(unlimited("10.0.0.2"));
    assert_true(unlimited("192.168.8.1"));
    assert_true(unlimited("192.168.11.255"));
    assert_false(unlimited("192.168.12.0"));
    assert_true(unlimited("fd12:3456::1"));
    assert_false(unlimited("fe80::1"));
    assert_true(unlimited("172.16.5.9"));
    assert_false(unlimited("172.16.5.8"));
    assert_true(unlimited("::ffff:10.0.0.1"));   /* IPv4 seen on an IPv6 socket */
}

static void test_forwarded_for_only_from_a_proxy(void **state)
{
    assert_string_equal(client("203.0.113.7", NULL), "203.0.113.7");
    assert_string_equal(client("203.0.113.7", "198.51.100.1"), "203.0.113.7");
    assert_string_equal(client("10.0.0.1", NULL), "10.0.0.1");
    assert_string_equal(client("10.0.0.1", "198.51.100.1"), "198.51.100.1");
    assert_string_equal(client("fd00::5", " 2001:db8::7 "), "2001:db8::7");
}

static void test_rightmost_untrusted_hop_is_the_client(void **state)
{
    /* What the client wrote itself (left) is not believed. */
    assert_string_equal(client("10.0.0.1", "1.2.3.4, 198.51.100.1"), "198.51.100.1");
    /* Proxies in a chain are skipped. */
    assert_string_equal(client("10.0.0.1", "198.51.100.1,192.168.9.9"), "198.51.100.1");
    /* Nothing but proxies: the leftmost. */
    assert_string_equal(client("10.0.0.1", "192.168.9.9"), "192.168.9.9");
    /* Junk stops the walk at the last hop believed. */
    assert_string_equal(client("10.0.0.1", "198.51.100.1, junk"), "10.0.0.1");
    assert_string_equal(client("10.0.0.1", "198.51.100.1, junk, 192.168.9.9"), "192.168.9.9");
    assert_string_equal(client("10.0.0.1", ""), "10.0.0.1");
    assert_string_equal(client("10.0.0.1", ","), "10.0.0.1");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bad_specs_are_refused),
        cmocka_unit_test(test_prefixes_match_their_networks_only),
        cmocka_unit_test(test_forwarded_for_only_from_a_proxy),
        cmocka_unit_test(test_rightmost_untrusted_hop_is_the_client),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
