"""Walk the journey through the real views with the Flask test client, counting what a
household meets: pages shown and questions asked (``python -m tests.tools.walkthrough``,
or ``make walkthrough``).

A ``Household`` scenario gives the answers page by page, keyed by step (and member ref for
pages repeated per member). Anything a page shows that the scenario leaves out is sent as the
page already shows it (a pre-filled phone number), so the counts are those of a real visit.
The tests use the same walker to fill whole applications.
"""
from __future__ import annotations

import io
import re
import secrets
import tempfile
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import click

from portal.domain.ids import check_character

_STEP_PATH = re.compile(r"^/apply/(\d+)/([a-z-]+)(?:/([a-z0-9]+))?$")
ALL = "__all__"  # tick every checkbox of the page (declarations)


def resident_id(region: str, birth: str, sequence: str = "123") -> str:
    """A valid ID number: region (6 digits), birth date YYYYMMDD, 3-digit sequence."""
    first = f"{region}{birth}{sequence}"
    return first + check_character(first)


@dataclass
class Form:
    action: str | None
    method: str
    enctype: str | None
    fields: list[dict] = field(default_factory=list)

    def questions(self) -> int:
        names = {f["name"] for f in self.fields
                 if f["kind"] not in ("hidden", "submit", "button") and f["name"] not in ("csrf_token",)}
        return len(names)

    def values(self) -> dict[str, list[str]]:
        """What the browser would send without any change by the person."""
        data: dict[str, list[str]] = {}
        for f in self.fields:
            if f["kind"] in ("submit", "button", "file"):
                continue
            if f["kind"] in ("radio", "checkbox"):
                if f.get("checked"):
                    data.setdefault(f["name"], []).append(f["value"])
                continue
            data.setdefault(f["name"], []).append(f.get("value") or "")
        return data


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self.h1 = ""
        self._in_h1 = False
        self._select: dict | None = None
        self._textarea: dict | None = None
        self.errors: list[str] = []
        self._in_error = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.forms.append(Form(a.get("action"), (a.get("method") or "get").lower(), a.get("enctype")))
        elif tag == "h1":
            self._in_h1 = True
        elif tag == "p" and "field-error" in (a.get("class") or ""):
            self._in_error = True
            self.errors.append("")
        elif self.forms and tag == "input" and a.get("name"):
            self.forms[-1].fields.append({"name": a["name"], "kind": a.get("type", "text"), "value": a.get("value", ""),
                                          "checked": "checked" in a})
        elif self.forms and tag == "button" and a.get("name"):
            self.forms[-1].fields.append({"name": a["name"], "kind": "submit", "value": a.get("value", "")})
        elif self.forms and tag == "select":
            self._select = {"name": a.get("name"), "kind": "select", "value": None, "first": None}
            self.forms[-1].fields.append(self._select)
        elif self._select is not None and tag == "option":
            if self._select["first"] is None:
                self._select["first"] = a.get("value", "")
            if "selected" in a:
                self._select["value"] = a.get("value", "")
        elif self.forms and tag == "textarea":
            self._textarea = {"name": a.get("name"), "kind": "textarea", "value": ""}
            self.forms[-1].fields.append(self._textarea)

    def handle_endtag(self, tag):
        if tag == "h1":
            self._in_h1 = False
        elif tag == "p":
            self._in_error = False
        elif tag == "select" and self._select is not None:
            if self._select["value"] is None:
                self._select["value"] = self._select["first"] or ""
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._in_h1:
            self.h1 += data
        if self._in_error:
            self.errors[-1] += data
        if self._textarea is not None:
            self._textarea["value"] += data


def parse(html: str) -> _Parser:
    parser = _Parser()
    parser.feed(html)
    return parser


@dataclass
class Household:
    """A scenario: ``pages`` maps "step" or "step:ref" to the answers of that page;
    ``members`` lists the identities of members added one by one (refs m2, m3, ...)."""

    name: str
    pages: dict[str, dict]
    members: list[dict] = field(default_factory=list)
    uploads: dict[str, tuple[str, bytes]] = field(default_factory=dict)  # item key -> (file name, bytes)


