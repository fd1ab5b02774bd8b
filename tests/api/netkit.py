"""Requests from a chosen loopback source address (127.0.0.2 stands for
another machine), and concurrent sign-ins, for the throttling and
connection-limit suites."""
import http.client
import json
import threading

LOGIN = "/api/v1/auth/login"
OTHER = "127.0.0.2"


def request_from(srv, source, method, path, body=None, headers=None, timeout=60):
    """One request on a fresh connection bound to source; returns (status,
    headers with lower-case keys, parsed JSON or text)."""
    hdrs = dict(headers or {})
    data = None
    if body is not None:
        data = json.dumps(body).encode()
        hdrs["Content-Type"] = "application/json"
    conn = http.client.HTTPConnection("127.0.0.1", srv.port, timeout=timeout,
                                      source_address=(source, 0))
    try:
        conn.request(method, path, body=data, headers=hdrs)
        resp = conn.getresponse()
        payload = resp.read()
        rh = {k.lower(): v for k, v in resp.getheaders()}
        try:
            parsed = json.loads(payload.decode("utf-8"))
        except ValueError:
            parsed = payload.decode("utf-8", errors="replace")
        return resp.status, rh, parsed
    finally:
        conn.close()


def login_from(srv, source, username, password, headers=None):
    return request_from(srv, source, "POST", LOGIN,
                        {"username": username, "password": password}, headers)


def in_parallel(count, fn):
    """Run fn(i) in count threads released together; returns the results
    in order (an exception is returned in place of its result)."""
    results = [None] * count
    barrier = threading.Barrier(count)

    def run(i):
        try:
            barrier.wait(timeout=60)
            results[i] = fn(i)
        except Exception as e:  # noqa: BLE001 - reported by the caller
            results[i] = e

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    return results


def metric(srv, name):
    """A plain (label-less) sample from /metrics, or None."""
    status, _, text = srv.request("GET", "/metrics")
    if status != 200:
        return None
    for line in text.splitlines():
        if line.startswith(name + " "):
            return float(line.split()[1])
    return None
