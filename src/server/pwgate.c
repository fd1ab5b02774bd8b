#include "server/pwgate.h"

#include <argon2.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAX_WORKERS 64

typedef struct Task {
    PwgateJob job;
    void *arg;
} Task;

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t queued = PTHREAD_COND_INITIALIZER;
static pthread_t threads[MAX_WORKERS];
static unsigned workers, started;
static Task *ring;
static unsigned cap, head, count;
static bool stopping;
static unsigned checking, peak;
static unsigned long long checks, refused;

void Pwgate_set_workers(unsigned n)
{
    if (n == 0) {
        long cpus = sysconf(_SC_NPROCESSORS_ONLN);
        n = cpus > 1 ? (unsigned)(cpus - 1) : 1;
    }
    workers = n > MAX_WORKERS ? MAX_WORKERS : n;
}

static void *worker_main(void *unused)
{
    pthread_mutex_lock(&lock);
    for (;;) {
        while (count == 0 && !stopping)
            pthread_cond_wait(&queued, &lock);
        if (count == 0)
            break;   /* stopping, and nothing left to run */
        Task t = ring[head];
        head = (head + 1) % cap;
        count--;
        pthread_mutex_unlock(&lock);
        t.job(t.arg);
        pthread_mutex_lock(&lock);
    }
    pthread_mutex_unlock(&lock);
    return NULL;
}

int Pwgate_start(void)
{
    if (workers == 0)
        Pwgate_set_workers(0);
    /* A waiting sign-in holds no request thread, only a suspended
     * connection, and a flooder kept waiting sends no more; one turned away
     * at once comes straight back. So the queue is generous: a default
     * per-address share of connections per checker. */
    cap = 16 * workers + 16;
    if (!(ring = calloc(cap, sizeof *ring)))
        return -1;
    head = count = 0;
    stopping = false;
    for (started = 0; started < workers; started++)
        if (pthread_create(&threads[started], NULL, worker_main, NULL) != 0) {
            Pwgate_stop();
            return -1;
        }
    return 0;
}

void Pwgate_stop(void)
{
    pthread_mutex_lock(&lock);
    stopping = true;
    pthread_cond_broadcast(&queued);
    pthread_mutex_unlock(&lock);
    for (unsigned i = 0; i < started; i++)
        pthread_join(threads[i], NULL);
    started = 0;
    free(ring);
    ring = NULL;
}

bool Pwgate_submit(PwgateJob job, void (*park)(void *arg), void *arg)
{
    pthread_mutex_lock(&lock);
    bool ok = ring && !stopping && count < cap;
    if (ok) {
        park(arg);
        ring[(head + count) % cap] = (Task){job, arg};
        count++;
        pthread_cond_signal(&queued);
    } else {
        refused++;
    }
    pthread_mutex_unlock(&lock);
    return ok;
}

bool Pwgate_verify(const char *encoded, const char *password)
{
    pthread_mutex_lock(&lock);
    checks++;
    if (++checking > peak)
        peak = checking;
    pthread_mutex_unlock(&lock);
    bool ok = argon2id_verify(encoded, password, strlen(password)) == ARGON2_OK;
    pthread_mutex_lock(&lock);
    checking--;
    pthread_mutex_unlock(&lock);
    return ok;
}

void Pwgate_render(Buf *b)
{
    pthread_mutex_lock(&lock);
    Buf_printf(b,
               "# HELP frontdoord_password_checks_total argon2 password verifications.\n"
               "# TYPE frontdoord_password_checks_total counter\n"
               "frontdoord_password_checks_total %llu\n"
               "# HELP frontdoord_password_checks_refused_total Sign-ins turned away (503) "
               "because the password-check queue was full.\n"
               "# TYPE frontdoord_password_checks_refused_total counter\n"
               "frontdoord_password_checks_refused_total %llu\n"
               "# HELP frontdoord_password_checks_peak Most password checks running at once.\n"
               "# TYPE frontdoord_password_checks_peak gauge\n"
               "frontdoord_password_checks_peak %u\n",
               checks, refused, peak);
    pthread_mutex_unlock(&lock);
}