@dataclass
class Result:
    household: str
    pages: int = 0
    question_pages: int = 0
    questions: int = 0
    reference: str | None = None
    visited: list[str] = field(default_factory=list)


class WalkError(AssertionError):
    pass


def _main_form(page: _Parser) -> Form | None:
    """The page's own form (not sign-out, language or upload forms)."""
    forms = [f for f in page.forms if f.method == "post" and not (f.action or "").endswith(
        ("/sign-out", "/documents/upload", "/remove")) and "/save" not in (f.action or "")
        and (f.enctype is None or (f.action or "").endswith("/documents"))]
    return forms[-1] if forms else None


def walk(client, household: Household, start: str = "/apply/new", max_pages: int = 200,
         stop_at_check: bool = False) -> Result:
    """Fill and submit a whole application as ``household``; the client must be signed in.
    With ``stop_at_check`` the walk ends on the check page (``Result.visited[-1]``), unsubmitted."""
    result = Result(household.name)
    response = client.post(start, data={"csrf_token": _token(client, "/apply")})
    return journey(client, household, _location(response), result, max_pages, stop_at_check)


def journey(client, household: Household, url: str, result: Result, max_pages: int = 200,
            stop_at_check: bool = False) -> Result:
    """The journey from its page ``url`` on, counted into ``result`` (see ``walk``)."""
    pending_members = list(household.members)
    for _ in range(max_pages):
        response = client.get(url)
        if response.status_code != 200:
            raise WalkError(f"GET {url}: {response.status_code}")
        html = response.get_data(as_text=True)
        page = parse(html)
        result.pages += 1
        result.visited.append(url)
        if "/apply/confirmation/" in url:
            result.reference = url.rsplit("/", 1)[-1]
            return result
        form = _main_form(page)
        if form is None:
            raise WalkError(f"no form on {url}")
        data = form.values()
        match = _STEP_PATH.match(urlsplit(url).path)
        if match and match.group(2) == "check":
            if stop_at_check:
                return result
            response = client.post(url, data=data)
        elif match:
            key, ref = match.group(2), match.group(3)
            if key == "documents":
                _upload(client, page, household, url)
                response = client.get(url)
                page = parse(response.get_data(as_text=True))
                form = _main_form(page)
                data = form.values()
            # The documents page asks for files (each with an optional "I don't have this"), not questions.
            questions = 0 if key == "documents" else form.questions()
            result.questions += questions
            result.question_pages += 1 if questions else 0
            answers = _answers_for(household, key, ref, pending_members, form)
            data.update(_fill(form, answers))
            data.pop("then", None)
            data.pop("more", None)
            data.pop("upload", None)
            response = client.post(url, data=data)
        else:
            raise WalkError(f"unexpected page {url}")
        if response.status_code != 302:
            errors = parse(response.get_data(as_text=True)).errors
            raise WalkError(f"POST {url} was not accepted ({response.status_code}): {errors}")
        url = _location(response)
    raise WalkError(f"too many pages: {result.visited[:12]}")


# The questions only someone filing for the resident is asked, answered as a helper
# sitting with a resident who has their own mobile would, unless the household says otherwise.
ASSISTED_DEFAULTS = {
    "phone": {"contact": "mobile"},  # "none" when the resident's account has no mobile to fill in
    "declarations": {"agreed_how": "on_assistant_screen"},
}


def _answers_for(household: Household, key: str, ref: str | None, pending: list[dict], form: Form | None = None) -> dict:
    answers = _household_answers(household, key, ref, pending)
    fields = {f["name"]: f for f in form.fields} if form is not None else {}
    defaults = dict(ASSISTED_DEFAULTS.get(key, {}))
    if key == "phone" and not (fields.get("number") or {}).get("value"):
        defaults["contact"] = "none"
    names = set(fields)
    for name, value in defaults.items():
        if name in names and name not in answers:
            answers = {**answers, name: value}
    return answers


def _household_answers(household: Household, key: str, ref: str | None, pending: list[dict]) -> dict:
    if key == "household":
        return {"add_another": "yes" if pending else "no"}
    if key == "member" and ref == "new":
        return pending.pop(0)
    return household.pages.get(f"{key}:{ref}" if ref else key, {})


