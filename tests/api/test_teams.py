#!/usr/bin/env python3
"""Who may do what to whose work (issue 10, item 4), on a real frontdoord.

Claims come from your own teams' queues only; changing or handing off a
case takes its assignee, a member of its team or a supervisor (the person
who raised it may still hand it off until someone claims it); anyone
serving the customer may note one of the customer's open cases; a call-back
claimed by someone else is theirs to complete. Each refusal is a 403 with a
plain detail, and each rule is also shown allowing what it should. Then the
day membership a supervisor gives (an expiry relative to now), and what a
supervisor may not do with memberships."""
import datetime
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from casekit import (CaseApi, RolesServer, contact_body, db_scalar, db_write, iso,  # noqa: E402
                     now_utc, quote, runner)

DAY = datetime.timedelta(hours=8)


class TeamRulesTest(RolesServer, CaseApi):
    customers = 60

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # A second contact-centre advisor and a second waste officer.
        for name, roles, team in (("andy", ["advisor"], "contact_centre"),
                                  ("wendy", ["backoffice"], "waste_services")):
            status, _, body = cls.srv.request("POST", "/api/v1/admin/users", {
                "username": name, "display_name": name.title(), "password": "password-" + name,
                "roles": roles, "team_code": team}, token=cls.tokens["admin"])
            assert status == 201, body
            cls.tokens[name] = cls.srv.login(name, "password-" + name)

    def refused(self, resp, words=()):
        body = self.problem(resp, 403)
        self.assertEqual(body["type"], "urn:frontdoor:problem:forbidden")
        for w in words:
            self.assertIn(w, body["detail"])
        return body

    def handoff(self, ref, user, **body):
        body.setdefault("reason", "Over to you")
        return self.req("POST", "/api/v1/cases/%s/handoff" % quote(ref), body, user=user)

    def note(self, ref, user, text="Customer rang again"):
        return self.req("POST", "/api/v1/cases/%s/notes" % quote(ref), {"body": text}, user=user)

    def claim_ref(self, team, ref, user):
        """Claim from team until ref comes up (seeded or earlier items first)."""
        for _ in range(50):
            status, _, item = self.claim(team, user=user)
            self.assertEqual(status, 200, item)
            if item.get("ref") == ref:
                return item
        self.fail("%s never came up in %s" % (ref, team))

    # ---- claims ---------------------------------------------------------

    def test_claims_from_own_teams_only(self):
        """The probe's findings: the advisor claimed from highways, backoffice
        (waste) from parking. Both refused; their own queues still work."""
        pothole = self.create(service_code="pothole", summary="Pothole on Mill Lane")["ref"]
        permit = self.create(service_code="parking_permit", summary="Permit renewal")["ref"]
        self.refused(self.claim("highways", user="advisor"), ["Highways team", "for the day"])
        self.refused(self.claim("parking", user="backoffice"), ["Parking Services team"])
        # not even a supervisor claims outside their teams: they join first
        self.refused(self.claim("parking", user="supervisor"))
        self.assertIsNone(self.case(pothole)["assignee"])
        self.assertIsNone(self.case(permit)["assignee"])
        self.assertEqual([i["ref"] for i in self.queue("highways")], [pothole])
        # allowed: your own team's queue
        bin_ref = self.create(summary="Own queue")["ref"]
        self.assertEqual(self.claim_ref("waste_services", bin_ref, "backoffice")["ref"], bin_ref)
        self.assertIn(self.claim("contact_centre", user="advisor")[0], (200, 204))

    # ---- changes ----------------------------------------------------------

    def test_change_needs_assignee_team_or_supervisor(self):
        ref = self.create(summary="Unclaimed in waste")["ref"]
        etag = self.etag(ref)
        # the contact-centre advisor may not change waste's work, even unclaimed
        # (named as people know it: the advisor reads it in the outbox)
        self.refused(self.patch(ref, {"status": "resolved"}, etag, user="advisor"),
                     ["Waste Services team"])
        self.refused(self.patch(ref, {"priority": "urgent"}, etag, user="andy"))
        self.refused(self.patch(ref, {"status": "resolved"}, None, user="advisor"))  # before 428
        self.assertEqual(self.etag(ref), etag, "a refused change changed the case")
        # a member of the team, a supervisor, an admin
        self.patch_ok(ref, {"status": "in_progress"}, user="wendy")
        self.patch_ok(ref, {"priority": "high"}, user="supervisor")
        self.patch_ok(ref, {"next_steps": "Crew on Friday"}, user="admin")

    def test_case_assigned_to_someone_else(self):
        """The probe's finding: an advisor resolved, closed and re-assigned a
        case assigned to someone else."""
        ref = self.create(summary="Claimed by Blake")["ref"]
        self.claim_ref("waste_services", ref, "backoffice")
        etag = self.etag(ref)
        self.refused(self.patch(ref, {"status": "resolved"}, etag, user="advisor"),
                     ["assigned to someone else"])
        self.refused(self.handoff(ref, "advisor", assignee="advisor"))
        self.refused(self.handoff(ref, "advisor", team_code="highways"))
        case = self.case(ref)
        self.assertEqual((case["assignee"], case["status"], case["team"]["code"]),
                         ("Blake Backoffice", "in_progress", "waste_services"))
        # the assignee, another member of the team, a supervisor
        self.patch_ok(ref, {"status": "awaiting_customer"}, user="backoffice")
        self.patch_ok(ref, {"status": "resolved"}, user="wendy")
        self.patch_ok(ref, {"status": "closed"}, user="supervisor")

    def test_assignee_outside_the_team_may_work_it(self):
        ref = self.create(summary="For Alex to chase")["ref"]
        self.ok(self.handoff(ref, "supervisor", assignee="advisor", team_code="waste_services"))
        self.patch_ok(ref, {"status": "awaiting_customer"}, user="advisor")
        self.refused(self.patch(ref, {"status": "in_progress"}, self.etag(ref), user="andy"))

    # ---- hand-offs --------------------------------------------------------

    def test_raiser_hands_off_until_claimed(self):
        """A warm transfer: whoever raised the case may pass it on, until
        someone claims it; then it is the claimer's (and their team's)."""
        ref = self.create(summary="Warm transfer")["ref"]
        self.refused(self.handoff(ref, "andy", team_code="revenues"),
                     ["or whoever raised it"])
        c = self.ok(self.handoff(ref, "advisor", assignee="backoffice"))
        self.assertEqual(c["assignee"], "Blake Backoffice")
        # assigned now: the raiser no longer moves it
        self.refused(self.handoff(ref, "advisor", team_code="revenues"))
        other = self.create(summary="Claimed, then passed on")["ref"]
        self.claim_ref("waste_services", other, "wendy")
        self.refused(self.handoff(other, "advisor", team_code="highways"))
        # the claimer passes it on; a supervisor may too
        self.ok(self.handoff(other, "wendy", assignee="backoffice"))
        c = self.ok(self.handoff(other, "supervisor", team_code="highways"))
        self.assertEqual(c["team"]["code"], "highways")

    # ---- notes ------------------------------------------------------------

    def test_notes_by_whoever_serves_the_customer(self):
        ref = self.create(customer_id="11", summary="Noted by the advisor on the call")["ref"]
        self.claim_ref("waste_services", ref, "backoffice")
        # assigned to someone else, but open and the customer's: any advisor
        c = self.ok(self.note(ref, "andy", "Customer rang to chase"), 201)
        self.assertEqual(c["notes"][-1]["author"], "Andy")
        # resolved: only those who may change it
        self.patch_ok(ref, {"status": "resolved"}, user="backoffice")
        self.refused(self.note(ref, "andy", "Too late"))
        self.ok(self.note(ref, "wendy", "Checked the round after"), 201)
        # a case without a customer (say, an anonymous pothole) is no one's to chat on
        anon = self.create(customer_id=None, service_code="pothole", summary="Anonymous pothole")
        self.refused(self.note(anon["ref"], "advisor"))
        self.ok(self.note(anon["ref"], "supervisor", "Inspector booked"), 201)

    # ---- call-backs -------------------------------------------------------

    def test_callback_claimed_by_someone_else(self):
        """The probe's finding: an advisor completed a call-back someone else
        had claimed."""
        status, _, b = self.req("POST", "/api/v1/callbacks", {
            "customer_id": "5", "phone": "07700 900123", "reason": "Chase the crew",
            "due_at": iso(now_utc() - datetime.timedelta(minutes=1)),
            "team_code": "waste_services"})
        self.assertEqual(status, 201, b)
        for _ in range(50):
            status, _, item = self.claim("waste_services", user="backoffice")
            self.assertEqual(status, 200, item)
            if item["kind"] == "callback" and item["id"] == b["id"]:
                break
        path = "/api/v1/callbacks/%s/complete" % b["id"]
        self.refused(self.req("POST", path, contact_body(customer_id="5"), user="advisor"),
                     ["claimed"])
        self.refused(self.req("POST", path, contact_body(customer_id="5"), user="supervisor"))
        done = self.ok(self.req("POST", path, contact_body(customer_id="5"), user="backoffice"))
        self.assertEqual(done["status"], "done")
        # nobody claimed this one: whoever rings the customer completes it
        status, _, free = self.req("POST", "/api/v1/callbacks", {
            "customer_id": "5", "phone": "07700 900123", "reason": "Unclaimed",
            "due_at": iso(now_utc() + datetime.timedelta(hours=1)), "team_code": "contact_centre"})
        self.assertEqual(status, 201, free)
        self.ok(self.req("POST", "/api/v1/callbacks/%s/complete" % free["id"],
                         contact_body(customer_id="5"), user="andy"))


