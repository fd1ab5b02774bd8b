/* screenpop: a call the phone system offers the advisor opens the search
 * with the caller's number; the contact that answers it takes it. */
#ifndef FD_SCREENPOP_LIB_H
#define FD_SCREENPOP_LIB_H
#include "client/screenpop/screenpop.h"
#endif
