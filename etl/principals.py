"""Who is acting: an editor who signed in, a viewer, the command line, or the ETL sync; and the
one check every write makes first (``require_writer``).

Here in etl, the lowest layer, because both the ETL's writes (etl.intake, etl.imports, the feeds'
command line) and the tracker (tracker.auth, tracker.db, tracker.service) check it, and etl
imports no other package of the project (tests/test_import_directions.py). Its refusal speaks
French and English by itself, as the ETL's messages do (etl.reading.message).
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

    def __init__(self, principal: Principal | None):
        self.principal = principal
        super().__init__(self.message("fr"))

    def message(self, lang: str = "fr") -> str:
        if lang == "en":
            who = "anonymous visitor" if self.principal is None else self.principal.username
            return f"Change refused: {who} may only read. Sign in with an editor account."
        who = "visiteur anonyme" if self.principal is None else self.principal.username
        return f"Modification refusée : {who} n'a que le droit de lecture. Connectez-vous avec un compte éditeur."
