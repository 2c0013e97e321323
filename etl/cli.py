"""Command line: a thin wrapper over the Python API (``etl.pipeline.build``).

    python -m etl build [--articles DIR] [--out DIR] [--force] [--quiet] [--jobs N]

Exit codes of ``build``:
    0  every article is ok
    1  some articles failed (bad file, duplicate…), the tables were written;
       the summary lists them
    2  the build itself failed (unreadable folder, broken contract…);
       the previous tables are untouched
"""
from __future__ import annotations

import argparse
import os
import sys
from datetime import date
from pathlib import Path

from etl import paths

EXIT_OK, EXIT_SOME_FAILED, EXIT_BUILD_FAILED, EXIT_INTERRUPTED = 0, 1, 2, 130


def _print_err(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def cmd_build(args: argparse.Namespace) -> int:
    from etl.pipeline import BuildError, build

    try:
        summary = build(
            args.articles,
            args.out,
            force=args.force,
            progress=False if args.quiet else None,
            log=None if args.quiet else _print_err,
            today=args.today,
            jobs=args.jobs,
        )
    except BuildError as exc:
        _print_err(str(exc))
        return EXIT_BUILD_FAILED
    except KeyboardInterrupt:
        _print_err("Interrompu : les tables précédentes sont conservées (interrupted: previous tables kept)")
        return EXIT_INTERRUPTED
    try:
        # Quiet runs printed nothing so far: list the failures with the summary.
        print(summary.format(details=args.quiet), flush=True)
        if summary.n_failed and not args.quiet:
            print(f"{summary.n_failed} fichier(s) en échec, voir les messages ci-dessus"
                  f" ({summary.n_failed} file(s) failed, see the messages above)", flush=True)
    except BrokenPipeError:  # `python -m etl build | head`: the reader left; the tables are written
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return summary.exit_code


def _iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"date ISO attendue, p. ex. 2025-01-31 (ISO date expected): {value!r}")


def _positive(value: str) -> int:
    n = int(value)
    if n < 1:
        raise argparse.ArgumentTypeError("au moins 1 (at least 1)")
    return n


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m etl",
        description="ETL des articles : fichiers d'articles → tables traçables (article files → traceable tables).",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMANDE")
    b = commands.add_parser(
        "build",
        help="construire les tables à partir des articles (build the tables)",
        description="Lit chaque article, extrait ce qui a changé, valide et écrit les tables de façon atomique. "
                    "Codes de sortie : 0 tout est ok, 1 des articles en échec mais tables écrites, "
                    "2 échec du build (tables précédentes conservées).",
    )
    b.add_argument("--articles", type=Path, default=None,
                   help=f"dossier des articles (articles folder; default {paths.articles_dir()})")
    b.add_argument("--out", type=Path, default=None,
                   help=f"dossier des tables (tables folder; default {paths.tables_dir()})")
    b.add_argument("--force", action="store_true",
                   help="tout extraire à nouveau, sans le cache (re-extract everything)")
    b.add_argument("--quiet", "-q", action="store_true",
                   help="ni barre de progression ni messages au fil de l'eau (no progress bar, no live messages)")
    b.add_argument("--jobs", "-j", type=_positive, default=1,
                   help="processus d'extraction en parallèle (extraction processes; default 1)")
    b.add_argument("--today", type=_iso_date, default=None,
                   help="date du jour, ISO, pour borner les dates des pages web (today's date; default: the clock)")
    b.set_defaults(func=cmd_build)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help(sys.stderr)
        return EXIT_BUILD_FAILED
    if args.command == "build":
        # The command line is where "today" comes from; the library never reads the clock.
        args.articles = args.articles or paths.articles_dir()
        args.out = args.out or paths.tables_dir()
        args.today = args.today or date.today()
    return args.func(args)
