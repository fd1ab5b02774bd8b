/* load: N simulated advisors against a running frontdoord (make bench).
 *
 *   load URL TOKEN ADVISORS SECONDS
 *
 * Each advisor repeats what a call looks like to the server: search for a
 * caller, open the record (via=search), record the contact with an
 * Idempotency-Key, then "talks" for a think time of 1-3 s. All advisors
 * share one event loop (curl multi), so the load generator itself stays
 * small beside the server on a 2-core machine. Prints request counts,
 * errors and client-side latency percentiles; the server's own figures come
 * from its request log (bench/server_load.py reads them). Bounded: stops
 * after SECONDS. Sends only to the URL given (loopback in make bench). */
#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MAX_ADVISORS 2000
#define MAX_SAMPLES 400000

typedef enum { STEP_SEARCH, STEP_OPEN, STEP_CONTACT, STEP_THINK } Step;

typedef struct Advisor {
    CURL *easy;
    Step step;
    double wake_at;      /* when thinking ends */
    double sent_at;
    char url[512];
    char body[512];
    char idem[64];
    char response[8192];
    size_t resp_len;
    char customer[24];
    struct curl_slist *headers;
    unsigned seed;
} Advisor;

static const char *base, *token;
static double samples[MAX_SAMPLES];
static size_t nsamples, errors, requests;
static const char *const prefixes[] = {"smi", "jon", "obrien", "zoe", "fd1", "wil", "tay",
                                       "bro", "dav", "eva", "kha", "pat", "lew", "rob"};

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static size_t on_data(char *p, size_t size, size_t n, void *ud)
{
    Advisor *a = ud;
    size_t len = size * n, room = sizeof a->response - 1 - a->resp_len;
    memcpy(a->response + a->resp_len, p, len < room ? len : room);
    a->resp_len += len < room ? len : room;
    a->response[a->resp_len] = '\0';
    return len;
}

/* The first customer id in a search answer; "1" when there is none. */
static void first_id(Advisor *a)
{
    const char *p = strstr(a->response, "\"id\":\"");
    snprintf(a->customer, sizeof a->customer, "1");
    if (p)
        sscanf(p + 6, "%20[0-9]", a->customer);
}

static void utc(char *out, size_t cap, time_t t)
{
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, cap, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static void prepare(Advisor *a)
{
    char auth[160], key[96], start[32], end[32];
    curl_easy_reset(a->easy);
    curl_slist_free_all(a->headers);
    snprintf(auth, sizeof auth, "Authorization: Bearer %s", token);
    a->headers = curl_slist_append(NULL, auth);
    a->headers = curl_slist_append(a->headers, "Content-Type: application/json");
    a->resp_len = 0;
    if (a->step == STEP_SEARCH) {
        snprintf(a->url, sizeof a->url, "%s/api/v1/customers?limit=25&q=%s", base,
                 prefixes[rand_r(&a->seed) % (sizeof prefixes / sizeof prefixes[0])]);
    } else if (a->step == STEP_OPEN) {
        snprintf(a->url, sizeof a->url, "%s/api/v1/customers/%s?via=search", base, a->customer);
    } else {
        snprintf(a->url, sizeof a->url, "%s/api/v1/contacts", base);
        snprintf(key, sizeof key, "Idempotency-Key: load-%u-%u", a->seed, rand_r(&a->seed));
        a->headers = curl_slist_append(a->headers, key);
        time_t t = time(NULL);
        utc(start, sizeof start, t - 120);
        utc(end, sizeof end, t);
        snprintf(a->body, sizeof a->body,
                 "{\"customer_id\":\"%s\",\"channel\":\"phone\",\"started_at\":\"%s\","
                 "\"ended_at\":\"%s\",\"wrap_code\":\"missed_bin_reported\","
                 "\"outcome\":\"resolved\"}", a->customer, start, end);
        curl_easy_setopt(a->easy, CURLOPT_POSTFIELDS, a->body);
    }
    curl_easy_setopt(a->easy, CURLOPT_URL, a->url);
    curl_easy_setopt(a->easy, CURLOPT_HTTPHEADER, a->headers);
    curl_easy_setopt(a->easy, CURLOPT_WRITEFUNCTION, on_data);
    curl_easy_setopt(a->easy, CURLOPT_WRITEDATA, a);
    curl_easy_setopt(a->easy, CURLOPT_PRIVATE, a);
    curl_easy_setopt(a->easy, CURLOPT_ACCEPT_ENCODING, "");
    curl_easy_setopt(a->easy, CURLOPT_TIMEOUT, 30L);
}

static void finished(CURLM *multi, CURLMsg *msg, double t)
{
    Advisor *a;
    long status = 0;
    curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, (char **)&a);
    curl_easy_getinfo(msg->easy_handle, CURLINFO_RESPONSE_CODE, &status);
    curl_multi_remove_handle(multi, a->easy);
    requests++;
    if (msg->data.result != CURLE_OK || status >= 400)
        errors++;
    if (nsamples < MAX_SAMPLES)
        samples[nsamples++] = (t - a->sent_at) * 1000.0;
    if (a->step == STEP_SEARCH)
        first_id(a);
    a->step = a->step == STEP_CONTACT ? STEP_THINK : a->step + 1;
    a->wake_at = t + (a->step == STEP_THINK ? 1.0 + (rand_r(&a->seed) % 2000) / 1000.0 : 0);
}