class DayMembershipTest(RolesServer, CaseApi):
    """The rising tide: a supervisor brings backoffice into parking for the
    day; when the day membership expires, so does the right to claim."""
    customers = 40

    def teams(self, name, user="supervisor"):
        return self.ok(self.req("GET", "/api/v1/users/%s/teams" % name, user=user))["items"]

    def add(self, name, team, until=None, user="supervisor"):
        body = {"team_code": team}
        if until is not None:
            body["expires_at"] = iso(until)
        return self.req("POST", "/api/v1/users/%s/teams" % name, body, user=user)

    def test_day_membership_lets_you_claim_until_it_expires(self):
        ref = self.create(service_code="parking_permit", summary="Permit for the day")["ref"]
        self.problem(self.claim("parking", user="backoffice"), 403)
        until = now_utc() + DAY
        got = self.ok(self.add("backoffice", "parking", until))["items"]
        self.assertEqual([(m["team_code"], m["expires_at"]) for m in got],
                         [("waste_services", None), ("parking", iso(until))])
        self.assertEqual(got[1]["team_name"], "Parking Services")
        me = self.ok(self.req("GET", "/api/v1/me", user="backoffice"))
        self.assertEqual(me["team"], "waste_services", "a day membership is not the home team")
        self.assertEqual([m["team_code"] for m in me["teams"]], ["waste_services", "parking"])
        item = self.ok(self.claim("parking", user="backoffice"))
        self.assertEqual(item["ref"], ref)
        # being in the team for the day, they work the case like any member
        self.patch_ok(ref, {"status": "resolved"}, user="backoffice")
        # the day is over (moved into the past: no waiting in a test)
        self.create(service_code="parking_permit", summary="After hours")
        db_write(self.srv.db_path, "UPDATE memberships SET expires_at = ? WHERE team_code = ?"
                 " AND user_id = (SELECT id FROM users WHERE username = 'backoffice')",
                 iso(now_utc() - datetime.timedelta(minutes=1)), "parking")
        self.problem(self.claim("parking", user="backoffice"), 403)
        self.assertEqual([m["team_code"] for m in self.teams("backoffice")], ["waste_services"])
        # renewing replaces the expiry
        self.ok(self.add("backoffice", "parking", now_utc() + DAY))
        self.ok(self.claim("parking", user="backoffice"))

    def test_supervisor_adds_for_the_day_only(self):
        now = now_utc()
        self.problem(self.add("advisor", "revenues"), 400, "expires_at")     # lasting: admin only
        self.problem(self.add("advisor", "revenues", now - datetime.timedelta(minutes=5)),
                     400, "expires_at")
        self.problem(self.add("advisor", "revenues", now + datetime.timedelta(hours=25)),
                     400, "expires_at")
        self.problem(self.add("advisor", "no_such_team", now + DAY), 400, "team_code")
        self.problem(self.add("nobody", "revenues", now + DAY), 404)
        self.problem(self.add("advisor", "revenues", now + DAY, user="advisor"), 403)
        self.problem(self.add("advisor", "revenues", now + DAY, user="backoffice"), 403)
        self.assertEqual([m["team_code"] for m in self.teams("advisor")], ["contact_centre"])
        # an admin may add for good
        got = self.ok(self.add("advisor", "revenues", user="admin"))["items"]
        self.assertEqual([(m["team_code"], m["expires_at"]) for m in got],
                         [("contact_centre", None), ("revenues", None)])
        # a supervisor removes day memberships, not lasting ones
        self.ok(self.add("advisor", "blue_badge", now + DAY))
        self.problem(self.req("DELETE", "/api/v1/users/advisor/teams/revenues",
                              user="supervisor"), 403)
        status, _, _ = self.req("DELETE", "/api/v1/users/advisor/teams/blue_badge",
                                user="supervisor")
        self.assertEqual(status, 204)
        self.problem(self.req("DELETE", "/api/v1/users/advisor/teams/blue_badge",
                              user="supervisor"), 404)
        status, _, _ = self.req("DELETE", "/api/v1/users/advisor/teams/revenues", user="admin")
        self.assertEqual(status, 204)
        self.assertEqual(db_scalar(self.srv.db_path, "SELECT COUNT(*) FROM audit WHERE action ="
                                   " 'membership.remove' AND reason = 'advisor blue_badge'"), 1)
        self.assertEqual([m["team_code"] for m in self.teams("advisor")], ["contact_centre"])

    def test_who_sees_whose_teams(self):
        self.assertEqual([m["team_code"] for m in self.teams("advisor", user="advisor")],
                         ["contact_centre"])
        self.problem(self.req("GET", "/api/v1/users/backoffice/teams", user="advisor"), 403)
        self.assertEqual([m["team_code"] for m in self.teams("trainer", user="admin")],
                         ["contact_centre"])
        self.problem(self.req("GET", "/api/v1/users/nobody/teams", user="supervisor"), 404)
        self.problem(self.srv.request("GET", "/api/v1/users/advisor/teams"), 401)


if __name__ == "__main__":
    sys.exit(runner.main(__name__))
