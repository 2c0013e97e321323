"""python -m tracker: accounts, sync and export from a terminal."""
from __future__ import annotations

import subprocess
import sys

import openpyxl
from dashboard_fixtures import publish_tables
from tables_backend import postgres_mode
from tracker_support import decisions_frame

from tracker import auth


def run(*args, cwd, stdin: str = "", env=None):
    return subprocess.run([sys.executable, "-m", "tracker", *args], input=stdin, cwd=cwd, capture_output=True,
                          text=True, timeout=120, env=env)


def test_hash_password_prints_a_bcrypt_hash_that_checks(tmp_path):
    result = run("hash-password", "--password-stdin", "--rounds", "4", cwd=tmp_path, stdin="un-mot-de-passe-sûr\n")
    assert result.returncode == 0, result.stderr
    hashed = result.stdout.strip()
    assert auth._check("un-mot-de-passe-sûr", hashed.encode()) and not auth._check("autre", hashed.encode())
    short = run("hash-password", "--password-stdin", cwd=tmp_path, stdin="court\n")
    assert short.returncode == 1 and "trop court" in short.stderr


def test_add_user_writes_a_readable_secrets_file_and_replaces_on_request(tmp_path):
    secrets = tmp_path / ".streamlit" / "secrets.toml"
    secrets.parent.mkdir()
    secrets.write_text('[other]\nkey = "garder"\n', encoding="utf-8")
    args = ("add-user", "awa.diallo", "--display-name", 'Awa "A" Diallo', "--secrets", str(secrets), "--rounds", "4",
            "--password-stdin")
    assert run(*args, cwd=tmp_path, stdin="premier-mot-de-passe\n").returncode == 0
    again = run(*args, cwd=tmp_path, stdin="second-mot-de-passe\n")
    assert again.returncode == 1 and "existe déjà" in again.stderr
    assert run(*args, "--replace", "--role", "viewer", cwd=tmp_path, stdin="second-mot-de-passe\n").returncode == 0
    users = auth.load_users(secrets, {})
    assert list(users) == ["awa.diallo"]
    user = users["awa.diallo"]
    assert (user.role, user.display_name) == ("viewer", 'Awa "A" Diallo')
    assert auth._check("second-mot-de-passe", user.password_hash.encode())
    assert 'key = "garder"' in secrets.read_text(encoding="utf-8")
    assert (secrets.stat().st_mode & 0o077) == 0  # readable by its owner only
    listed = run("users", "--secrets", str(secrets), cwd=tmp_path)
    assert listed.stdout.split("\t")[:2] == ["awa.diallo", "viewer"] and "$2b$" not in listed.stdout


def test_sync_status_and_export(tmp_path):
    url = f"sqlite:///{tmp_path / 'cli.sqlite'}"
    tables = tmp_path / "tables"
    tables.mkdir()
    missing = run("--database-url", url, "sync", "--tables", str(tables), cwd=tmp_path)
    assert missing.returncode == 1
    assert ("decisions: aucune table publiée" if postgres_mode() else "decisions.csv") in missing.stderr
    publish_tables(tables, {"decisions": decisions_frame(3)}, {})
    synced = run("--database-url", url, "sync", "--tables", str(tables), cwd=tmp_path)
    assert synced.returncode == 0 and "ajoutées 3" in synced.stdout, synced.stderr
    status = run("--database-url", url, "status", cwd=tmp_path)
    assert "not_started\t3" in status.stdout
    out = tmp_path / "suivi.xlsx"
    assert run("--database-url", url, "export", "--out", str(out), cwd=tmp_path).returncode == 0
    assert openpyxl.load_workbook(out).sheetnames == ["Décisions", "Historique"]
    csv = tmp_path / "suivi.csv"
    assert run("--database-url", url, "export", "--out", str(csv), cwd=tmp_path).returncode == 0
    assert csv.read_bytes().startswith(b"\xef\xbb\xbf")
    bad = run("--database-url", url, "export", "--out", str(tmp_path / "suivi.txt"), cwd=tmp_path)
    assert bad.returncode == 1


def test_the_accounts_file_is_written_as_toml_keeping_what_else_it_holds():
    """tomlkit, not string concatenation: comments and other settings stay, quotes and backslashes
    in a display name survive, an account named in another case is replaced."""
    import tomllib

    import tomlkit

    from tracker.__main__ import _with_user

    before = '# comptes\n[server]\nport = 8501\n\n[tracker.users."Awa.Diallo"]\nrole = "viewer"\npassword_hash = "x"\n'
    entry = tomlkit.table()
    entry["display_name"] = 'Awa "A" \\ Diallo'
    entry["role"] = "editor"
    entry["password_hash"] = "$2b$04$hash"
    after = _with_user(before, "awa.diallo", entry)
    assert after.startswith("# comptes\n[server]\nport = 8501\n")
    data = tomllib.loads(after)
    assert data["server"] == {"port": 8501}
    assert data["tracker"]["users"] == {"awa.diallo": {"display_name": 'Awa "A" \\ Diallo', "role": "editor",
                                                       "password_hash": "$2b$04$hash"}}
    assert tomllib.loads(_with_user("", "bob", entry))["tracker"]["users"]["bob"]["role"] == "editor"
