"""Errors the service raises, each with a catalogue key so the page can say it in French or English.

str(error) is the French message (the CLI and logs use it); error.message(lang) any language.
"""
from __future__ import annotations

from presentation.i18n import t, tn


class TrackerError(Exception):
    key = "tracker.error.generic"
    count: str | None = None  # the parameter a plural message agrees with (``minutes``)

    def __init__(self, **params):
        self.params = params
        super().__init__(self.message("fr"))

    def message(self, lang: str = "fr") -> str:
        if self.count is not None:
            return tn(self.key, self.params[self.count], lang, **self.params)
        return t(self.key, lang, **self.params)


class NotFound(TrackerError):
    key = "tracker.error.not_found"


class InvalidInput(TrackerError):
    """One or more values are wrong; nothing was written. `problems` are (key, params) pairs."""

    key = "tracker.error.invalid"

    def __init__(self, problems: list[tuple[str, dict]]):
        self.problems = problems
        super().__init__(n=len(problems))

    def messages(self, lang: str = "fr") -> list[str]:
        return [t(key, lang, **_localised(key, params, lang)) for key, params in self.problems]

    def message(self, lang: str = "fr") -> str:
        return tn(self.key, len(self.problems), lang) + " " + " ".join(self.messages(lang))


def _localised(key: str, params: dict, lang: str) -> dict:
    """Fill the parts of a message that depend on the language (e.g. the status labels)."""
    if key == "tracker.invalid.status":
        from tracker.vocab import STATUSES

        return {**params, "allowed": ", ".join(f"{t('tracker.status.' + s, lang)} ({s})" for s in STATUSES)}
    if key == "tracker.invalid.due_before_announced":
        from presentation.formatting import fmt_date

        return {**params, "due": fmt_date(params["due"], "day", lang), "announced": fmt_date(params["announced"], None, lang)}
    if key == "tracker.invalid.progress_status":
        from presentation.formatting import fmt_number

        return {"progress": fmt_number(params["progress"], lang), "status": t(f"tracker.status.{params['status']}", lang),
                "expected": t(f"tracker.progress_rule.{params['status']}", lang)}
    if key in ("tracker.invalid.too_long",):
        return {**params, "field": t(f"tracker.field.{params['field']}", lang)}
    return params


class Conflict(TrackerError):
    """Someone else saved this decision after the editor loaded it. Nothing was written.

    `theirs` lists the other changes (history rows: changed_at, editor, field, old_value,
    new_value); `mine` the changes that were refused, so the page can offer them again.
    """

    key = "tracker.error.conflict"

    def __init__(self, decision_id: str, expected_version: int, current_version: int,
                 theirs: list[dict], mine: dict, current: dict):
        self.decision_id = decision_id
        self.expected_version = expected_version
        self.current_version = current_version
        self.theirs = theirs
        self.mine = mine
        self.current = current
        editors = sorted({row["editor"] for row in theirs}) or ["?"]
        super().__init__(decision_id=decision_id, editors=", ".join(editors),
                         changes=describe_changes(theirs))


def describe_changes(rows: list[dict]) -> str:
    """'status: in_progress → completed; progress: 40 → 100' (codes; the page shows labels)."""
    return "; ".join(f"{r['field']}: {r.get('old_value') or '∅'} → {r.get('new_value') or '∅'}" for r in rows)


class SignInFailed(TrackerError):
    """The same for an unknown name and a wrong password."""

    key = "tracker.signin.failed"


class SignInRateLimited(TrackerError):
    key = "tracker.signin.rate_limited"
    count = "minutes"
