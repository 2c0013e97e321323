"""Editors' accounts and sign-in: bcrypt hashes from a git-ignored secrets file or the environment.

Accounts (never in git):

    # .streamlit/secrets.toml  (or the file named by TRACKER_SECRETS_FILE)
    [tracker.users.aminata]
    display_name = "Aminata Traoré"
    role = "editor"                 # "editor" writes; "viewer" may sign in but only reads
    password_hash = "$2b$12$..."    # python -m tracker hash-password

    # or, for containers: TRACKER_USERS='aminata:editor:$2b$12$... moussa:viewer:$2b$12$...'

A failed sign-in says the same thing whether the name exists or not, costs one bcrypt
check either way, and is counted in the database: after SIGN_IN_MAX_FAILURES failures in
SIGN_IN_WINDOW_MINUTES for one name (SIGN_IN_MAX_FAILURES_PER_CLIENT for one client address),
further tries are refused until the window has passed, across restarts and app instances.

An attempt is counted *before* its password is checked, in one transaction that first
records it and then counts (``_reserve``): on PostgreSQL under a per-key advisory lock, on
SQLite under the database's write lock, which the first INSERT takes. Attempts made at the
same instant are therefore ordered, and however many arrive in parallel, at most the limit
of them reach bcrypt; the rest are refused without a check (and not recorded, so a refused
try does not prolong the wait). A recorded attempt counts as a failure until its check
succeeds (a process killed mid-check leaves a failure, never a free try).

The client address comes from the connection, or, only when the connection comes from a
proxy named in TRACKER_TRUSTED_PROXIES (addresses or networks, comma-separated), from the
proxy's X-Forwarded-For / X-Real-IP header (``client_address``).
"""
from __future__ import annotations

import ipaddress
import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache
from pathlib import Path

import bcrypt
from sqlalchemy import delete, func, select, text, update
from sqlalchemy.engine import Engine

from etl.principals import ROLES, Principal
from tracker import db
from tracker.errors import SignInFailed, SignInRateLimited
from tracker.models import SignInAttempt
from tracker.vocab import SIGN_IN_MAX_FAILURES, SIGN_IN_MAX_FAILURES_PER_CLIENT, SIGN_IN_WINDOW_MINUTES

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SECRETS = ROOT / ".streamlit" / "secrets.toml"
DEFAULT_ROUNDS = 12
MIN_PASSWORD_LENGTH = 10
_HASH_RE = re.compile(r"^\$2[aby]?\$(\d{2})\$[./A-Za-z0-9]{53}$")
_ENV_ENTRY_RE = re.compile(r"^([^:\s]+):([a-z]+):(\$2[aby]?\$\d{2}\$[./A-Za-z0-9]{53})$")


@dataclass(frozen=True)
class UserRecord:
    username: str
    role: str
    password_hash: str
    display_name: str | None = None


class UserConfigError(ValueError):
    """The accounts configuration is malformed; the message names the file and the entry."""


def user_key(username: str) -> str:
    return (username or "").strip().casefold()


def hash_password(password: str, *, rounds: int = DEFAULT_ROUNDS) -> str:
    problem = password_problem(password)
    if problem:
        raise ValueError(problem)
    return bcrypt.hashpw(password.encode("utf-8"), bcrypt.gensalt(rounds)).decode("ascii")


def password_problem(password: str) -> str | None:
    if len(password) < MIN_PASSWORD_LENGTH:
        return f"mot de passe trop court : au moins {MIN_PASSWORD_LENGTH} caractères"
    if len(password.encode("utf-8")) > 72:
        return "mot de passe trop long : bcrypt n'en lit que 72 octets"
    return None


def _record(username: str, role: str, password_hash: str, display_name: str | None, where: str) -> UserRecord:
    if role not in ROLES:
        raise UserConfigError(f"{where}: rôle inconnu « {role} » pour {username} (permis : {', '.join(ROLES)})")
    if not _HASH_RE.match(password_hash or ""):
        raise UserConfigError(f"{where}: password_hash de {username} n'est pas un hash bcrypt "
                              "(python -m tracker hash-password)")
    return UserRecord(username=username.strip(), role=role, password_hash=password_hash, display_name=display_name)


