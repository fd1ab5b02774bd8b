#!/usr/bin/env python3
"""The advisor's lists at 80x24 against a real frontdoord (issue 9, raise
case, queue and search list): a search list typed over says whose results
it shows and Enter searches again; the queue's tab, header and rows agree
(the oldest wait is the oldest row's, headers fit); raising a case by hand
warns of an open case for the same service first."""
import datetime
import http.client
import http.server
import os
import re
import sqlite3
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tuilib import TuiCase, login, runner, search  # noqa: E402

BOX = "Find a customer:  "


def iso(dt):
    return dt.strftime("%Y-%m-%dT%H:%M:%SZ")


def now_utc():
    return datetime.datetime.now(datetime.timezone.utc)


def cursor_row(t):
    return int(t._tmux("display-message", "-p", "#{cursor_y}").strip())


class QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        pass   # a client gone before its reply is not this test's business


class HoldingProxy:
    """Forwards the client's requests to frontdoord, and while hold is set
    keeps each queue-rows request (GET .../items) until release(): the
    moment between the team summary and its rows, held open on purpose
    so the test need not catch it in flight."""

    def __init__(self, url):
        host, port = url.split("//", 1)[1].rsplit(":", 1)
        self.target = (host, int(port.rstrip("/")))
        self.holding = False
        self.held = threading.Event()
        self.go = threading.Event()
        proxy = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def forward(self):
                if proxy.holding and "/items" in self.path:
                    proxy.held.set()
                    proxy.go.wait(30)
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                con = http.client.HTTPConnection(*proxy.target, timeout=30)
                headers = {k: v for k, v in self.headers.items() if k.lower() not in ("host", "connection")}
                con.request(self.command, self.path, body or None, headers)
                reply = con.getresponse()
                data = reply.read()
                self.send_response(reply.status)
                for k, v in reply.getheaders():
                    if k.lower() not in ("connection", "transfer-encoding", "content-length"):
                        self.send_header(k, v)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
                con.close()

            do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = forward

        self.httpd = QuietServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        self.url = "http://127.0.0.1:%d" % self.httpd.server_address[1]

    def hold(self):
        self.held.clear()
        self.go.clear()
        self.holding = True

    def release(self):
        self.holding = False
        self.go.set()

    def close(self):
        self.release()
        self.httpd.shutdown()
        self.httpd.server_close()