def _fill(form: Form, answers: dict) -> dict[str, list[str]]:
    filled: dict[str, list[str]] = {}
    if answers.get(ALL):
        for f in form.fields:
            if f["kind"] == "checkbox":
                filled[f["name"]] = ["y"]
    for name, value in answers.items():
        if name == ALL:
            continue
        filled[name] = value if isinstance(value, list) else [value]
    return filled


def _upload(client, page: _Parser, household: Household, url: str) -> None:
    """Choose each scenario file on the documents page and press its Upload button."""
    form = _main_form(page)
    for item, (name, content) in household.uploads.items():
        button = next((f for f in form.fields if f["kind"] == "submit" and f["name"] == "upload"
                       and f["value"] == item), None)
        if button is None:
            continue
        file_field = item.replace(":", "-").replace("_", "-") + "-file"
        values = {k: v[0] for k, v in form.values().items()}
        response = client.post(form.action, data={**values, "upload": item, file_field: (io.BytesIO(content), name)},
                               content_type="multipart/form-data")
        if response.status_code != 302:
            raise WalkError(f"upload of {item} refused on {url}: {parse(response.get_data(as_text=True)).errors}")


def _token(client, url: str) -> str:
    page = parse(client.get(url).get_data(as_text=True))
    for form in page.forms:
        for f in form.fields:
            if f["name"] == "csrf_token":
                return f["value"]
    return ""


def _location(response) -> str:
    if response.status_code not in (302, 303):
        raise WalkError(f"expected a redirect, got {response.status_code}")
    target = urlsplit(response.headers["Location"])
    return target.path + (f"?{target.query}" if target.query else "")


# --- typical households ---------------------------------------------------------------------

NANSHAN_YUEHAI = "44030506"


def one_person_dibao() -> Household:
    return Household("One person, minimum living allowance", {
        "name": {"name": "王小明", "id_number": resident_id("440305", "19700315", "113")},
        "address": {"office_code": NANSHAN_YUEHAI, "address": "粤海街道高新社区科技路1号3栋201"},
        "hukou": {"where": "residence"},
        "marital": {"marital_status": "divorced"},
        "member-details:m1": {"student_stage": "none", "labour_capacity": "partial", "has_disability": "no",
                              "serious_illness": "no", "employment": "unemployed"},
        "income-sources:m1": {"sources": "none"},
        "savings": {"deposits": "1200", "securities": "0", "insurance_cash_value": "0", "receivables": "0"},
        "property": {"owns": "none"},
        "costs": {"costs": "none"},
        "situation": {"situations": "none"},
        "types": {"types": "dibao"},
        "clergy:m1": {"clergy": "no"},
        "payment": {"bank": "中国工商银行深圳分行", "account_number": "6222 0212 3456 7890 123"},
        "declarations": {ALL: True},
    })


def three_person_family() -> Household:
    """A mother, her son at university and her own mother, who has a physical disability."""
    return Household("Three people: a disabled grandmother and a student", {
        "name": {"name": "李秀英", "id_number": resident_id("440305", "19810512", "224")},
        "address": {"office_code": NANSHAN_YUEHAI, "address": "粤海街道海珠社区南海大道2号5栋802"},
        "hukou": {"where": "residence"},
        "marital": {"marital_status": "divorced"},
        "member-details:m1": {"student_stage": "none", "labour_capacity": "full", "has_disability": "no",
                              "serious_illness": "no", "employment": "employed"},
        "member-details:m2": {"student_stage": "bachelor", "labour_capacity": "full", "has_disability": "no",
                              "serious_illness": "no", "employment": "student", "exclusions": "none",
                              "full_time": "yes", "co_residence": "1_year_or_more"},
        "member-details:m3": {"labour_capacity": "none", "has_disability": "yes",
                              "serious_illness": "no", "employment": "retired", "exclusions": "none",
                              "co_residence": "1_year_or_more"},
        "member-disability:m3": {"type": "physical", "grade": "2"},
        "income-sources:m1": {"sources": "wages"},
        "income-amounts:m1": {"wages": "2,600", "employment_costs": "100"},
        "income-sources:m2": {"sources": "none"},
        "income-sources:m3": {"sources": ["old_age_allowance"]},
        "income-amounts:m3": {"old_age_allowance": "200"},
        "savings": {"deposits": "3000", "securities": "0", "insurance_cash_value": "0", "receivables": "0"},
        "property": {"owns": "none"},
        "costs": {"costs": ["medical", "education"]},
        "cost-amounts": {"medical": "8000", "education": "6500"},
        "situation": {"situations": "none"},
        "types": {"types": ["dibao", "medical", "education"]},
        "payment": {"holder_ref": "m1", "bank": "中国建设银行", "account_number": "6217000012345678901"},
        "declarations": {ALL: True},
    }, members=[
        {"name": "张伟", "relation": "son", "id_number": resident_id("440305", "20060301", "135"),
         "lives_with_applicant": "yes"},
        {"name": "陈桂兰", "relation": "parent", "id_number": resident_id("430421", "19540720", "246"),
         "lives_with_applicant": "yes"},
    ])