def users_from_toml(path: Path) -> dict[str, UserRecord]:
    if not path.is_file():
        return {}
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise UserConfigError(f"{path}: fichier illisible ({exc})") from None
    table = data.get("tracker", {}).get("users", {})
    users = {}
    for username, entry in table.items():
        if not isinstance(entry, dict):
            raise UserConfigError(f"{path}: [tracker.users.{username}] doit être une table")
        users[user_key(username)] = _record(username, entry.get("role", "editor"), entry.get("password_hash", ""),
                                            entry.get("display_name"), str(path))
    return users


def users_from_env(value: str) -> dict[str, UserRecord]:
    users = {}
    for entry in re.split(r"[\s,;]+", value.strip()):
        if not entry:
            continue
        match = _ENV_ENTRY_RE.match(entry)
        if not match:
            raise UserConfigError(f"TRACKER_USERS: entrée mal formée « {entry.split(':')[0]}:… » "
                                  "(attendu nom:rôle:hash_bcrypt)")
        username, role, password_hash = match.groups()
        users[user_key(username)] = _record(username, role, password_hash, None, "TRACKER_USERS")
    return users


def load_users(secrets_path: Path | None = None, environ: dict | None = None) -> dict[str, UserRecord]:
    """Accounts from the secrets file, then TRACKER_USERS (which wins for a name in both)."""
    environ = os.environ if environ is None else environ
    path = secrets_path or Path(environ.get("TRACKER_SECRETS_FILE") or DEFAULT_SECRETS)
    users = users_from_toml(path)
    users.update(users_from_env(environ.get("TRACKER_USERS", "")))
    return users


@lru_cache(maxsize=8)
def _dummy_hash(rounds: int) -> bytes:
    return bcrypt.hashpw(b"not-a-real-password", bcrypt.gensalt(rounds))


def _rounds(users: dict[str, UserRecord]) -> int:
    costs = [int(_HASH_RE.match(u.password_hash).group(1)) for u in users.values()]
    return max(costs) if costs else DEFAULT_ROUNDS


def _check(password: str, password_hash: bytes) -> bool:
    try:
        return bcrypt.checkpw(password.encode("utf-8"), password_hash)
    except ValueError:  # over 72 bytes, or a hash bcrypt rejects: a failure like any other
        bcrypt.checkpw(b"x", _dummy_hash(DEFAULT_ROUNDS))
        return False


def _attempt_keys(username: str, client: str | None) -> list[str]:
    keys = [f"user:{user_key(username)[:180]}"]
    if client:
        keys.append(f"client:{client[:180]}")
    return keys


def _limit(key: str) -> int:
    return SIGN_IN_MAX_FAILURES_PER_CLIENT if key.startswith("client:") else SIGN_IN_MAX_FAILURES


def _recent_failures(session, key: str, now: datetime) -> tuple[int, datetime | None]:
    """Failures (and attempts still being checked) for ``key`` in the window and since its last
    success, with the oldest one's time. Attempts are ordered by id: under the key's lock (see
    _reserve) ids follow the order attempts were counted, even when their times are equal."""
    since = now - timedelta(minutes=SIGN_IN_WINDOW_MINUTES)
    last_success = session.scalar(select(func.max(SignInAttempt.attempt_id))
                                  .where(SignInAttempt.key == key, SignInAttempt.succeeded.is_(True),
                                         SignInAttempt.attempted_at > since))
    statement = (select(func.count(), func.min(SignInAttempt.attempted_at))
                 .where(SignInAttempt.key == key, SignInAttempt.succeeded.is_(False),
                        SignInAttempt.attempted_at > since))
    if last_success is not None:
        statement = statement.where(SignInAttempt.attempt_id > last_success)
    failures = session.execute(statement).one()
    return int(failures[0]), failures[1]


