/* cases: the case views (view_case, view_case_new, view_case_resolve,
 * view_handoff) and their entry points (cases), cases handed to you
 * (handoffs), and the person and team pickers (people, teamlist). */
#ifndef FD_CASES_LIB_H
#define FD_CASES_LIB_H
#include "client/cases/cases.h"
#include "client/cases/handoffs.h"
#include "client/cases/people.h"
#include "client/cases/teamlist.h"
#endif