class ListsTest(TuiCase):
    """The tests share one server: each uses its own customers."""
    customers = 200

    def db(self, sql, *args):
        with sqlite3.connect(self.srv.db_path) as c:
            return c.execute(sql, args).fetchall()

    def db_until(self, sql, done, *args):
        for _ in range(100):
            rows = self.db(sql, *args)
            if done(rows):
                return rows
            time.sleep(0.1)
        return rows

    def api(self, method, path, body=None, user="advisor", status=None):
        st, _, reply = self.srv.request(method, path, body, token=self.srv.login(user))
        if status is not None:
            self.assertEqual(st, status, reply)
        return reply

    # ---- raising a case by hand ------------------------------------------------

    def open_missed_bin_case(self, customer_id):
        """An open missed-bin case for the customer, raised two days ago."""
        ref = self.api("POST", "/api/v1/cases", {"customer_id": customer_id, "service_code": "missed_bin",
                                                 "summary": "Grey bin missed"}, status=201)["ref"]
        self.db("UPDATE cases SET created_at = ? WHERE ref = ?",
                iso(now_utc() - datetime.timedelta(days=2, hours=1)), ref)
        return ref

    def raise_missed_bin_by_hand(self, t, query, summary):
        search(t, query)
        t.wait_for("1 customer loaded")
        t.key("Enter")
        t.wait_for("Customer reference")   # the record, not the search row
        t.key("M-r")
        t.wait_for(r"> Service \*")
        t.type("missed_bin")
        t.key("Enter")
        t.wait_for(r"Missed bin collection +\(chosen\)")
        t.wait_for(r"> Summary \*")            # the pick moves on to the summary
        t.type(summary)
        t.wait_for(r"Summary \* +" + summary)
        t.key("F2")

    def cases_of(self, customer_id):
        return self.db("SELECT summary FROM cases WHERE customer_id = ? AND service_code = 'missed_bin'"
                       " ORDER BY id", int(customer_id))

    def test_raise_by_hand_warns_of_an_open_case_and_raises_on_r(self):
        ref = self.open_missed_bin_case("9")
        with self.client() as t:
            login(t)
            self.raise_missed_bin_by_hand(t, "CUS0000009", "Bin missed again")
            screen = t.wait_for("Open case %s for Missed bin collection, raised 2 days ago \u2014\\s+"
                                "add a note to it\\?" % ref)
            self.assertRegex(screen, r"n: add a note to it\s+r: raise this one anyway")
            t.settle()
            self.assertEqual(self.cases_of("9"), [("Grey bin missed",)], "nothing raised before the answer")
            t.key("r")                                 # raise anyway
            t.wait_for("Read the reference to the customer: FD-")
        self.assertEqual(self.db_until("SELECT COUNT(*) FROM cases WHERE customer_id = 9",
                                       lambda rows: rows[0][0] == 2), [(2,)])
        self.assertEqual(self.cases_of("9"), [("Grey bin missed",), ("Bin missed again",)])

    def test_raise_by_hand_offers_a_note_to_the_open_case(self):
        ref = self.open_missed_bin_case("11")
        with self.client() as t:
            login(t)
            self.raise_missed_bin_by_hand(t, "CUS0000011", "Bin missed again")
            t.wait_for("Open case %s for Missed bin collection" % ref)
            t.key("n")                                 # a note to the open case instead
            t.wait_for("Add a note to case %s" % ref)
            t.type("Called again: still not collected")
            t.key("F2")
            t.wait_for("Note on %s: saved" % ref)
        notes = self.db_until("SELECT n.body FROM case_notes n JOIN cases c ON c.id = n.case_id WHERE c.ref = ?",
                              lambda rows: rows, ref)
        self.assertEqual(notes, [("Called again: still not collected",)])
        self.assertEqual(self.cases_of("11"), [("Grey bin missed",)], "no second case")

    # ---- the queue -------------------------------------------------------------------

    def callback_due(self, team, reason, ago):
        """A call-back for the team that fell due `ago` before now."""
        now = now_utc()
        cb = self.api("POST", "/api/v1/callbacks", {
            "customer_id": "5", "phone": "07700 900123", "reason": reason,
            "due_at": iso(now + datetime.timedelta(hours=1)), "team_code": team}, status=201)
        self.db("UPDATE callbacks SET due_at = ? WHERE id = ?", iso(now - ago), int(cb["id"]))

    def team_queue(self, t, name):
        t.key("M-w")
        t.wait_for("Queue: ")
        for _ in range(20):
            if "Queue: " + name in t.text():
                break
            t.key("Tab")
            t.settle(0.2)
        t.wait_for("Queue: " + name)

    def figures(self, t, team):
        """The selected tab's count, the header's waiting count and the rows."""
        screen = t.text()
        tab = re.search(r"\[%s (\d+)\]" % re.escape(team), screen)
        head = re.search(r"(\d+) waiting \(", screen)
        rows = re.findall(r"^(CALL-BACK|case) ", screen, re.M)
        return (int(tab.group(1)) if tab else None, int(head.group(1)) if head else None, len(rows)), screen

    def test_queue_oldest_is_the_oldest_rows_and_headers_fit(self):
        """Call-backs only: the oldest wait is the one three hours past due
        (it said "oldest 0 s"), and the headings fit 80 columns ("Priori…",
        "callba…" in the priority column)."""
        self.callback_due("blue_badge", "Badge renewal question", datetime.timedelta(hours=3, seconds=20))
        self.callback_due("blue_badge", "Badge not arrived", datetime.timedelta(minutes=10))
        with self.client() as t:
            login(t, "backoffice")
            self.team_queue(t, "Blue Badge Team")
            screen = t.wait_for(r"PAST SLA by 3:00(.|\n)*PAST SLA by 10:")
            self.assertRegex(screen, r"2 waiting \(2 past SLA\), oldest 3 h 0[01] min")
            head = next(line for line in screen.split("\n") if line.startswith("Kind"))
            self.assertRegex(head, r"^Kind +Ref / id +Summary +Customer +Pri +SLA$")
            self.assertNotIn("\u2026", head, "no heading is cut short")
            self.assertNotIn("callba", screen)

    def test_queue_tab_header_and_rows_agree_while_rows_load(self):
        """A call-back arrives and F5 reads the queue again: between the team
        summary and its rows (held open by the proxy), the tab used to count
        the new item while the header and rows did not."""
        proxy = HoldingProxy(self.srv.url)
        try:
            self.callback_due("parking", "Permit not received", datetime.timedelta(minutes=20))
            with self.client(args=["--server", proxy.url]) as t:
                login(t, "backoffice")
                self.team_queue(t, "Parking Services")
                t.wait_for(r"\[Parking Services 1\](.|\n)*Permit not")
                self.callback_due("parking", "Fine paid twice", datetime.timedelta(minutes=5))
                proxy.hold()
                t.key("F5")
                self.assertTrue(proxy.held.wait(30), "the client asked for the rows")
                t.wait_for(r"Reading the queue(?!s)")   # drawn once the summary is in
                figures, screen = self.figures(t, "Parking Services")
                self.assertEqual(figures, (1, 1, 1), screen)
                proxy.release()
                t.wait_for(r"Fine paid")
                figures, screen = self.figures(t, "Parking Services")
                self.assertEqual(figures, (2, 2, 2), screen)
        finally:
            proxy.close()

    # ---- the search list ---------------------------------------------------------

    def test_list_typed_over_is_marked_and_enter_searches(self):
        """"smith" typed over the Taylor results: the list says it is still
        Taylor's, and Enter on it (even back in the list) searches for Smith
        instead of opening a Taylor."""
        with self.client() as t:
            login(t)
            search(t, "taylor")
            t.wait_for(r"> .*Taylor(.|\n)*customers? loaded")
            t.type("smith")
            screen = t.wait_for("Results for \u201ctaylor\u201d \u2014 Enter searches for \u201csmith\u201d")
            self.assertIn(BOX + "smith", screen)
            self.assertNotIn("Enter opens the record", screen)
            t.key("Tab")                      # back to the old rows
            t.wait_for("Results for \u201ctaylor\u201d")
            self.assertNotEqual(cursor_row(t), 1, "the focus is on the list")
            t.key("Enter")
            screen = t.wait_for(r"> .*Smith(.|\n)*customers? loaded")
            self.assertNotIn("Results for", screen)
            self.assertIn("Customer search", screen.split("\n")[0], "no Taylor record was opened")


if __name__ == "__main__":
    sys.exit(runner.main(__name__))
