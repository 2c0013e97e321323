"""Access: viewers' writes are refused where writes happen; sign-in gives nothing away and is rate-limited."""
from __future__ import annotations

import statistics
import time
from datetime import timedelta

import pytest
from sqlalchemy import insert, select, text, update
from tracker_support import *  # noqa: F401,F403  (fixtures)
from tracker_support import EDITOR, NOW, VIEWER, decisions_frame

from etl.principals import PermissionDenied
from tracker import auth, db, service
from tracker.errors import SignInFailed, SignInRateLimited
from tracker.models import Comment, HistoryEntry, TrackedDecision
from tracker.vocab import SIGN_IN_MAX_FAILURES_PER_CLIENT

PASSWORD = "sahel-suivi-2025"


@pytest.fixture
def synced(engine):
    service.sync_decisions(decisions_frame(2), now=NOW, engine=engine)
    return engine


@pytest.fixture(scope="module")
def users():
    return {
        "awa": auth.UserRecord("awa", "editor", auth.hash_password(PASSWORD, rounds=8), "Awa Diallo"),
        "lecteur": auth.UserRecord("lecteur", "viewer", auth.hash_password("lecture-seule-1", rounds=8)),
    }


def _snapshot(engine):
    return service.tracker_frame(engine=engine), service.history_frame(engine=engine)


@pytest.mark.parametrize("who", [VIEWER, None], ids=["viewer", "anonymous"])
def test_viewer_write_is_refused_by_the_service_and_nothing_changes(synced, who):
    decisions, history = _snapshot(synced)
    with pytest.raises(PermissionDenied, match="lecture"):
        service.update_decision("dec_0000", {"status": "completed"}, expected_version=0, editor=who, engine=synced)
    with pytest.raises(PermissionDenied):
        service.add_comment("dec_0000", "Je peux écrire ?", editor=who, engine=synced)
    after_decisions, after_history = _snapshot(synced)
    assert after_decisions.equals(decisions) and after_history.equals(history)
    assert service.comments_frame("dec_0000", engine=synced).empty


def test_viewer_write_is_refused_at_the_storage_layer_even_bypassing_the_service(synced):
    """A session acting for a viewer refuses ORM changes and UPDATE/INSERT statements alike."""
    with pytest.raises(PermissionDenied):
        with db.session_scope(VIEWER, synced) as session:
            row = session.get(TrackedDecision, "dec_0000")
            row.status = "completed"
    with pytest.raises(PermissionDenied):
        with db.session_scope(VIEWER, synced) as session:
            session.execute(update(TrackedDecision).where(TrackedDecision.decision_id == "dec_0000").values(version=99))
    with pytest.raises(PermissionDenied):
        with db.session_scope(None, synced) as session:
            session.execute(insert(HistoryEntry).values(decision_id="dec_0000", changed_at=NOW, editor="x",
                                                        field="status", version=0))
    with pytest.raises(PermissionDenied):
        with db.session_scope(VIEWER, synced) as session:
            session.add(Comment(decision_id="dec_0000", author="lecteur", body="x", created_at=NOW))
    with db.session_scope(None, synced) as session:
        stored = session.execute(select(TrackedDecision.status, TrackedDecision.version)
                                 .where(TrackedDecision.decision_id == "dec_0000")).one()
        assert tuple(stored) == ("not_started", 0)
        assert session.scalars(select(HistoryEntry)).all() == []
        assert session.scalars(select(Comment)).all() == []
    # while an editor's session may write, and its history row names the editor
    service.update_decision("dec_0000", {"status": "completed"}, expected_version=0, editor=EDITOR, engine=synced)
    assert set(service.history_frame(engine=synced)["editor"]) == {EDITOR.username}


@pytest.mark.parametrize("who", [VIEWER, None], ids=["viewer", "anonymous"])
def test_raw_sql_writes_are_refused_for_a_viewer_too(synced, who):
    """text() statements go through the same guard as the ORM: judged by the tables they write."""
    statements = [
        "UPDATE tracker_decisions SET status = 'completed' WHERE decision_id = 'dec_0000'",
        "/* commentaire */ insert into \"tracker_comments\" (decision_id, author, body, created_at) "
        "VALUES ('dec_0000', 'x', 'y', CURRENT_TIMESTAMP)",
        "DELETE FROM tracker_history",
        "WITH gone AS (DELETE FROM tracker_comments RETURNING 1) SELECT count(*) FROM gone",
    ]
    for sql in statements:
        with pytest.raises(PermissionDenied):
            with db.session_scope(who, synced) as session:
                session.execute(text(sql))
    with db.session_scope(who, synced) as session:  # reads stay open to all
        assert session.execute(text("SELECT status FROM tracker_decisions WHERE decision_id = 'dec_0000'")).scalar() \
            == "not_started"
    service.update_decision("dec_0000", {"status": "in_progress"}, expected_version=0, editor=EDITOR, engine=synced)
    with db.session_scope(EDITOR, synced) as session:  # an editor's raw write goes through
        session.execute(text("UPDATE tracker_decisions SET notes = 'vu' WHERE decision_id = 'dec_0000'"))
    assert service.get_decision("dec_0000", engine=synced)["notes"] == "vu"


def test_sign_in_returns_the_configured_role(engine, users):
    principal = auth.sign_in("AWA ", PASSWORD, users=users, now=NOW, engine=engine)
    assert (principal.username, principal.role, principal.display_name) == ("awa", "editor", "Awa Diallo")
    viewer = auth.sign_in("lecteur", "lecture-seule-1", users=users, now=NOW, engine=engine)
    with pytest.raises(PermissionDenied):  # a viewer account signs in but still cannot write
        service.add_comment("x", "y", editor=viewer, engine=engine)


