"""Sign-in under a parallel attack: an attempt is counted before its password is checked, so
however many tries arrive at once, at most the limit of them reach bcrypt — on SQLite and on
PostgreSQL (TEST_DATABASE_URL), each thread with its own connection. And the client address is
read from a proxy's header only when that proxy is trusted."""
from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from sqlalchemy import func, select
from tracker_support import *  # noqa: F401,F403  (fixtures)
from tracker_support import NOW

from tracker import auth, db
from tracker.errors import SignInFailed, SignInRateLimited
from tracker.models import SignInAttempt
from tracker.vocab import SIGN_IN_MAX_FAILURES, SIGN_IN_MAX_FAILURES_PER_CLIENT

PASSWORD = "sahel-suivi-2025"


@pytest.fixture(scope="module")
def users():
    # cost 8: each check takes milliseconds, a window wide enough for a race to show
    return {"awa": auth.UserRecord("awa", "editor", auth.hash_password(PASSWORD, rounds=8), "Awa Diallo")}


@pytest.fixture
def checks(monkeypatch):
    """Counts the real bcrypt checks (the check still runs)."""
    calls: list[int] = []
    lock = threading.Lock()
    real = auth._check

    def counting(password, password_hash):
        with lock:
            calls.append(1)
        return real(password, password_hash)

    monkeypatch.setattr(auth, "_check", counting)
    return calls


def burst(url: str, users, n: int, *, now, name=lambda i: "awa", password=lambda i: f"faux-{i}",
          client=lambda i: None) -> dict[str, int]:
    """``n`` threads, each with its own engine (connection), released together at one barrier."""
    engines = [db.make_engine(url) for _ in range(n)]
    barrier = threading.Barrier(n)
    outcomes: list[str] = []
    lock = threading.Lock()

    def attempt(i: int) -> None:
        barrier.wait()
        try:
            auth.sign_in(name(i), password(i), users=users, now=now, client=client(i), engine=engines[i])
            outcome = "signed_in"
        except SignInFailed:
            outcome = "failed"
        except SignInRateLimited:
            outcome = "limited"
        except Exception as exc:  # e.g. a database lock timeout: the test must say so
            outcome = f"error {type(exc).__name__}: {exc}"
        with lock:
            outcomes.append(outcome)

    threads = [threading.Thread(target=attempt, args=(i,)) for i in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=180)
    for engine in engines:
        engine.dispose()
    assert len(outcomes) == n, "a sign-in thread did not finish"
    counts: dict[str, int] = {}
    for outcome in outcomes:
        counts[outcome] = counts.get(outcome, 0) + 1
    return counts


def recorded(engine, key: str) -> int:
    with db.session_scope(None, engine) as session:
        return session.scalar(select(func.count()).select_from(SignInAttempt).where(SignInAttempt.key == key))


def test_parallel_attempts_at_one_name_check_at_most_the_limit(tracker_url, engine, users, checks):
    # 20 at once: five are checked (and fail), fifteen are refused unchecked
    first = burst(tracker_url, users, 20, now=NOW)
    assert first == {"failed": SIGN_IN_MAX_FAILURES, "limited": 20 - SIGN_IN_MAX_FAILURES}, first
    assert len(checks) == SIGN_IN_MAX_FAILURES
    assert recorded(engine, "user:awa") == SIGN_IN_MAX_FAILURES  # refused tries are not recorded

    # the right password after the limit is refused, without a check
    with pytest.raises(SignInRateLimited):
        auth.sign_in("awa", PASSWORD, users=users, now=NOW + timedelta(minutes=1), engine=engine)
    assert len(checks) == SIGN_IN_MAX_FAILURES

    # 50 at once, within the window: none is checked
    second = burst(tracker_url, users, 50, now=NOW + timedelta(minutes=2))
    assert second == {"limited": 50}, second
    assert len(checks) == SIGN_IN_MAX_FAILURES

    # after the window, 50 at once again: five more checks, never more
    third = burst(tracker_url, users, 50, now=NOW + timedelta(minutes=20))
    assert third == {"failed": SIGN_IN_MAX_FAILURES, "limited": 50 - SIGN_IN_MAX_FAILURES}, third
    assert len(checks) == 2 * SIGN_IN_MAX_FAILURES
    with pytest.raises(SignInRateLimited):
        auth.sign_in("awa", PASSWORD, users=users, now=NOW + timedelta(minutes=21), engine=engine)
    assert len(checks) == 2 * SIGN_IN_MAX_FAILURES

    # once that window has passed too, the right password signs in
    assert auth.sign_in("awa", PASSWORD, users=users, now=NOW + timedelta(minutes=40), engine=engine).role == "editor"
    assert len(checks) == 2 * SIGN_IN_MAX_FAILURES + 1


