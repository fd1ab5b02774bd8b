#!/usr/bin/env python3
"""What the advisor must know is on screen (issue 9.5), in tmux at 80x24
against a real frontdoord: the queue header's counts agree with its rows
and its tabs name the teams with the selected one in view."""
import datetime
import os
import sqlite3
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tuilib import TuiCase, login, runner  # noqa: E402


def iso(dt):
    return dt.strftime("%Y-%m-%dT%H:%M:%SZ")


def now_utc():
    return datetime.datetime.now(datetime.timezone.utc)


class InfoTest(TuiCase):
    customers = 200

    def db(self, sql, *args):
        with sqlite3.connect(self.srv.db_path) as c:
            return c.execute(sql, args).fetchall()

    def api(self, method, path, body=None, user="advisor", status=None):
        st, _, reply = self.srv.request(method, path, body, token=self.srv.login(user))
        if status is not None:
            self.assertEqual(st, status, reply)
        return reply

    def test_queue_counts_agree_with_rows_and_tabs_name_teams(self):
        now = now_utc()
        cb = self.api("POST", "/api/v1/callbacks", {
            "customer_id": "5", "phone": "07700 900123", "reason": "Wants an update on the bin",
            "due_at": iso(now + datetime.timedelta(hours=1)), "team_code": "waste_services"}, status=201)
        self.db("UPDATE callbacks SET due_at = ? WHERE id = ?", iso(now - datetime.timedelta(minutes=4)),
                int(cb["id"]))
        self.api("POST", "/api/v1/cases", {"customer_id": "3", "service_code": "missed_bin",
                                           "summary": "Grey bin missed"}, status=201)
        with self.client() as t:
            login(t, "backoffice")
            t.key("M-w")
            t.wait_for("Queue: Waste Services")
            screen = t.wait_for("PAST SLA by")
            # one row is past SLA, and the header says so
            t.wait_for(r"2 waiting \(1 past SLA\)")
            self.assertEqual(screen.count("PAST SLA by"), 1, screen)
            # Waste Services is the last of eleven teams: its tab, by name,
            # is on screen at 80 columns
            t.wait_for(r"\[Waste Services 2\]")
            t.key("Tab")
            t.wait_for(r"\[Adult Social Care 0\]")
            t.wait_for("Queue: Adult Social Care")


if __name__ == "__main__":
    sys.exit(runner.main(__name__))
