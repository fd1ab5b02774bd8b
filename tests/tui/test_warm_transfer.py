#!/usr/bin/env python3
"""Warm transfer: a case handed to a named person during a live contact
opens on that person's screen by itself (the server tells the client on
its live channel: "case.assigned"). Someone busy in a form is told instead, so nothing
half-typed is pushed out of sight; a case the user claimed themself is
not announced as a hand-over."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tuilib import Tui, TuiCase, login, runner  # noqa: E402


class WarmTransferTest(TuiCase):
    customers = 100

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.advisor = cls.srv.login("advisor")

    def raise_case(self, summary):
        status, _, case = self.srv.request("POST", "/api/v1/cases", token=self.advisor, body={
            "customer_id": "1", "service_code": "missed_bin", "summary": summary,
            "next_steps": "Crew returns within 2 working days"})
        self.assertEqual(status, 201, case)
        return case["ref"]

    def hand_to_backoffice(self, ref):
        status, _, body = self.srv.request("POST", "/api/v1/cases/%s/handoff" % ref,
                                           token=self.advisor, body={
                                               "assignee": "backoffice",
                                               "reason": "Warm transfer: crew booking",
                                               "note": "Customer still on the line"})
        self.assertEqual(status, 200, body)

    def test_case_handed_over_opens_on_the_receivers_screen(self):
        old = self.raise_case("Handed over before sign-in")
        self.hand_to_backoffice(old)
        with Tui(100, 30, ["--server", self.srv.url], self.home) as t:
            login(t, "backoffice")
            t.wait_for("Find a customer")
            t.settle(1.0)
            self.assertNotIn(old, t.text(), "an earlier hand-over is in the queue, not a pop-up")
            ref = self.raise_case("Green bin missed twice")
            self.hand_to_backoffice(ref)
            t.wait_for("Alex Advisor handed you case %s" % ref, timeout=15)
            t.wait_for("Green bin missed twice")
            self.assertIn("O'Brien", t.text())

    def test_busy_receiver_is_told_not_interrupted(self):
        with Tui(100, 30, ["--server", self.srv.url], self.home) as t:
            login(t, "backoffice")
            t.wait_for("Find a customer")
            t.settle(1.0)
            t.key("M-n")  # the new-customer form: the advisor is typing
            t.settle(0.5)
            form = t.text()
            ref = self.raise_case("Bulky waste left behind")
            self.hand_to_backoffice(ref)
            t.wait_for("handed you case %s: type the reference" % ref, timeout=15)
            self.assertNotIn("Bulky waste left behind", t.text())
            self.assertEqual(form.splitlines()[0], t.text().splitlines()[0])


if __name__ == "__main__":
    sys.exit(runner.main(__name__))
