"""python -m tracker COMMAND — manage the decision tracker from a terminal.

  upgrade                    apply database migrations (alembic upgrade head)
  sync [--tables DIR]        bring the tracker in line with the published decisions (orphans kept;
                             etl.store: DIR/decisions.csv, or SAHEL_TABLES_URL's database when set)
  hash-password              read a password (twice, hidden) and print its bcrypt hash
  add-user NAME              add or replace an account in .streamlit/secrets.toml
  users                      list configured accounts (never their hashes)
  status                     counts by status
  export --out FILE          the tracker with current statuses (.csv / .xlsx) or its history (--history)

--database-url overrides DATABASE_URL (default: SQLite file data/tracker.sqlite).
Exit codes: 0 ok, 1 bad input or refused, 2 usage.
"""
from __future__ import annotations

import argparse
import getpass
import os
import re
import sys
import tempfile
from pathlib import Path

import tomlkit

from etl.paths import tables_dir
from etl.store import StoreError, TableMissing, open_store


def _read_password(args) -> str:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass("Mot de passe / password: ")
    if getpass.getpass("Encore / again: ") != first:
        raise SystemExit("Les deux saisies diffèrent / passwords differ")
    return first


def _engine(args):
    from tracker import db

    return db.get_engine(args.database_url)


def cmd_upgrade(args) -> int:
    from tracker import db

    db.upgrade(args.database_url or db.default_url())
    print("Base du suivi à jour / tracker database up to date")
    return 0


def cmd_sync(args) -> int:
    from tracker import service

    tables = open_store(Path(args.tables or tables_dir()))
    build = tables.pin()
    try:
        frame = build.read("decisions")
    except TableMissing as exc:
        print(f"{build} : {exc} ; lancez `python -m etl build` / table missing", file=sys.stderr)
        return 1
    except StoreError as exc:
        print(f"{build} : illisible / unreadable ({exc})", file=sys.stderr)
        return 1
    if len(frame) and frame["decision_id"].isna().all():
        print(f"{build} : colonne decision_id absente / no decision_id column", file=sys.stderr)
        return 1
    report = service.sync_decisions(frame, engine=_engine(args), force=args.force)
    print(f"{report.n_decisions} décisions ; ajoutées {report.added}, mises à jour {report.updated}, "
          f"orphelines {report.orphaned}, retrouvées {report.restored}, doublons ignorés {report.duplicates}"
          + (" (inchangé, rien à faire)" if report.skipped else ""))
    return 0


def cmd_hash_password(args) -> int:
    from tracker import auth

    password = _read_password(args)
    problem = auth.password_problem(password)
    if problem:
        print(problem, file=sys.stderr)
        return 1
    print(auth.hash_password(password, rounds=args.rounds))
    return 0


def _with_user(text: str, username: str, entry) -> str:
    """The secrets file with ``[tracker.users."<username>"]`` set to ``entry`` (tomlkit: the rest of
    the file, comments and other settings included, kept as written). An account with the same
    name in another case is replaced."""
    from tracker import auth

    doc = tomlkit.parse(text)
    tracker = doc.get("tracker")
    if tracker is None:
        tracker = doc["tracker"] = tomlkit.table(is_super_table=True)
    users = tracker.get("users")
    if users is None:
        users = tracker["users"] = tomlkit.table(is_super_table=True)
    for key in [k for k in users if auth.user_key(k) == auth.user_key(username)]:
        del users[key]
    users[username] = entry
    return tomlkit.dumps(doc).lstrip("\n")