static int cmp(const void *x, const void *y)
{
    double a = *(const double *)x, b = *(const double *)y;
    return a < b ? -1 : a > b;
}

static double pct(double p)
{
    if (!nsamples)
        return 0;
    size_t k = (size_t)(p / 100.0 * (double)nsamples);
    return samples[k < nsamples ? k : nsamples - 1];
}

int main(int argc, char **argv)
{
    if (argc != 5) {
        fprintf(stderr, "usage: load URL TOKEN ADVISORS SECONDS\n");
        return 2;
    }
    base = argv[1];
    token = argv[2];
    int n = atoi(argv[3]);
    double seconds = atof(argv[4]);
    if (n < 1 || n > MAX_ADVISORS || seconds <= 0)
        return 2;
    curl_global_init(CURL_GLOBAL_DEFAULT);
    CURLM *multi = curl_multi_init();
    curl_multi_setopt(multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, (long)n);
    Advisor *adv = calloc((size_t)n, sizeof *adv);
    double start = now_s();
    for (int i = 0; i < n; i++) {
        adv[i].easy = curl_easy_init();
        adv[i].seed = (unsigned)i * 2654435761u + 1;
        adv[i].step = STEP_THINK;
        adv[i].wake_at = start + (i % 100) * 0.02; /* ramp up over 2 s */
    }
    while (now_s() - start < seconds) {
        double t = now_s();
        for (int i = 0; i < n; i++) {
            Advisor *a = &adv[i];
            if (a->wake_at > 0 && a->wake_at <= t) {
                if (a->step == STEP_THINK)
                    a->step = STEP_SEARCH;
                prepare(a);
                a->sent_at = t;
                a->wake_at = 0;
                curl_multi_add_handle(multi, a->easy);
            }
        }
        int running;
        curl_multi_perform(multi, &running);
        curl_multi_poll(multi, NULL, 0, 10, NULL);
        CURLMsg *msg;
        int left;
        while ((msg = curl_multi_info_read(multi, &left)))
            if (msg->msg == CURLMSG_DONE)
                finished(multi, msg, now_s());
    }
    double elapsed = now_s() - start;
    qsort(samples, nsamples, sizeof samples[0], cmp);
    printf("requests=%zu errors=%zu rate=%.0f/s client_p50=%.2fms client_p99=%.2fms\n",
           requests, errors, (double)requests / elapsed, pct(50), pct(99));
    for (int i = 0; i < n; i++) {
        curl_multi_remove_handle(multi, adv[i].easy);
        curl_easy_cleanup(adv[i].easy);
        curl_slist_free_all(adv[i].headers);
    }
    free(adv);
    curl_multi_cleanup(multi);
    curl_global_cleanup();
    return 0;
}