def permit_holder() -> Household:
    """Registered in Hunan, living in Nanshan with a valid Shenzhen residence permit."""
    return Household("Registered in another province, with a residence permit", {
        "name": {"name": "刘建国", "id_number": resident_id("430422", "19850203", "153")},
        "address": {"office_code": NANSHAN_YUEHAI, "address": "粤海街道深大社区学府路8号"},
        "hukou": {"where": "elsewhere"},
        "hukou-elsewhere": {"region_code": "430000", "place": "衡阳市衡南县"},
        "marital": {"marital_status": "single"},
        "permit": {"has_permit": "yes"},
        "permit-details": {"number": "", "issued_on": "2024-03-01", "expires_on": "2027-02-28",
                           "district_code": "440305"},
        "where": {"not_receiving_elsewhere": "y"},
        "member-details:m1": {"student_stage": "none", "labour_capacity": "partial", "has_disability": "no",
                              "serious_illness": "yes", "employment": "unemployed"},
        "income-sources:m1": {"sources": "none"},
        "savings": {"deposits": "500", "securities": "0", "insurance_cash_value": "0", "receivables": "0"},
        "property": {"owns": "none"},
        "costs": {"costs": ["medical"]},
        "cost-amounts": {"medical": "12000"},
        "situation": {"situations": "none"},
        "types": {"types": ["dibao", "tekun", "medical", "temp_expenditure"]},
        # Extreme-poverty support is chosen: his mother in Hunan must support him (S-TK Art. 8).
        "supporters": {"any": "yes", "rural_rights": "no"},
        "supporter-details": {"relation_1": "parent", "age_1": "66", "situation_1": "none",
                              "income_1": "1800", "property_1": "yes"},
        "member-unemployed:m1": {"insured": "no", "months": "5"},
        "clergy:m1": {"clergy": "no"},
        "payment": {"bank": "招商银行", "account_number": "6225880123456789"},
        "declarations": {ALL: True},
    })


def emergency() -> Household:
    """A fire last week: emergency aid at the office where it happened."""
    from datetime import timedelta

    from portal.clock import today

    return Household("Emergency after a fire", {
        "name": {"name": "赵敏", "id_number": resident_id("440304", "19900818", "262")},
        "address": {"office_code": "44030401", "address": "园岭街道百花社区百花二路3号"},
        "hukou": {"where": "residence"},
        "marital": {"marital_status": "married"},
        "member-details:m1": {"student_stage": "none", "labour_capacity": "full", "has_disability": "no",
                              "serious_illness": "no", "employment": "employed"},
        "income-sources:m1": {"sources": "wages"},
        "income-amounts:m1": {"wages": "5200"},
        "savings": {"deposits": "2000", "securities": "0", "insurance_cash_value": "0", "receivables": "0"},
        "property": {"owns": "none"},
        "costs": {"costs": "none"},
        "situation": {"situations": "emergency"},
        "emergency": {"kind": "fire", "date": (today() - timedelta(days=5)).isoformat(), "office_code": "44030401",
                      "affected": "household", "description": "厨房起火，家具和衣物被烧毁。"},
        "emergency-help": {"needs": ["shelter", "food"], "help_kinds": "none"},
        "types": {"types": ["temp_emergency"]},
        "payment": {"bank": "中国银行", "account_number": "6216610200001234567"},
        "declarations": {ALL: True},
    })


