"""Issue 16 part 6: the emergency path is a flag on the draft that the steps spec reads. Pages off
the path are hidden, never pruned: what the resident typed there stays for later."""
from __future__ import annotations

from datetime import date

from portal.apply.journey import steps

ON = date(2026, 6, 1)


def _answers(path: str | None) -> dict:
    answers = {"about": {"name": "钱伟", "address": "科技路1号", "office_code": "44030506", "district_code": "440305"},
               "assets": {"deposits": "100"}, "circumstances": {"situations": ["emergency"]},
               "types": ["temp_emergency"], "_done": ["name", "address", "savings"]}
    if path:
        answers["path"] = path
    return answers


def test_the_path_shows_only_its_pages_in_order():
    keys = [s.key for s, _ in steps.instances(_answers("emergency"), ON)]
    assert keys == ["name", "phone", "emergency", "declarations"]
    assert len([s.key for s, _ in steps.instances(_answers(None), ON)]) > 10


def test_pages_off_the_path_keep_their_answers():
    answers = _answers("emergency")
    assert steps.prune(answers, ON) == []
    assert answers["assets"] == {"deposits": "100"} and answers["about"]["address"] == "科技路1号"
    assert "savings" in answers["_done"]


def test_the_path_is_done_when_its_pages_are():
    answers = _answers("emergency")
    assert not steps.all_done(answers, ON)
    answers["_done"] += ["phone", "emergency", "declarations"]
    assert steps.all_done(answers, ON)
    assert steps.next_instance(answers, ON) is None