def test_failed_sign_in_gives_nothing_away(engine, users):
    messages, timings = {}, {"unknown": [], "wrong": []}
    for i in range(4):
        for case, name in (("unknown", f"inconnu{i}"), ("wrong", "lecteur")):
            started = time.perf_counter()
            with pytest.raises(SignInFailed) as info:
                auth.sign_in(name, "mauvais-mot-de-passe", users=users, now=NOW + timedelta(hours=i), engine=engine)
            timings[case].append(time.perf_counter() - started)
            messages[case] = (type(info.value), str(info.value), info.value.message("en"))
    assert messages["unknown"] == messages["wrong"]
    assert messages["wrong"][1] == "Nom d'utilisateur ou mot de passe incorrect."
    # both paths pay one bcrypt check of the same cost
    ratio = statistics.median(timings["unknown"]) / statistics.median(timings["wrong"])
    assert 0.4 < ratio < 2.5, timings


def test_sign_in_is_rate_limited_in_the_database_across_restarts(tracker_url, engine, users):
    for i in range(5):
        with pytest.raises(SignInFailed):
            auth.sign_in("awa", f"essai-{i}", users=users, now=NOW + timedelta(seconds=i), engine=engine)
    # a new engine (an app restart, or another instance) sees the same count: even the right password is refused
    other = db.make_engine(tracker_url)
    try:
        with pytest.raises(SignInRateLimited) as info:
            auth.sign_in("awa", PASSWORD, users=users, now=NOW + timedelta(minutes=1), engine=other)
        assert "15 minute" in str(info.value) or "14 minute" in str(info.value)
        # an unknown name is limited the same way: the limit says nothing about who exists
        for i in range(5):
            with pytest.raises(SignInFailed):
                auth.sign_in("personne", "x", users=users, now=NOW + timedelta(seconds=i), engine=other)
        with pytest.raises(SignInRateLimited):
            auth.sign_in("personne", "x", users=users, now=NOW + timedelta(minutes=1), engine=other)
        # after the window, the right password works again and clears the count
        assert auth.sign_in("awa", PASSWORD, users=users, now=NOW + timedelta(minutes=16), engine=other).role == "editor"
        with pytest.raises(SignInFailed):
            auth.sign_in("awa", "encore-faux", users=users, now=NOW + timedelta(minutes=17), engine=other)
    finally:
        other.dispose()


def test_one_client_cannot_try_many_names(engine, users):
    for i in range(SIGN_IN_MAX_FAILURES_PER_CLIENT):
        with pytest.raises(SignInFailed):
            auth.sign_in(f"nom{i}", "x", users=users, now=NOW, client="10.0.0.7", engine=engine)
    with pytest.raises(SignInRateLimited):
        auth.sign_in("awa", PASSWORD, users=users, now=NOW, client="10.0.0.7", engine=engine)
    assert auth.sign_in("awa", PASSWORD, users=users, now=NOW, client="10.0.0.8", engine=engine).username == "awa"


def test_passwords_are_hashed_and_checked():
    hashed = auth.hash_password("un mot de passe long", rounds=4)
    assert hashed.startswith("$2b$04$") and "un mot de passe" not in hashed
    assert auth._check("un mot de passe long", hashed.encode())
    assert not auth._check("un mot de passe lonG", hashed.encode())
    assert not auth._check("é" * 80, hashed.encode())  # over bcrypt's 72 bytes: a plain failure
    with pytest.raises(ValueError, match="court"):
        auth.hash_password("court")


def test_accounts_from_secrets_file_and_environment(tmp_path):
    hashed = auth.hash_password("mot-de-passe-solide", rounds=4)
    secrets = tmp_path / "secrets.toml"
    secrets.write_text(f'[tracker.users.Awa]\ndisplay_name = "Awa Diallo"\nrole = "editor"\npassword_hash = "{hashed}"\n',
                       encoding="utf-8")
    env = {"TRACKER_USERS": f"moussa:viewer:{hashed}, awa:viewer:{hashed}"}
    users = auth.load_users(secrets, env)
    assert {k: (u.username, u.role) for k, u in users.items()} == {"awa": ("awa", "viewer"), "moussa": ("moussa", "viewer")}
    assert auth.load_users(secrets, {})["awa"].display_name == "Awa Diallo"
    assert auth.load_users(tmp_path / "absent.toml", {}) == {}


@pytest.mark.parametrize("content, needle", [
    ('[tracker.users.x]\nrole = "admin"\npassword_hash = "{h}"\n', "rôle inconnu"),
    ('[tracker.users.x]\nrole = "editor"\npassword_hash = "motdepasse"\n', "pas un hash bcrypt"),
    ('[tracker.users.x\n', "illisible"),
])
def test_bad_accounts_file_names_the_file_and_the_problem(tmp_path, content, needle):
    secrets = tmp_path / "secrets.toml"
    secrets.write_text(content.replace("{h}", auth.hash_password("mot-de-passe-solide", rounds=4)), encoding="utf-8")
    with pytest.raises(auth.UserConfigError, match=needle) as info:
        auth.load_users(secrets, {})
    assert str(secrets) in str(info.value)
    with pytest.raises(auth.UserConfigError, match="TRACKER_USERS"):
        auth.load_users(tmp_path / "absent.toml", {"TRACKER_USERS": "awa:editor:clair"})
