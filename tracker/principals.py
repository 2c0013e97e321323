"""Who is acting: an editor who signed in, a viewer, or the ETL sync.

Kept apart from auth (passwords) and db (sessions) so both can import it.
"""
from __future__ import annotations

from dataclasses import dataclass

ROLES = ("viewer", "editor")
WRITE_ROLES = frozenset({"editor"})
SYSTEM_ROLE = "system"


@dataclass(frozen=True)
class Principal:
    username: str
    role: str = "viewer"
    display_name: str | None = None

    @property
    def is_system(self) -> bool:
        return self.role == SYSTEM_ROLE

    @property
    def label(self) -> str:
        """The name written into history rows: who did it, recognisably."""
        return self.username


# The ETL sync: marks decisions orphaned or seen again; never touches editors' fields.
SYSTEM = Principal(username="etl-sync", role=SYSTEM_ROLE, display_name="ETL")


def may_write(principal: Principal | None) -> bool:
    return principal is not None and (principal.role in WRITE_ROLES or principal.is_system)


def require_writer(principal: Principal | None) -> Principal:
    """``principal`` if it may write, else PermissionDenied (a viewer, or nobody signed in).
    Called first by every function that writes data: nothing is written when it refuses."""
    if not may_write(principal):
        raise PermissionDenied(principal)
    return principal


def command_line() -> Principal:
    """Whoever runs a command (`python -m etl import-figures`): the shell account that can write
    the data folder anyway, named in what it writes."""
    import getpass

    try:
        user = getpass.getuser()
    except Exception:
        user = "?"
    return Principal(username=f"{user}@cli", role="editor", display_name=user)


class PermissionDenied(PermissionError):
    """A write attempted by someone who may only read. Nothing was written."""

    key = "tracker.error.permission"

    def __init__(self, principal: Principal | None):
        self.principal = principal
        super().__init__(self.message("fr"))

    def message(self, lang: str = "fr") -> str:
        from dashboard.i18n import t  # the catalogue; no streamlit needed

        anonymous = self.principal is None
        return t(self.key, lang, who=t("tracker.anonymous", lang) if anonymous else self.principal.username)
