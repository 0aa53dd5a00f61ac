"""The admin form for a State Council holiday notice: a file, or its text pasted."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import FileField, TextAreaField

from portal.calendar_notices import MAX_FILE_BYTES, NoticeError, parse_notice

MESSAGES = {
    "empty": _l("Choose the notice file, or paste its text."),
    "too_large": _l("The file is larger than 64 KB; a holiday notice is about 1 KB. Check that it is the right file."),
    "not_utf8": _l("The file is not UTF-8 text. Save it as UTF-8 and try again."),
    "not_json": _l("This is not JSON. Use the format shown under “File format”."),
    "not_object": _l("The notice must be one JSON object with year, source, holidays and makeup_workdays."),
    "bad_year": _l("Give the year as a number between 2000 and 2099, such as 2027."),
    "bad_days": _l("holidays and makeup_workdays must each map dates such as 2027-02-06 to a holiday name."),
    "no_holidays": _l("The notice lists no days off."),
    "bad_source": _l("Give the notice's title and number as its source (up to 300 characters)."),
    "bad_dates": _l("A date is not a real date, lies in another year, or is listed both as a day off and as a working day."),
}


class NoticeForm(FlaskForm):
    notice_file = FileField(_l("Notice file (JSON)"))
    notice_text = TextAreaField(_l("Or paste the notice"))

    def parsed(self):
        """The notice's year, or None with the message on the field that holds the notice."""
        upload = self.notice_file.data
        data = upload.read(MAX_FILE_BYTES + 1) if upload and getattr(upload, "filename", "") else b""
        field = self.notice_file if data else self.notice_text
        if data:
            try:  # shown back in the text box, so the next step (load) posts the same notice
                self.notice_text.data = data.decode("utf-8-sig")
            except UnicodeDecodeError:
                pass
        source = data or (self.notice_text.data or "").strip()
        try:
            if not source:
                raise NoticeError("empty")
            return parse_notice(source)
        except NoticeError as error:
            field.errors = [*field.errors, MESSAGES[error.code]]
            return None
