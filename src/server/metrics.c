#include "server/metrics.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "common/buf.h"
#include "server/eventwait.h"
#include "server/pwgate.h"
#include "server/store/store.h"

#define MAX_SERIES 256

static const double buckets[] = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5};
#define NBUCKETS (sizeof buckets / sizeof buckets[0])

static struct {
    const char *route; /* a route table pattern (static), NULL when unmatched */
    char method[8];
    int status;
    unsigned long long count;
} series[MAX_SERIES];
static int nseries;
static unsigned long long bucket_counts[NBUCKETS];
static unsigned long long observations;
static double latency_sum;
static pthread_mutex_t metrics_lock = PTHREAD_MUTEX_INITIALIZER;

static bool same_route(const char *a, const char *b)
{
    return a == b || (a && b && strcmp(a, b) == 0);
}

static void count_series(const char *route, const char *method, int status)
{
    for (int i = 0; i < nseries; i++) {
        if (same_route(series[i].route, route) && series[i].status == status &&
            strcmp(series[i].method, method) == 0) {
            series[i].count++;
            return;
        }
    }
    if (nseries == MAX_SERIES)
        return;
    series[nseries].route = route;
    snprintf(series[nseries].method, sizeof series[0].method, "%s", method);
    series[nseries].status = status;
    series[nseries].count = 1;
    nseries++;
}

void Metrics_record(const char *route, const char *method, int status, double seconds)
{
    /* Unknown methods are folded so a scanner cannot grow the series. */
    static const char *const known[] = {"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"};
    const char *m = "OTHER";
    for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
        if (strcmp(method, known[i]) == 0)
            m = known[i];
    pthread_mutex_lock(&metrics_lock);
    count_series(route, m, status);
    for (size_t i = 0; i < NBUCKETS; i++)
        if (seconds <= buckets[i])
            bucket_counts[i]++;
    observations++;
    latency_sum += seconds;
    pthread_mutex_unlock(&metrics_lock);
}

char *Metrics_render(void)
{
    Buf b = BUF_INIT;
    pthread_mutex_lock(&metrics_lock);
    Buf_puts(&b, "# HELP frontdoord_requests_total HTTP requests by route, method and status.\n"
                 "# TYPE frontdoord_requests_total counter\n");
    for (int i = 0; i < nseries; i++) {
        Buf_printf(&b, "frontdoord_requests_total{route=\"%s\",method=\"%s\",status=\"%d\"} %llu\n",
                   series[i].route ? series[i].route : "unmatched", series[i].method,
                   series[i].status, series[i].count);
    }
    Buf_puts(&b, "# HELP frontdoord_request_duration_seconds Time to answer a request.\n"
                 "# TYPE frontdoord_request_duration_seconds histogram\n");
    for (size_t i = 0; i < NBUCKETS; i++)
        Buf_printf(&b, "frontdoord_request_duration_seconds_bucket{le=\"%g\"} %llu\n",
                   buckets[i], bucket_counts[i]);
    Buf_printf(&b, "frontdoord_request_duration_seconds_bucket{le=\"+Inf\"} %llu\n"
                   "frontdoord_request_duration_seconds_sum %.6f\n"
                   "frontdoord_request_duration_seconds_count %llu\n",
               observations, latency_sum, observations);
    pthread_mutex_unlock(&metrics_lock);
    Pwgate_render(&b);
    Eventwait_render(&b);
    Db_render_metrics(&b);
    return Buf_steal(&b);
}