def _reserve(engine: Engine, keys: list[str], now: datetime) -> list[int]:
    """Record one attempt per key, then count: refused (SignInRateLimited, nothing recorded) when
    that makes more than the limit for any key. Returns the recorded attempts' ids.

    Insert-then-count in one transaction that holds the keys' lock from its first statement:
    PostgreSQL takes an advisory transaction lock per key (in sorted order: no deadlock between
    a name and a client address); SQLite's first INSERT takes the database's write lock (other
    writers wait, busy_timeout). So each count sees every attempt recorded before it."""
    with db.session_scope(None, engine) as session:
        if session.get_bind().dialect.name == "postgresql":
            for key in sorted(keys):
                session.execute(text("SELECT pg_advisory_xact_lock(hashtextextended(:key, 727275))"), {"key": key})
        attempts = [SignInAttempt(key=key, attempted_at=now, succeeded=False) for key in keys]
        session.add_all(attempts)
        session.flush()
        for key in keys:
            count, first = _recent_failures(session, key, now)  # this attempt included
            if count > _limit(key):
                wait = (first or now) + timedelta(minutes=SIGN_IN_WINDOW_MINUTES) - now
                raise SignInRateLimited(minutes=max(1, -(-int(wait.total_seconds()) // 60)))  # rolls back
        return [attempt.attempt_id for attempt in attempts]


def _settle(engine: Engine, attempt_ids: list[int], ok: bool, now: datetime) -> None:
    with db.session_scope(None, engine) as session:
        if ok:
            session.execute(update(SignInAttempt).where(SignInAttempt.attempt_id.in_(attempt_ids))
                            .values(succeeded=True).execution_options(synchronize_session=False))
        # Old attempts are of no use to the limit; keep the table small.
        session.execute(delete(SignInAttempt).where(SignInAttempt.attempted_at < now - timedelta(days=1))
                        .execution_options(synchronize_session=False))


def sign_in(username: str, password: str, *, users: dict[str, UserRecord], now: datetime,
            client: str | None = None, engine: Engine | None = None) -> Principal:
    """The Principal for a correct name and password, else SignInFailed / SignInRateLimited.

    `client` identifies the caller (its address, see client_address) so one client cannot try
    many names. The attempt is counted before the password is checked (see _reserve).
    """
    engine = engine if engine is not None else db.get_engine()
    attempt_ids = _reserve(engine, _attempt_keys(username, client), now)
    record = users.get(user_key(username))
    if record is None:
        _check(password or "", _dummy_hash(_rounds(users)))  # same cost as a real check
        ok = False
    else:
        ok = _check(password or "", record.password_hash.encode("ascii"))
    _settle(engine, attempt_ids, ok, now)
    if not ok:
        raise SignInFailed()
    return Principal(username=record.username, role=record.role, display_name=record.display_name)


# ---------------------------------------------------------------- client address

TRUSTED_PROXIES_ENV = "TRACKER_TRUSTED_PROXIES"
LOOPBACK = "127.0.0.1"


def trusted_proxies(environ: Mapping[str, str] | None = None) -> list:
    """The networks named in TRACKER_TRUSTED_PROXIES ("127.0.0.1, ::1, 10.0.0.0/8"); a bad entry
    is a UserConfigError naming it (a typo must not silently trust, or distrust, a proxy)."""
    environ = os.environ if environ is None else environ
    networks = []
    for entry in re.split(r"[\s,;]+", environ.get(TRUSTED_PROXIES_ENV, "").strip()):
        if not entry:
            continue
        try:
            networks.append(ipaddress.ip_network(entry, strict=False))
        except ValueError:
            raise UserConfigError(f"{TRUSTED_PROXIES_ENV}: adresse ou réseau invalide « {entry[:60]} »") from None
    return networks


def _address(value: str | None):
    try:
        return ipaddress.ip_address((value or "").strip().strip("[]"))
    except ValueError:
        return None


def _trusted(address, networks: list) -> bool:
    return address is not None and any(address.version == n.version and address in n for n in networks)


def client_address(peer: str | None, headers: Mapping[str, str] | None = None, *, trusted: list | None = None) -> str:
    """Who is signing in, for the per-client limit.

    ``peer`` is the connection's address; Streamlit reports None for a local connection, which
    is then 127.0.0.1 (so the limit applies on localhost too). Headers are believed only when the
    peer is a trusted proxy: X-Forwarded-For is read from the right, skipping trusted proxies,
    and its first other address is the client; else X-Real-IP. Anything unparsable is ignored.
    """
    peer_address = _address(peer) or _address(LOOPBACK)
    networks = trusted or []
    if not _trusted(peer_address, networks):
        return str(peer_address)
    lower = {str(k).lower(): str(v) for k, v in (headers or {}).items()}
    hops = [hop.strip() for hop in lower.get("x-forwarded-for", "").split(",") if hop.strip()]
    for hop in reversed(hops):
        address = _address(hop)
        if address is None:
            break  # a forged or garbled hop: stop believing the chain here
        if not _trusted(address, networks):
            return str(address)
    real = _address(lower.get("x-real-ip"))
    if real is not None:
        return str(real)
    return str(peer_address)