def cmd_add_user(args) -> int:
    from etl.principals import ROLES
    from tracker import auth

    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}", args.name):
        print("Nom invalide : lettres, chiffres, . _ - (64 max) / invalid name", file=sys.stderr)
        return 1
    if args.role not in ROLES:
        print(f"Rôle inconnu {args.role} (permis : {', '.join(ROLES)})", file=sys.stderr)
        return 1
    path = Path(args.secrets or os.environ.get("TRACKER_SECRETS_FILE") or auth.DEFAULT_SECRETS)
    existing = auth.users_from_toml(path)
    if auth.user_key(args.name) in existing and not args.replace:
        print(f"{args.name} existe déjà dans {path} (--replace pour le remplacer) / already exists", file=sys.stderr)
        return 1
    password = _read_password(args)
    problem = auth.password_problem(password)
    if problem:
        print(problem, file=sys.stderr)
        return 1
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    entry = tomlkit.table()
    if args.display_name:
        entry["display_name"] = args.display_name
    entry["role"] = args.role
    entry["password_hash"] = auth.hash_password(password, rounds=args.rounds)
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, delete=False, suffix=".tmp") as fh:
        fh.write(_with_user(text, args.name, entry))
        tmp = Path(fh.name)
    os.chmod(tmp, 0o600)
    auth.users_from_toml(tmp)  # never leave a file the app cannot read
    tmp.replace(path)
    print(f"Compte {args.name} ({args.role}) enregistré dans {path}")
    return 0


def cmd_users(args) -> int:
    from tracker import auth

    path = Path(args.secrets) if args.secrets else None
    for user in sorted(auth.load_users(path).values(), key=lambda u: u.username):
        print(f"{user.username}\t{user.role}\t{user.display_name or ''}")
    return 0


def cmd_status(args) -> int:
    from tracker import service

    counts = service.status_counts(engine=_engine(args), include_orphaned=True)
    for status, n in zip(counts["status"], counts["n"]):
        print(f"{status}\t{n}")
    return 0


def cmd_export(args) -> int:
    from tracker import export, service

    engine = _engine(args)
    out = Path(args.out)
    if args.history:
        frame = export.history_export_frame(service.history_frame(engine=engine))
        data = export.to_xlsx_bytes({"history": frame}) if out.suffix == ".xlsx" else export.to_csv_bytes(frame)
    elif out.suffix == ".xlsx":
        data = export.tracker_workbook(service.tracker_frame(engine=engine), service.history_frame(engine=engine), args.lang)
    elif out.suffix == ".csv":
        data = export.to_csv_bytes(export.decisions_export_frame(service.tracker_frame(engine=engine), args.lang))
    else:
        print(f"{out} : extension .csv ou .xlsx attendue / expected .csv or .xlsx", file=sys.stderr)
        return 1
    with tempfile.NamedTemporaryFile("wb", dir=out.parent if str(out.parent) else ".", delete=False, suffix=".tmp") as fh:
        fh.write(data)
    Path(fh.name).replace(out)
    print(f"{out} écrit ({len(data)} octets)")
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m tracker", description=__doc__.split("\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--database-url", help="overrides DATABASE_URL")
    sub = p.add_subparsers(dest="command", required=True)
    sub.add_parser("upgrade", help="apply migrations").set_defaults(func=cmd_upgrade)
    s = sub.add_parser("sync", help="sync with decisions.csv")
    s.add_argument("--tables", help="tables folder (default: data/tables or SAHEL_TABLES_DIR)")
    s.add_argument("--force", action="store_true", help="sync even if decisions.csv did not change")
    s.set_defaults(func=cmd_sync)
    for name, func in (("hash-password", cmd_hash_password), ("add-user", cmd_add_user)):
        c = sub.add_parser(name)
        c.add_argument("--password-stdin", action="store_true", help="read the password from stdin (one line)")
        c.add_argument("--rounds", type=int, default=12, help="bcrypt cost (default 12)")
        c.set_defaults(func=func)
        if name == "add-user":
            c.add_argument("name")
            c.add_argument("--role", default="editor")
            c.add_argument("--display-name")
            c.add_argument("--secrets", help="secrets file (default .streamlit/secrets.toml)")
            c.add_argument("--replace", action="store_true")
    u = sub.add_parser("users")
    u.add_argument("--secrets")
    u.set_defaults(func=cmd_users)
    sub.add_parser("status").set_defaults(func=cmd_status)
    e = sub.add_parser("export")
    e.add_argument("--out", required=True, help="FILE.csv or FILE.xlsx")
    e.add_argument("--history", action="store_true", help="export the change history instead")
    e.add_argument("--lang", default="fr", choices=("fr", "en"))
    e.set_defaults(func=cmd_export)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    from tracker.auth import UserConfigError

    try:
        return args.func(args)
    except UserConfigError as exc:
        print(exc, file=sys.stderr)
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
