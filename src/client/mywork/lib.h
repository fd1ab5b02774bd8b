/* mywork: what waits for the advisor (cases, hand-overs, call-backs,
 * messages, calls waiting), its counts on the status line and the
 * supervisor's messages on the message line. */
#ifndef FD_MYWORK_LIB_H
#define FD_MYWORK_LIB_H
#include "client/mywork/mywork.h"
#endif
