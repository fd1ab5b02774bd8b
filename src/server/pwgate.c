#include "server/pwgate.h"

#include <argon2.h>
#include <pthread.h>
#include <string.h>
#include <unistd.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t freed = PTHREAD_COND_INITIALIZER;
static unsigned workers, active, waiting, peak;
static unsigned long long checks, refused;

/* Called with the lock held. */
static unsigned limit_locked(void)
{
    if (workers == 0) {
        long cpus = sysconf(_SC_NPROCESSORS_ONLN);
        workers = cpus > 1 ? (unsigned)(cpus - 1) : 1;
    }
    return workers;
}

void Pwgate_set_workers(unsigned n)
{
    pthread_mutex_lock(&lock);
    workers = n;
    limit_locked();
    pthread_mutex_unlock(&lock);
}

unsigned Pwgate_workers(void)
{
    pthread_mutex_lock(&lock);
    unsigned n = limit_locked();
    pthread_mutex_unlock(&lock);
    return n;
}

bool Pwgate_enter(void)
{
    pthread_mutex_lock(&lock);
    unsigned limit = limit_locked();
    /* The queue is as long as the gate is wide: a waiting attempt holds a
     * request thread, so a long queue would starve other requests just as
     * running the checks would. */
    if (active + waiting >= 2 * limit) {
        refused++;
        pthread_mutex_unlock(&lock);
        return false;
    }
    waiting++;
    while (active >= limit)
        pthread_cond_wait(&freed, &lock);
    waiting--;
    active++;
    if (active > peak)
        peak = active;
    pthread_mutex_unlock(&lock);
    return true;
}

void Pwgate_leave(void)
{
    pthread_mutex_lock(&lock);
    active--;
    pthread_cond_signal(&freed);
    pthread_mutex_unlock(&lock);
}

bool Pwgate_verify(const char *encoded, const char *password)
{
    pthread_mutex_lock(&lock);
    checks++;
    pthread_mutex_unlock(&lock);
    return argon2id_verify(encoded, password, strlen(password)) == ARGON2_OK;
}

void Pwgate_render(Buf *b)
{
    pthread_mutex_lock(&lock);
    Buf_printf(b,
               "# HELP frontdoord_password_checks_total argon2 password verifications.\n"
               "# TYPE frontdoord_password_checks_total counter\n"
               "frontdoord_password_checks_total %llu\n"
               "# HELP frontdoord_password_checks_refused_total Sign-ins turned away (503) "
               "because the password checkers were busy.\n"
               "# TYPE frontdoord_password_checks_refused_total counter\n"
               "frontdoord_password_checks_refused_total %llu\n"
               "# HELP frontdoord_password_checks_peak Most password checks running at once.\n"
               "# TYPE frontdoord_password_checks_peak gauge\n"
               "frontdoord_password_checks_peak %u\n",
               checks, refused, peak);
    pthread_mutex_unlock(&lock);
}
