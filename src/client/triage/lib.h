/* triage: the call reason picker (view_reason) and the scripted triage
 * view (view_triage, with its state, drawing, keys and the records an
 * outcome creates); `frontdoor script check|try` (script_cmd,
 * script_content). */
#ifndef FD_TRIAGE_LIB_H
#define FD_TRIAGE_LIB_H
#include "client/triage/script_cmd.h"
#include "client/triage/script_content.h"
#include "client/triage/triage_start.h"
#include "client/triage/view_reason.h"
#include "client/triage/view_triage.h"
#endif
