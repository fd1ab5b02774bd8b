/* version: the client's version string, shown by --version and sent as
 * the User-Agent. */
#ifndef FD_CLIENT_VERSION_H
#define FD_CLIENT_VERSION_H
#define FD_VERSION "0.1.0"
#endif
