/* views: every view of the client, listed once (tig's VIEW_INFO). The
 * list makes the view ids; main.c makes the ops declarations and hands
 * the table to the view stack, so a view opens another by its id and no
 * module but main links against every view. */
#ifndef FD_VIEWS_H
#define FD_VIEWS_H

/* X(ID, name): the ops table is view_<name>_ops, defined in the view's file. */
#define VIEW_INFO(X) \
    X(LOGIN, login) \
    X(LOCK, lock) \
    X(HELP, help) \
    X(ASK, ask) \
    X(SEARCH, search) \
    X(CUSTOMER, customer) \
    X(CUSTOMER_EDIT, customer_edit) \
    X(CUSTOMER_NEW, customer_new) \
    X(CONFLICT, conflict) \
    X(HISTORY, history) \
    X(OUTBOX, outbox) \
    X(REASON, reason) \
    X(TRIAGE, triage) \
    X(KB, kb) \
    X(CASE, case) \
    X(CASE_NEW, case_new) \
    X(CASE_RESOLVE, case_resolve) \
    X(HANDOFF, handoff) \
    X(NOTE, note) \
    X(QUEUE, queue) \
    X(CALLBACK, callback) \
    X(CALLBACK_DONE, callback_done) \
    X(WRAPUP, wrapup) \
    X(MYWORK, mywork)

typedef enum ViewId {
#define VIEW_ID_(ID, name) VIEW_##ID,
    VIEW_INFO(VIEW_ID_)
#undef VIEW_ID_
    VIEW_COUNT
} ViewId;

/* What a view is, for the code that must know what is on screen without
 * knowing which view it is (tig's view_flag). */
typedef enum ViewFlag {
    VIEW_FLAG_HOME = 1 << 0,          /* the wrap-up goes back down to it */
    VIEW_FLAG_READING = 1 << 1,       /* nothing typed: a handed-over case may cover it */
    VIEW_FLAG_STARTS_TRIAGE = 1 << 2, /* a triage may start from it */
    VIEW_FLAG_BACK_POPS = 1 << 3,     /* the global Back closes it */
    VIEW_FLAG_NO_HELP = 1 << 4,       /* help is not opened over it */
    VIEW_FLAG_NO_KB = 1 << 5,         /* the knowledge base is not opened over it */
    VIEW_FLAG_COVERS = 1 << 6,        /* help: Back/Cancel leave it even while safeguarding holds */
    VIEW_FLAG_CONFLICT = 1 << 7,      /* shows a 412: yours and theirs */
    VIEW_FLAG_RECORD = 1 << 8,        /* a customer's record: triage starts from it */
} ViewFlag;

#endif
