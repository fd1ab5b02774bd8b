/* triage_int: the state of a triage, shared by triage.c (the walk),
 * triage_answer.c (answers) and qresponse.c (QuestionnaireResponse). */
#ifndef FD_TRIAGE_INT_H
#define FD_TRIAGE_INT_H
#include "common/questionnaire_int.h"
#include "common/triage.h"

/* What the triage knows about one item. A PENDING question may still hold
 * a value: the answer kept as the default after Back. */
typedef struct Slot {
    TriageItemState state;
    QValue value;
    size_t option; /* choice index, QITEM_NONE otherwise */
    char *shown;   /* the value as people see it */
} Slot;

struct Triage {
    const Questionnaire *q;
    Slot *slots;
    unsigned char *enabled; /* per item, recomputed by Triage_refresh */
    size_t current;         /* QITEM_NONE when the walk has ended */
    bool at_outcome;
    char *confirmation;
    int action;             /* SafeguardAction, -1 until confirmed */
    char error[256];
};

/* Sets the message and returns status, for one-line error returns. */
int Triage_fail(Triage *t, int status, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Recomputes enablement, drops answers of disabled items, finds the
 * current item. Call after every change. */
void Triage_refresh(Triage *t);
/* Forgets an item's answer and state. */
void Triage_slot_clear(Slot *s);
/* Stores an answer (taking ownership of v's contents) for item i and marks
 * it answered; checks nothing. */
int Triage_store(Triage *t, size_t i, QValue *v, size_t option);
/* Fails unless a question is current and answers may change. */
int Triage_check_question(Triage *t);

#endif
