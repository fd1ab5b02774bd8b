/* metrics: request counts by route and status, and a latency histogram,
 * rendered as Prometheus text for GET /metrics. */
#ifndef FD_METRICS_H
#define FD_METRICS_H

/* route: the matched route's pattern, which must outlive the process (the
 * route table's), or NULL for requests no route matched. Metrics is handed
 * the pattern rather than looking the route up, so it sits below the router. */
void Metrics_record(const char *route, const char *method, int status, double seconds);
/* Prometheus exposition text; caller frees. */
char *Metrics_render(void);

#endif
