"""`flask apply walkthrough` counts the assisted paths too: a community assistant filing
for a resident with no phone, and the office window entering a walk-in paper application."""
from __future__ import annotations

from click.testing import CliRunner

from portal.extensions import db
from portal.models import Application, Consent
from portal.models.assist import Mandate
from tests.factories import create_account, sign_in
from tests.tools import walkthrough_assisted as assisted
from tests.tools.walkthrough import main as walkthrough_main


def _client(app, role: str):
    client = app.test_client()
    account = create_account(role, office_code="44030506", district_code="440305")
    sign_in(client, account)
    return client, account


def test_the_assistant_path_goes_from_consent_to_a_submitted_application(app):
    client, assistant = _client(app, "assistant")
    result = assisted.walk_assistant(client, assisted.assistant_household(), assisted.photo())
    assert result.visited[:3] == ["/assist/find", f"/assist/consent/{result.visited[1].rsplit('/', 1)[-1]}",
                                  f"/assist/residents/{result.visited[1].rsplit('/', 1)[-1]}"]
    assert "/apply/confirmation/" in result.visited[-1] and result.visited[-2].endswith("/check")
    application = db.session.scalar(db.select(Application).where(Application.reference == result.reference))
    assert application.status == "submitted" and application.channel == "assistant"
    assert application.submitted_by_id == assistant.id
    mandate = db.session.scalars(db.select(Mandate)).one()
    assert mandate.method == "mandate_photo" and mandate.allows_to("notices")
    declarations = application.answers["declarations"]["truthfulness"]
    assert declarations["method"] == "signed_form"
    # Consent (name, ID, what is allowed; the photo and the declaration), "no phone", how the resident
    # agreed to the declarations and the photo of the signed form are the questions the resident's own
    # path does not have.
    assert result.questions > result.question_pages > 15
    signed = db.session.scalars(db.select(Consent).where(Consent.application_id == application.id,
                                                         Consent.kind == "truthfulness")).one()
    assert signed.method == "signed_form" and signed.recorded_by_id == assistant.id
    assert signed.evidence_document_id is not None  # the photo of the signed form


def test_the_window_path_goes_from_the_walk_in_to_a_submitted_application(app):
    client, caseworker = _client(app, "caseworker")
    result = assisted.walk_window(client, assisted.window_household(), assisted.photo())
    assert result.visited[0] == "/office/window" and "/apply/confirmation/" in result.visited[-1]
    application = db.session.scalar(db.select(Application).where(Application.reference == result.reference))
    assert application.status == "submitted" and application.channel == "window"
    assert application.submitted_by_id == caseworker.id
    assert application.answers["declarations"]["truthfulness"]["method"] == "paper_form"


def test_walkthrough_prints_the_assisted_paths_after_the_residents_own(app):
    result = CliRunner().invoke(walkthrough_main)  # python -m tests.tools.walkthrough
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    title = next(i for i, line in enumerate(lines) if line.startswith("Someone files for a resident with no phone"))
    own = {line[:58].strip(): list(map(int, line[58:].split())) for line in lines[1:5]}
    rows = {line[:58].strip(): list(map(int, line[58:].split())) for line in lines[title + 1:title + 3]}
    assert set(rows) == {"Community assistant, resident with no phone", "Office window, walk-in paper application"}
    alone = own["One person, minimum living allowance"]
    for pages, with_questions, questions in rows.values():
        assert with_questions <= pages and with_questions <= questions
        # The same household as "one person, minimum living allowance", plus consent and paper.
        assert pages > alone[0] and questions > alone[2]
    helper, window = rows.values()
    assert helper[0] > window[0]  # the window needs no mandate to print and photograph
