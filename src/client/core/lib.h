/* core: the client's machinery, below every feature: the loop (loop),
 * the terminal (term), HTTP (http), prompts, fields and forms (prompt,
 * field, form, form_pick), the view stack and the list of views (view,
 * views), the keymap and its actions (keymap, actions), screens and
 * options read from files (screen, config, embedded), layout arithmetic
 * (layout, reclines), the shared state and message line (app), one-line
 * questions (ask), help, and the frame around the top view (frame: keys
 * to the view or the global actions, the title and status lines). */
#ifndef FD_CORE_LIB_H
#define FD_CORE_LIB_H
#include "client/core/actions.h"
#include "client/core/app.h"
#include "client/core/ask.h"
#include "client/core/config.h"
#include "client/core/embedded.h"
#include "client/core/field.h"
#include "client/core/form.h"
#include "client/core/form_pick.h"
#include "client/core/frame.h"
#include "client/core/http.h"
#include "client/core/keymap.h"
#include "client/core/layout.h"
#include "client/core/loop.h"
#include "client/core/prompt.h"
#include "client/core/reclines.h"
#include "client/core/screen.h"
#include "client/core/term.h"
#include "client/core/version.h"
#include "client/core/view.h"
#include "client/core/views.h"
#endif
