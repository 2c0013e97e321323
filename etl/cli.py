"""Command line: a thin wrapper over the Python API (``etl.pipeline.build``).

    python -m etl build [--articles DIR] [--out DIR] [--force] [--quiet] [--jobs N] [--imports DIR]
    python -m etl import-figures FILE [--source NAME] [--imports DIR] [--no-build]
    python -m etl fetch URL... [--articles DIR] [--out DIR] [--no-build]
    python -m etl watch [--feeds FILE] [--state FILE] [--every 30m] [--no-build]

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
from etl.wording import counted

EXIT_OK, EXIT_SOME_FAILED, EXIT_BUILD_FAILED, EXIT_INTERRUPTED = 0, 1, 2, 130


# Both cores of a small server: a first build of a real corpus takes half the time (bench/README.md).
DEFAULT_JOBS = min(4, os.cpu_count() or 1)


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
            imports_dir=args.imports,
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
            print(f"{counted(summary.n_failed, 'fichier', 'fichiers')} en échec, voir les messages ci-dessus"
                  f" ({counted(summary.n_failed, 'file', 'files', lang='en')} failed, see the messages above)",
                  flush=True)
    except BrokenPipeError:  # `python -m etl build | head`: the reader left; the tables are written
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return summary.exit_code


def cmd_import_figures(args: argparse.Namespace) -> int:
    """Check a needs CSV (HXL or HDX HAPI), store it, rebuild. Exit 0 imported, 2 rejected (nothing stored)."""
    from etl import imports

    try:
        data = args.file.read_bytes()
    except OSError as exc:
        _print_err(f"{args.file.name} : fichier illisible (cannot read file: {exc.strerror or exc})")
        return EXIT_BUILD_FAILED
    from etl.principals import command_line

    result = imports.import_figures(data, principal=command_line(), file_name=args.file.name,
                                    imports_dir=args.imports, source=args.source)
    if not result.ok:
        for problem in result.problems:
            _print_err(problem)
        _print_err(f"{args.file.name} : rien n'a été importé (nothing was imported)")
        return EXIT_BUILD_FAILED
    print(f"{args.file.name} : {counted(len(result.rows), 'chiffre importé', 'chiffres importés')}"
          f" dans {result.saved_path} ({counted(len(result.rows), 'figure', 'figures', lang='en')} imported)", flush=True)
    if result.skipped:
        print(f"{args.file.name} : {result.skipped_text()}", flush=True)
    if args.no_build:
        return EXIT_OK
    args.force, args.quiet, args.jobs = False, True, 1
    code = cmd_build(args)
    return EXIT_OK if code in (EXIT_OK, EXIT_SOME_FAILED) else code


def _rebuild_quietly(args: argparse.Namespace) -> int:
    args.force, args.quiet, args.jobs = False, True, 1
    if getattr(args, "imports", None) is None:
        args.imports = args.articles.parent / "imports"
    return cmd_build(args)


def cmd_fetch(args: argparse.Namespace) -> int:
    """Fetch each address, save the new articles, rebuild once. One line per address.
    Exit 0 every address added, 1 some not added (duplicate, refused, offline…), 2 build failed."""
    from datetime import UTC, datetime

    from etl import fetch, intake
    from etl.principals import command_line

    settings = fetch.FetchSettings.from_env()
    principal = command_line()
    known = fetch.corpus_urls(args.articles, args.out)
    fingerprints = intake.existing_fingerprints(args.articles, args.out)
    added = 0
    for url in args.urls:
        result = fetch.prepare(url, articles_dir=args.articles, tables_dir=args.out, now=datetime.now(UTC),
                               today=args.today, settings=settings, known_urls=known, fingerprints=fingerprints)
        if not result.ok:
            print(result.line(), flush=True)
            continue
        try:
            saved = intake.save_article(result.check, principal=principal, articles_dir=args.articles,
                                        tables_dir=args.out, name=result.check.name)
        except (ValueError, OSError) as exc:
            print(f"{url} : {exc}", flush=True)
            continue
        added += 1
        for address in {result.canonical, fetch.canonical_url(url)} - {None}:
            known[address] = saved.path.name
        fingerprints[0][result.check.sha256] = saved.path.name
        fingerprints[1][intake.text_key(result.check.text)] = saved.path.name
        print(f"{url} : ajouté → {saved.path.name} « {(result.check.title or '—')[:90]} »"
              f" (added as {saved.path.name})", flush=True)
    if added and not args.no_build:
        code = _rebuild_quietly(args)
        if code == EXIT_BUILD_FAILED:
            return code
    return EXIT_OK if added == len(args.urls) else EXIT_SOME_FAILED


def cmd_watch(args: argparse.Namespace) -> int:
    """Read every feed of feeds.toml once (or every ``--every``), save new articles, rebuild."""
    from etl import feeds

    return feeds.run_cli(args, print_line=lambda line: print(line, flush=True), rebuild=_rebuild_quietly)


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
    b.add_argument("--jobs", "-j", type=_positive, default=DEFAULT_JOBS,
                   help="processus d'extraction en parallèle, utilisés à partir de 64 articles à extraire "
                        f"(extraction processes, used from 64 articles to extract; default {DEFAULT_JOBS})")
    b.add_argument("--today", type=_iso_date, default=None,
                   help="date du jour, ISO, pour borner les dates des pages web (today's date; default: the clock)")
    b.add_argument("--imports", type=Path, default=None,
                   help="dossier des chiffres officiels importés (imported figures; default: imports/ next to the articles)")
    b.set_defaults(func=cmd_build)
    i = commands.add_parser(
        "import-figures",
        help="importer des chiffres officiels HXL / HDX HAPI (import official needs figures)",
        description="Vérifie un CSV de besoins humanitaires (balises HXL ou colonnes HDX HAPI), le range dans le "
                    "dossier des imports puis reconstruit les tables. Un fichier avec une seule ligne fausse n'importe "
                    "rien. Codes de sortie : 0 importé, 2 refusé (rien n'est enregistré).",
    )
    i.add_argument("file", type=Path, metavar="FICHIER", help="CSV à importer (CSV file)")
    i.add_argument("--source", default=None, help="nom de la source, p. ex. « OCHA HNO 2024 » (source name)")
    i.add_argument("--imports", type=Path, default=None, help=f"dossier des imports (default {paths.imports_dir()})")
    i.add_argument("--articles", type=Path, default=None, help="dossier des articles pour la reconstruction")
    i.add_argument("--out", type=Path, default=None, help="dossier des tables pour la reconstruction")
    i.add_argument("--no-build", action="store_true", help="ne pas reconstruire les tables (do not rebuild)")
    i.add_argument("--today", type=_iso_date, default=None, help=argparse.SUPPRESS)
    i.set_defaults(func=cmd_import_figures)
    f = commands.add_parser(
        "fetch",
        help="ajouter des articles par adresse web (add articles by URL)",
        description="Télécharge chaque page (http/https ; redirections suivies, adresse canonique, paramètres de "
                    "suivi retirés), en lit le texte principal et l'enregistre dans le dossier des articles avec ses "
                    "métadonnées, puis reconstruit les tables. Un doublon (même adresse ou même texte) n'est pas "
                    "enregistré. Codes de sortie : 0 tout ajouté, 1 certaines adresses non ajoutées, 2 échec du build.",
    )
    f.add_argument("urls", nargs="+", metavar="URL", help="adresses des pages (page addresses)")
    f.add_argument("--articles", type=Path, default=None, help=f"dossier des articles (default {paths.articles_dir()})")
    f.add_argument("--out", type=Path, default=None, help=f"dossier des tables (default {paths.tables_dir()})")
    f.add_argument("--no-build", action="store_true", help="ne pas reconstruire les tables (do not rebuild)")
    f.add_argument("--today", type=_iso_date, default=None, help=argparse.SUPPRESS)
    f.set_defaults(func=cmd_fetch)
    w = commands.add_parser(
        "watch",
        help="surveiller les flux RSS/Atom et plans de site (watch news feeds)",
        description="Lit chaque flux de feeds.toml (GET conditionnel, robots.txt, délai par site), enregistre les "
                    "nouveaux articles qui passent le filtre et reconstruit les tables. Une fois (cron, minuteur "
                    "systemd) ou en boucle avec --every. Codes de sortie : 0 tous les flux lus, 1 un flux au moins en "
                    "échec, 2 configuration invalide ou échec du build.",
    )
    w.add_argument("--feeds", type=Path, default=None, help=f"liste des flux (default {paths.feeds_file()})")
    w.add_argument("--state", type=Path, default=None, help=f"état de la veille (default {paths.feeds_state()})")
    w.add_argument("--every", default=None, metavar="DURÉE", help="relancer toutes les DURÉE (30m, 2h, 1d) ; sinon une fois")
    w.add_argument("--articles", type=Path, default=None, help=f"dossier des articles (default {paths.articles_dir()})")
    w.add_argument("--out", type=Path, default=None, help=f"dossier des tables (default {paths.tables_dir()})")
    w.add_argument("--no-build", action="store_true", help="ne pas reconstruire les tables (do not rebuild)")
    w.add_argument("--today", type=_iso_date, default=None, help=argparse.SUPPRESS)
    w.set_defaults(func=cmd_watch)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help(sys.stderr)
        return EXIT_BUILD_FAILED
    if args.command in ("build", "import-figures"):
        # The command line is where "today" comes from; the library never reads the clock.
        if args.imports is None and (args.articles is None or args.command == "import-figures"):
            args.imports = paths.imports_dir() if args.articles is None else args.articles.parent / "imports"
        args.articles = args.articles or paths.articles_dir()
        args.out = args.out or paths.tables_dir()
        args.today = args.today or date.today()
    if args.command in ("fetch", "watch"):
        args.articles = args.articles or paths.articles_dir()
        args.out = args.out or paths.tables_dir()
        args.imports = paths.imports_dir() if args.articles == paths.articles_dir() else args.articles.parent / "imports"
        args.today = args.today or date.today()
    return args.func(args)