def test_parallel_attempts_from_one_client_at_many_names_check_at_most_its_limit(tracker_url, engine, users, checks):
    counts = burst(tracker_url, users, 50, now=NOW, name=lambda i: f"nom{i}", client=lambda i: "203.0.113.9")
    assert counts == {"failed": SIGN_IN_MAX_FAILURES_PER_CLIENT, "limited": 50 - SIGN_IN_MAX_FAILURES_PER_CLIENT}
    assert len(checks) == SIGN_IN_MAX_FAILURES_PER_CLIENT


# ---------------------------------------------------------------- client address behind a proxy

LOCAL = auth.trusted_proxies({"TRACKER_TRUSTED_PROXIES": "127.0.0.1, ::1"})


def test_client_address_is_the_connection_unless_it_comes_from_a_trusted_proxy():
    forged = {"X-Forwarded-For": "198.51.100.1", "X-Real-IP": "198.51.100.2"}
    # no trusted proxy: the headers are anyone's to write, the connection decides
    assert auth.client_address("203.0.113.5", forged, trusted=[]) == "203.0.113.5"
    # Streamlit reports None for localhost: the limit still applies, to 127.0.0.1
    assert auth.client_address(None, forged, trusted=[]) == "127.0.0.1"
    # a connection from elsewhere than the trusted proxy: its headers are ignored
    assert auth.client_address("203.0.113.5", forged, trusted=LOCAL) == "203.0.113.5"


def test_behind_the_trusted_proxy_the_forwarded_client_counts():
    # nginx appends the address it saw: read from the right, the first untrusted hop is the client
    headers = {"x-forwarded-for": "198.51.100.66, 203.0.113.7", "x-real-ip": "203.0.113.7"}
    assert auth.client_address(None, headers, trusted=LOCAL) == "203.0.113.7"
    assert auth.client_address("127.0.0.1", {"X-Real-IP": "203.0.113.8"}, trusted=LOCAL) == "203.0.113.8"
    # a garbled hop stops the chain; X-Real-IP (set by the proxy) is used instead
    assert auth.client_address(None, {"X-Forwarded-For": "pas-une-adresse", "X-Real-IP": "2001:db8::5"},
                               trusted=LOCAL) == "2001:db8::5"
    # a proxy that sent no header: the proxy itself
    assert auth.client_address(None, {}, trusted=LOCAL) == "127.0.0.1"
    networks = auth.trusted_proxies({"TRACKER_TRUSTED_PROXIES": "10.0.0.0/8"})
    assert auth.client_address("10.1.2.3", {"X-Forwarded-For": "192.0.2.1, 10.9.9.9"}, trusted=networks) == "192.0.2.1"


def test_a_malformed_trusted_proxy_setting_is_an_error_naming_it():
    with pytest.raises(auth.UserConfigError, match="TRACKER_TRUSTED_PROXIES.*proxy.local"):
        auth.trusted_proxies({"TRACKER_TRUSTED_PROXIES": "127.0.0.1 proxy.local"})
    assert auth.trusted_proxies({}) == []