def emergency_first() -> Household:
    """遇到突发困难？ from the start page: the emergency path, help first."""
    from datetime import timedelta

    from portal.clock import today

    return Household("Emergency first: a fire last night, help first", {
        "name": {"name": "钱伟", "id_number": resident_id("440304", "19850312", "271")},
        "emergency": {"kind": "fire", "date": (today() - timedelta(days=1)).isoformat(), "office_code": "44030401",
                      "affected": "household", "description": "昨晚家中起火，今晚需要住处和食物。"},
        "declarations": {ALL: True},
    })


HOUSEHOLDS = (one_person_dibao, three_person_family, permit_holder, emergency)
EMERGENCY_START = "/apply/emergency"


@click.command("walkthrough")
def main() -> None:
    """Fill the journey for a few typical households through the real views (on a throwaway
    database) and print how many pages and questions each meets; then the same for the assisted
    paths, where a community assistant or the office window files for a resident with no phone.
    (The app is made here, not at import: the tests import this module for its households.)"""
    from portal import create_app
    from portal.extensions import db
    from portal.models import Account, AuthSession
    from portal.reference.offices import load_offices
    from tests.tools import walkthrough_assisted as assisted  # it imports this module

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder)
        app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{path / 'walk.sqlite3'}", "PORTAL_ENV": "testing",
                          "SECRET_KEY": secrets.token_urlsafe(32), "UPLOAD_DIR": str(path / "uploads"),
                          "INSTANCE_DIR": str(path), "SMS_SENDER": "null"})
        with app.app_context():
            db.create_all()
            load_offices()

        def signed_in(number: int, **account):
            session_id = f"walkthrough-{number}"
            with app.app_context():
                row = Account(**account)
                db.session.add(row)
                db.session.flush()
                db.session.add(AuthSession(id=session_id, account_id=row.id))
                db.session.commit()
            # Requests run outside this app context, each in its own, as in a real server.
            client = app.test_client()
            with client.session_transaction() as session:
                session["sid"] = session_id
            return client

        rows = []
        for number, make in enumerate(HOUSEHOLDS, start=1):
            household = make()
            client = signed_in(number, role="resident", phone=f"1390000{number:04d}", display_name=household.name)
            rows.append(walk(client, household))
        household = emergency_first()
        client = signed_in(80, role="resident", phone="13900000080", display_name=household.name)
        emergency_rows = [walk(client, household, start=EMERGENCY_START)]
        staff = {"office_code": NANSHAN_YUEHAI, "district_code": NANSHAN_YUEHAI[:6]}
        helper = signed_in(90, role="assistant", username="walkthrough-assistant", display_name="协理员", **staff)
        window = signed_in(91, role="caseworker", username="walkthrough-caseworker", display_name="窗口", **staff)
        photo = assisted.photo()
        assisted_rows = [assisted.walk_assistant(helper, assisted.assistant_household(), photo),
                         assisted.walk_window(window, assisted.window_household(), photo)]
        with app.app_context():
            db.engine.dispose()
    _table("Household", rows)
    click.echo("Pages: every page shown from the first question to the confirmation, check page included.")
    click.echo()
    _table("The emergency path (\"Sudden hardship?\" on the start page)", emergency_rows)
    click.echo("Pages: from the first question to the confirmation; at most 10 questions (help first, the rest later).")
    click.echo()
    _table("Someone files for a resident with no phone", assisted_rows)
    click.echo("Pages: from the first form (who the resident is) to the confirmation, consent included; "
               "a photo to choose counts as a question.")


def _table(title: str, rows) -> None:
    click.echo(f"{title:<58} {'pages':>5} {'with questions':>14} {'questions':>9}")
    for r in rows:
        click.echo(f"{r.household:<58} {r.pages:>5} {r.question_pages:>14} {r.questions:>9}")


if __name__ == "__main__":
    main()
