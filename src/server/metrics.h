/* metrics: request counts by route and status, and a latency histogram,
 * rendered as Prometheus text for GET /metrics. */
#ifndef FD_METRICS_H
#define FD_METRICS_H

/* route: index in the route table, or -1 for requests no route matched. */
void Metrics_record(int route, const char *method, int status, double seconds);
/* Prometheus exposition text; caller frees. */
char *Metrics_render(void);

#endif
