"""The assisted paths of ``python -m tests.tools.walkthrough``, walked through the real views:
someone else files for a resident who has no phone.

- **A community assistant** at the resident's home: who the resident is and what they allow
  (upload, submit, notices), consent by the printed mandate (委托书) signed and photographed back,
  the resident's own journey with "no phone" as the contact and the declarations read aloud and
  signed on the printed form, the photo of that form on the check page, submit, confirmation.
- **The office window** (窗口受理): a caseworker records the walk-in resident's consent in person
  before a second member of staff, enters the paper application through the same journey,
  attaches the scan of the signed paper form on the check page, submits, confirmation.

Counted like the resident's own path (``walkthrough.walk``): every page shown from the first
form to the confirmation, and the questions of each (a file to choose is a question).
"""
from __future__ import annotations

import io

from tests.tools.walkthrough import (
    Form,
    Household,
    Result,
    WalkError,
    _location,
    _main_form,
    journey,
    one_person_dibao,
    parse,
    resident_id,
)

ZHAO = resident_id("440305", "19460101", "123")  # 80 years old
QIAN = resident_id("440305", "19470202", "123")


def _elderly(household: Household) -> Household:
    """Nobody aged 60 or over is asked a school stage (the age comes from the ID)."""
    details = household.pages["member-details:m1"]
    household.pages["member-details:m1"] = {k: v for k, v in details.items() if k != "student_stage"}
    return household


def assistant_household() -> Household:
    """An 80-year-old with no phone, helped at home by a community assistant."""
    household = _elderly(one_person_dibao())
    household.name = "Community assistant, resident with no phone"
    household.pages["assist"] = {"name": "赵大爷", "id_number": ZHAO, "allows": ["upload", "submit", "notices"]}
    household.pages["name"] = {"name": "赵大爷", "id_number": ZHAO}
    household.pages["phone"] = {"contact": "none"}
    household.pages["declarations"] = {**household.pages["declarations"], "agreed_how": "signed_form"}
    return household


def window_household() -> Household:
    """A walk-in resident with a paper application and no phone, at the office window."""
    household = _elderly(one_person_dibao())
    household.name = "Office window, walk-in paper application"
    household.pages["window"] = {"name": "钱奶奶", "id_number": QIAN, "witness": "李红", "declaration": "y"}
    household.pages["name"] = {"name": "钱奶奶", "id_number": QIAN}
    household.pages["phone"] = {"contact": "none"}
    household.pages["declarations"] = {**household.pages["declarations"], "agreed_how": "paper_form"}
    return household


def _show(client, url: str, result: Result):
    response = client.get(url)
    if response.status_code != 200:
        raise WalkError(f"GET {url}: {response.status_code}")
    result.pages += 1
    result.visited.append(url)
    return parse(response.get_data(as_text=True))


def _count(result: Result, form: Form) -> None:
    questions = form.questions()
    result.questions += questions
    result.question_pages += 1 if questions else 0


def _send(client, url: str, form: Form, answers: dict, files: dict | None = None) -> str:
    data = {**form.values(), **{k: v if isinstance(v, list) else [v] for k, v in answers.items()}}
    if files:
        data = {k: v[0] for k, v in data.items()}
        data.update({name: (io.BytesIO(content), filename) for name, (filename, content) in files.items()})
        response = client.post(form.action or url, data=data, content_type="multipart/form-data")
    else:
        response = client.post(form.action or url, data=data)
    if response.status_code != 302:
        raise WalkError(f"POST {form.action or url} was not accepted ({response.status_code}): "
                        f"{parse(response.get_data(as_text=True)).errors}")
    return _location(response)


def _form_to(page, ending: str) -> Form:
    form = next((f for f in page.forms if (f.action or "").endswith(ending)), None)
    if form is None:
        raise WalkError(f"no form posting to …{ending}")
    return form


def _finish(client, household: Household, url: str, result: Result, scan: tuple[str, bytes]) -> Result:
    """From the journey's first page: answer it, add the signed form's photo on the check page, submit."""
    journey(client, household, url, result, stop_at_check=True)
    check = result.visited[-1]
    page = parse(client.get(check).get_data(as_text=True))
    upload = _form_to(page, "/signed-declarations")
    _count(result, upload)
    _send(client, check, upload, {}, {"photo": scan})
    page = _show(client, check, result)  # shown again, with the photo attached
    confirmation = _send(client, check, _main_form(page), {})
    _show(client, confirmation, result)
    result.reference = confirmation.rsplit("/", 1)[-1]
    return result


def walk_assistant(client, household: Household, photo: bytes) -> Result:
    """An assistant (``client`` signed in) files for the resident with no phone, from /assist/find."""
    result = Result(household.name)
    page = _show(client, "/assist/find", result)
    form = _main_form(page)
    _count(result, form)
    url = _send(client, "/assist/find", form, household.pages["assist"])
    page = _show(client, url, result)  # the consent page: print the mandate, upload its photo
    form = _form_to(page, "/mandate")
    _count(result, form)
    url = _send(client, url, form, {"declaration": "y"}, {"photo": ("委托书.jpg", photo)})
    page = _show(client, url, result)  # the resident's page: start the application
    url = _send(client, url, _form_to(page, "/act"), {})
    return _finish(client, household, url, result, ("signed-declarations.jpg", photo))


def walk_window(client, household: Household, scan: bytes) -> Result:
    """A caseworker (``client`` signed in) enters a walk-in resident's paper application."""
    result = Result(household.name)
    page = _show(client, "/office/window", result)
    form = _main_form(page)
    _count(result, form)
    url = _send(client, "/office/window", form, household.pages["window"])
    return _finish(client, household, url, result, ("paper-application.jpg", scan))


def photo() -> bytes:
    """A small JPEG standing for the photo of a signed paper."""
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (240, 240, 235)).save(buffer, "JPEG")
    return buffer.getvalue()
