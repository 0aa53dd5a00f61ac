"""What one page of the journey does with its form: build it, fill it, check it, store it.

A ``Page`` never touches the database or the session: it turns answers into form data
(``load``), checks rules that span answers (``check``) and turns a valid form into updates
(``dump``: {path: value}, ``None`` removes the answer; paths starting with ``member.`` are
fields of the member the page is about). The drafts service applies the updates.
"""
from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from datetime import date
from typing import Any

from flask_wtf import FlaskForm

from portal.apply.answers import shape as A


@dataclass(frozen=True)
class PageCtx:
    answers: dict
    member: dict | None
    ref: str | None
    today: date
    account_id: int | None = None

    @property
    def is_self(self) -> bool:
        return (self.member or {}).get("relation") == "self"

    @property
    def name(self) -> str:
        return (self.member or {}).get("name") or ""

    @property
    def age(self) -> int | None:
        return A.age(self.member, self.today)


class BaseForm(FlaskForm):
    """Fields are rendered in declaration order by templates/apply/step.html."""


class Page(ABC):
    template = "apply/step.html"
    enctype: str | None = None
    button = None  # label of the main button; None = "Save and continue"

    @abstractmethod
    def form_class(self, ctx: PageCtx) -> type[FlaskForm]:
        """The form class of this page for this household (fields may depend on the answers)."""

    def load(self, ctx: PageCtx) -> dict[str, Any]:
        return {}

    def check(self, form: FlaskForm, ctx: PageCtx) -> bool:
        """Rules across fields or answers; add messages to fields and return False to refuse."""
        return True

    @abstractmethod
    def dump(self, form: FlaskForm, ctx: PageCtx) -> dict[str, Any]:
        """The answers this page owns, from a valid form."""

    def completes(self, form: FlaskForm, ctx: PageCtx) -> bool:
        """Whether saving this form finishes the page (an "add another" answer does not)."""
        return True

    def title(self, step, ctx: PageCtx) -> str:
        return str(step.title)

    def template_context(self, ctx: PageCtx) -> dict[str, Any]:
        return {}


def make_form(name: str, fields: dict[str, Any]) -> type[FlaskForm]:
    """A form class with ``fields`` in the given order."""
    return type(name, (BaseForm,), dict(fields))


def add_error(field, message) -> None:
    field.errors = list(field.errors or []) + [message]
