"""Official figures beside article figures: HXL-tagged or HDX HAPI-style needs CSV files.

``parse_figures_csv(data, file_name=, source=)`` checks a whole file and returns figure rows
(``source_kind='import'``) or the problems, each naming the file, the line and what is wrong:
a file with one bad row imports nothing. ``import_figures`` then copies the file, rewritten
in a canonical HXL form, into the imports store (``data/imports/<name>.csv``, atomically);
``load_imports`` reads the store back at every build (``etl.pipeline.build``), so imported
figures survive rebuilds and sit in ``figures.csv`` next to the articles' figures.

Accepted layouts (column names are case-insensitive; HXL hashtags win over names):

- long, HDX HAPI style: one row per place, population status and period —
  ``location_code`` (#country+code), ``admin1_code`` (#adm1+code), ``admin1_name``
  (#adm1+name), ``population_status`` (#indicator+code: INN, AFF, TGT, REA or an indicator
  code), ``population`` (#population), ``reference_period_start`` (#date+start),
  ``reference_period_end`` (#date+end), ``source`` (#meta+source), optional ``sector_code``
  (#sector) and ``category`` (#category);
- wide, HNO style: one population column per status, tagged ``#inneed``, ``#affected``,
  ``#targeted``, ``#reached``, ``#affected+idps``, ``#affected+refugees``,
  ``#affected+returnees``, ``#affected+food`` (as presentation.exports writes them).

Only totals are imported: rows broken down by sector (other than intersectoral) or by
population category (age, sex, disability) are skipped and counted, as are rows for the
whole population (``POP``/``all``), which is not a needs figure.
"""
from __future__ import annotations

import csv
import functools
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from hxl.model import Column, TagPattern

from etl import files
from etl.files import write_text_atomic
from etl.principals import Principal, require_writer
from etl.reading import message
from etl.schema import INDICATORS
from etl.text import fold, stable_id, strip_accents
from etl.wording import counted

MAX_IMPORT_BYTES = 20_000_000
# Most data rows a file may have (a national HNO by admin-2, sector and category is a few
# thousand; only totals are kept). Longer files are refused whole: split them.
MAX_IMPORT_ROWS = 50_000
# Largest plausible head count (the world's population is 8.2 billion): above it, a typo.
MAX_POPULATION = 10_000_000_000
MAX_REPORTED = 20
HXL_SCAN_ROWS = 25  # the HXL standard allows the hashtag row anywhere in the first 25 rows
UNIT = "people"



def _patterns(*specs: str) -> tuple[TagPattern, ...]:
    return tuple(TagPattern.parse(spec) for spec in specs)


# field → (header names, HXL tag patterns: libhxl's TagPattern, +attribute required, -attribute refused)
FIELDS: dict[str, tuple[tuple[str, ...], tuple[TagPattern, ...]]] = {
    "country": (("location_code", "country_code", "country_iso3", "iso3", "code_pays"), _patterns("#country+code")),
    "admin1_code": (("admin1_code", "adm1_code", "adm1_pcode", "admin1_pcode"), _patterns("#adm1+code")),
    "admin1_name": (("admin1_name", "adm1_name", "adm1_fr", "admin1", "region"), _patterns("#adm1+name")),
    "status": (("population_status", "status", "indicator", "indicator_code", "statut"),
               _patterns("#indicator+code", "#population+status", "#status+population")),
    "population": (("population", "value", "valeur"), _patterns("#population-status", "#indicator+value")),
    "start": (("reference_period_start", "period_start", "start_date", "date_start", "date_debut"),
              _patterns("#date+start")),
    "end": (("reference_period_end", "period_end", "end_date", "date_end", "date_fin"), _patterns("#date+end")),
    "date": (("reference_date", "date"), _patterns("#date-start-end-reported")),
    "source": (("source", "source_name", "provider"), _patterns("#meta+source")),
    "sector": (("sector_code", "sector", "sector_name", "secteur"), _patterns("#sector")),
    "category": (("category", "population_group", "gender", "age_range", "disabled_marker"), _patterns("#category")),
    "label": (("label", "description"), _patterns("#description")),
}
# wide layout: a population column per status; a bare status tag is not one of the groups
_NOT_A_GROUP = "-idps-refugees-returnees-food"
WIDE_TAGS: tuple[tuple[TagPattern, str], ...] = (
    (TagPattern.parse("#affected+idps"), "idps"),
    (TagPattern.parse("#affected+refugees"), "refugees"),
    (TagPattern.parse("#affected+returnees"), "returnees"),
    (TagPattern.parse("#affected+food"), "food_insecure"),
    (TagPattern.parse("#inneed" + _NOT_A_GROUP), "people_in_need"),
    (TagPattern.parse("#affected" + _NOT_A_GROUP), "affected"),
    (TagPattern.parse("#targeted" + _NOT_A_GROUP), "targeted"),
    (TagPattern.parse("#reached" + _NOT_A_GROUP), "reached"),
)
WIDE_HEADERS = {"people_in_need": "people_in_need", "in_need": "people_in_need", "pin": "people_in_need",
                "affected": "affected", "targeted": "targeted", "reached": "reached"}
# population status → indicator (HDX HAPI codes, words in French and English, our own codes)
STATUSES = {
    "inn": "people_in_need", "in need": "people_in_need", "people in need": "people_in_need", "pin": "people_in_need",
    "dans le besoin": "people_in_need", "personnes dans le besoin": "people_in_need",
    "aff": "affected", "affected": "affected", "affectees": "affected", "personnes affectees": "affected",
    "tgt": "targeted", "targeted": "targeted", "ciblees": "targeted", "personnes ciblees": "targeted",
    "rea": "reached", "reached": "reached", "atteintes": "reached", "personnes atteintes": "reached",
    "idp": "idps", "idps": "idps", "pdi": "idps", "refugees": "refugees", "refugies": "refugees",
    "returnees": "returnees", "retournes": "returnees",
    **{code.replace("_", " "): code for code in INDICATORS},
}
# statuses that are not needs figures: skipped, counted
WHOLE_POPULATION = {"pop", "all", "population", "total population", "population totale"}
TOTAL_MARKERS = {"", "all", "total", "*", "intersectoral", "intersectorial", "intersectoriel", "inter sectoral",
                 "multi sectoral", "multisectoral", "multisectoriel", "ins", "int", "intersector", "tous", "toutes"}
# what the canonical stored copy holds (read back by this module at every build)
CANONICAL = (("location_code", "#country+code"), ("admin1_code", "#adm1+code"), ("admin1_name", "#adm1+name"),
             ("population_status", "#indicator+code"), ("population", "#population"),
             ("reference_period_start", "#date+start"), ("reference_period_end", "#date+end"),
             ("source", "#meta+source"), ("sector_code", "#sector"), ("label", "#description"))

_ADMIN1_CODE = re.compile(r"^([A-Z]{2,3})(\d{1,6})$")
_ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$")
_DMY_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_NUMBER = re.compile(r"^\d{1,3}(?:([ ,.])\d{3})(?:\1\d{3})*(?:[.,]0+)?$|^\d+(?:[.,]0+)?$")
_SPACES = re.compile(r"[\s\u00a0\u202f\u2007\u2009]")
_SAFE_NAME = re.compile(r"[^a-z0-9_-]+")


@dataclass
class ImportResult:
    file_name: str
    rows: list[dict] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    skipped: dict[str, int] = field(default_factory=dict)  # reason code → rows
    saved_path: Path | None = None

    @property
    def ok(self) -> bool:
        return not self.problems and bool(self.rows)

    def skipped_text(self) -> str:
        parts_fr = {"breakdown": ("ventilée par secteur ou catégorie", "ventilées par secteur ou catégorie"),
                    "whole_population": ("de population totale", "de population totale"), "empty": ("vide", "vides")}
        parts_en = {"breakdown": "broken down by sector or category", "whole_population": "whole population",
                    "empty": "empty"}
        if not self.skipped:
            return ""
        fr = ", ".join(counted(n, f"ligne {parts_fr[k][0]}", f"lignes {parts_fr[k][1]}") for k, n in self.skipped.items())
        en = ", ".join(counted(n, f"{parts_en[k]} row", f"{parts_en[k]} rows", lang="en") for k, n in self.skipped.items())
        return f"ignorées : {fr} (skipped: {en})"


# ---------------------------------------------------------------- small parsers (pure)

def _thousands(n: int) -> str:
    return f"{n:,}".replace(",", "\u202f")


def _key(value: str) -> str:
    return fold(value or "").replace(" ", "_")


def _words(value: str) -> str:
    return fold(value or "").replace("_", " ")


def parse_tag(cell: str) -> Column | None:
    """``"#affected +idps"`` → libhxl's Column (tag "#affected", attributes {"idps"}); None when the
    cell is no hashtag."""
    try:
        column = Column.parse((cell or "").strip())
    except Exception:  # libhxl raises on some malformed specs; they are no hashtags either
        return None
    return column if column and column.tag else None


_NEGATIVE = re.compile(r"^[-\u2212\u2012\u2013]\s*\d")


def is_negative_number(value: str) -> bool:
    """``-5``, ``− 1 200`` (minus sign or dash before a number)."""
    return bool(_NEGATIVE.match(_SPACES.sub(" ", (value or "").strip())))


def parse_population(value: str) -> float | None:
    """A head count: ``1234567``, ``1 234 567``, ``1,234,567``, ``1.234.567``, ``1234567.0``.
    None for anything else (negative numbers included: see is_negative_number)."""
    text = _SPACES.sub(" ", (value or "").strip()).strip()
    if not text or not _NUMBER.match(text):
        return None
    digits = re.sub(r"[.,]0+$", "", text) if re.search(r"[.,]0+$", text) and not re.search(r"[ ,.]\d{3}$", text) else text
    digits = re.sub(r"[ ,.]", "", digits)
    return float(digits) if digits.isdigit() else None


def parse_period_date(value: str) -> tuple[str, str] | None:
    """(ISO date, precision) from ``2024``, ``2024-03``, ``2024-03-05``, ``2024-03-05T00:00:00``
    or ``05/03/2024`` (day first); None when it is not a real date."""
    text = (value or "").strip()
    match = _ISO_DATE.match(text)
    try:
        if match:
            year, month, day = match.groups()
            if day:
                return date(int(year), int(month), int(day)).isoformat(), "day"
            if month:
                date(int(year), int(month), 1)
                return f"{int(year):04d}-{int(month):02d}", "month"
            return f"{int(year):04d}", "year"
        match = _DMY_DATE.match(text)
        if match:
            day, month, year = match.groups()
            return date(int(year), int(month), int(day)).isoformat(), "day"
    except ValueError:
        return None
    return None


def period_bounds(iso: str, precision: str) -> tuple[date, date]:
    """First and last day an ISO date of that precision covers."""
    import calendar

    year = int(iso[:4])
    if precision == "day":
        d = date.fromisoformat(iso)
        return d, d
    if precision == "month":
        month = int(iso[5:7])
        return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
    return date(year, 1, 1), date(year, 12, 31)


@functools.lru_cache(maxsize=512)
def known_iso3(code: str) -> bool:
    from hdx.location.country import Country  # offline table shipped with the package

    return bool(code) and Country.get_country_info_from_iso3(code, use_live=False) is not None


@functools.lru_cache(maxsize=512)
def iso3_from_iso2(code: str) -> str | None:
    from hdx.location.country import Country

    return Country.get_iso3_from_iso2(code, use_live=False)


def iso2_from_iso3(code: str) -> str | None:
    from hdx.location.country import Country

    return Country.get_iso2_from_iso3(code, use_live=False)


def status_indicator(value: str) -> str | None:
    """Indicator code for a population status (INN, "in need", "dans le besoin", people_in_need…)."""
    return STATUSES.get(_words(value))


def is_total(value: str | None) -> bool:
    return _words(value or "") in TOTAL_MARKERS


def safe_store_name(file_name: str) -> str:
    """The stored copy's name: the file's stem, ASCII, lower case, ``.csv``."""
    stem = Path(file_name or "import").name
    stem = stem[: -len(Path(stem).suffix)] if Path(stem).suffix else stem
    stem = _SAFE_NAME.sub("_", strip_accents(stem).lower()).strip("_-")[:80]
    return f"{stem or 'import'}.csv"


# ---------------------------------------------------------------- reading the file

def _decode(data: bytes, file_name: str) -> tuple[str | None, list[str]]:
    if not data or not data.strip():
        return None, [message(file_name, "fichier vide", "empty file")]
    if len(data) > MAX_IMPORT_BYTES:
        return None, [message(file_name, f"fichier trop volumineux ({len(data) / 1e6:.1f} Mo, limite "
                                         f"{MAX_IMPORT_BYTES / 1e6:.0f} Mo)".replace(".", ","),
                               f"file too large: {len(data) / 1e6:.1f} MB, limit {MAX_IMPORT_BYTES / 1e6:.0f} MB")]
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, [message(file_name, "fichier binaire, un CSV texte est attendu", "binary file, a text CSV is expected")]
    for encoding in ("utf-8-sig", "utf-16") if data.startswith((b"\xff\xfe", b"\xfe\xff")) else ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding), []
        except UnicodeDecodeError:
            continue
    return None, [message(file_name, "encodage illisible, UTF-8 attendu", "unreadable encoding, UTF-8 expected")]


def _rows(text: str) -> list[list[str]]:
    sample = text[:20_000]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ","
    return list(csv.reader(io.StringIO(text), delimiter=delimiter))


def _find_columns(header: list[str], tags: list | None) -> tuple[dict[str, int], dict[int, str]]:
    """Field → column index, and column index → indicator for wide population columns."""
    columns: dict[str, int] = {}
    wide: dict[int, str] = {}
    claimed: set[int] = set()
    parsed = [parse_tag(c) for c in tags] if tags else []
    if tags:
        # most specific patterns first, so #affected+idps is not read as #affected
        for pattern, indicator in WIDE_TAGS:
            for i, column in enumerate(parsed):
                if column and i not in claimed and pattern.match(column):
                    wide[i] = indicator
                    claimed.add(i)
        for name, (_names, patterns) in FIELDS.items():
            for pattern in sorted(patterns, key=lambda p: -len(p.include_attributes)):
                for i, column in enumerate(parsed):
                    if name in columns or i in claimed or not column or not pattern.match(column):
                        continue
                    columns[name] = i
                    claimed.add(i)
    keys = [_key(c) for c in header]
    for name, (names, _patterns) in FIELDS.items():
        if name in columns:
            continue
        for i, k in enumerate(keys):
            if k in names and i not in claimed:
                columns[name] = i
                claimed.add(i)
                break
    if not wide and "population" not in columns:
        for i, k in enumerate(keys):
            if k in WIDE_HEADERS and i not in claimed:
                wide[i] = WIDE_HEADERS[k]
                claimed.add(i)
    return columns, wide




def _locate_header(rows: list[list[str]]) -> tuple[int, int | None]:
    """(header row index, hashtag row index or None)."""
    for i, row in enumerate(rows[:HXL_SCAN_ROWS]):
        cells = [c for c in row if c.strip()]
        if cells and sum(1 for c in cells if parse_tag(c)) >= max(1, len(cells) // 2):
            return (i - 1 if i > 0 else i), i
    return 0, None


def parse_figures_csv(data: bytes, *, file_name: str, source: str | None = None) -> ImportResult:
    """Check a needs CSV and turn it into figure rows; any problem rejects the whole file."""
    file_name = Path(file_name or "import.csv").name
    result = ImportResult(file_name=file_name)
    text, problems = _decode(data, file_name)
    if problems:
        result.problems = problems
        return result
    rows = [r for r in _rows(text)]
    if not any(any(c.strip() for c in r) for r in rows):
        result.problems = [message(file_name, "fichier vide", "empty file")]
        return result
    header_at, tags_at = _locate_header(rows)
    header = rows[header_at]
    tags = rows[tags_at] if tags_at is not None else None
    if tags_at is None and all(_key(c) not in _ALL_NAMES for c in header):
        result.problems = [message(file_name, "pas de ligne d'en-tête reconnue : noms de colonnes (HDX HAPI) ou "
                                              "hashtags HXL attendus en première ligne",
                                   "no header row: HDX HAPI column names or HXL hashtags expected")]
        return result
    columns, wide = _find_columns(header if tags_at != header_at else [], tags)
    missing = _missing_columns(columns, wide, source)
    if missing:
        result.problems = [message(file_name, f"colonnes obligatoires manquantes : {', '.join(m[0] for m in missing)}",
                                   f"missing required columns: {', '.join(m[1] for m in missing)}")]
        return result
    first_data = (tags_at if tags_at is not None else header_at) + 1
    n_data = sum(1 for r in rows[first_data:] if any(c.strip() for c in r))
    if n_data > MAX_IMPORT_ROWS:
        result.problems = [message(file_name, f"trop de lignes : {_thousands(n_data)}, limite {_thousands(MAX_IMPORT_ROWS)}"
                                              " ; découpez le fichier ou gardez les totaux",
                                   f"too many rows: {n_data:,}, limit {MAX_IMPORT_ROWS:,}; split the file or keep "
                                   "the totals")]
        return result
    seen: dict[tuple, int] = {}
    for index in range(first_data, len(rows)):
        line = index + 1
        row = rows[index]
        if not any(c.strip() for c in row):
            continue
        get = _getter(row)
        problems = []

        def bad(fr: str, en: str) -> None:
            problems.append(message(file_name, f"ligne {line} : {fr}", f"line {line}: {en}"))

        sector = get(columns.get("sector"))
        category = get(columns.get("category"))
        if not is_total(sector) or not is_total(category):
            result.skipped["breakdown"] = result.skipped.get("breakdown", 0) + 1
            continue
        statuses: list[tuple[str, str | None, str]] = []  # (raw status, indicator, population text)
        if wide:
            statuses = [(header[i] if i < len(header) and header[i] else (tags[i] if tags else ""), indicator, get(i))
                        for i, indicator in wide.items() if get(i)]
            if not statuses:
                result.skipped["empty"] = result.skipped.get("empty", 0) + 1
                continue
        else:
            raw = get(columns["status"])
            if _words(raw) in WHOLE_POPULATION:
                result.skipped["whole_population"] = result.skipped.get("whole_population", 0) + 1
                continue
            indicator = status_indicator(raw)
            if indicator is None:
                bad(f"statut de population « {raw} » inconnu (attendu : INN, AFF, TGT, REA ou un code d'indicateur)",
                    f"unknown population status {raw!r} (expected INN, AFF, TGT, REA or an indicator code)")
            statuses = [(raw, indicator, get(columns["population"]))]
        iso3, admin1_code, admin1_name = _place(get, columns, bad)
        period = _period(get, columns, bad)
        row_source = " ".join((source or get(columns.get("source")) or "").split())
        if not row_source:
            bad("source manquante (colonne source ou option --source)", "missing source (source column or --source)")
        label = get(columns.get("label")) or None
        for raw, indicator, population_text in statuses:
            value = parse_population(population_text)
            if value is None and is_negative_number(population_text):
                bad(f"population négative « {population_text} » : un effectif est positif ou nul",
                    f"negative population {population_text!r}: a head count is zero or more")
            elif value is None:
                shown = population_text or "vide"
                bad(f"population non numérique « {shown} »", f"population is not a number: {population_text!r}")
            elif value > MAX_POPULATION:
                bad(f"population invraisemblable « {population_text} » : plus de {_thousands(MAX_POPULATION)} personnes",
                    f"implausible population {population_text!r}: over {MAX_POPULATION:,} people")
            if problems:
                continue
            key = (row_source.casefold(), iso3, admin1_code or fold(admin1_name or ""), indicator, period[0], period[2])
            if key in seen:
                bad(f"même lieu, statut et période que la ligne {seen[key]}",
                    f"same place, status and period as line {seen[key]}")
                continue
            seen[key] = line
            result.rows.append(_figure_row(iso3, admin1_code, admin1_name, indicator, value, period, row_source,
                                           label or _default_label(raw, sector)))
        result.problems += problems
        if len(result.problems) > MAX_REPORTED:
            break
    if len(result.problems) > MAX_REPORTED:
        more = len(result.problems) - MAX_REPORTED
        result.problems = result.problems[:MAX_REPORTED] + [
            message(file_name, f"… et d'autres problèmes ({more}+)", f"… and more problems ({more}+)")]
    if result.problems:
        result.rows = []
    elif not result.rows:
        result.problems = [message(file_name, "aucune ligne de chiffre à importer "
                                              + (f"({result.skipped_text()})" if result.skipped else ""),
                                   "no figure row to import")]
    return result


_ALL_NAMES = {n for names, _ in FIELDS.values() for n in names} | set(WIDE_HEADERS)


def _missing_columns(columns: dict, wide: dict, source: str | None) -> list[tuple[str, str]]:
    missing = []
    if "country" not in columns and "admin1_code" not in columns:
        missing.append(("code pays ou code admin-1 (location_code / #country+code, admin1_code / #adm1+code)",
                        "country or admin-1 code (location_code / #country+code, admin1_code / #adm1+code)"))
    if not wide:
        if "status" not in columns:
            missing.append(("statut de population (population_status / #indicator+code)",
                            "population status (population_status / #indicator+code)"))
        if "population" not in columns:
            missing.append(("population (population / #population)", "population (population / #population)"))
    if "start" not in columns and "date" not in columns:
        missing.append(("début de période (reference_period_start / #date+start)",
                        "reference period start (reference_period_start / #date+start)"))
    if "source" not in columns and not (source or "").strip():
        missing.append(("source (colonne source / #meta+source, ou --source)",
                        "source (source column / #meta+source, or --source)"))
    return missing


def _getter(row: list[str]):
    def get(index: int | None) -> str:
        if index is None or index >= len(row):
            return ""
        return " ".join(row[index].split())
    return get


def _place(get, columns: dict, bad) -> tuple[str | None, str | None, str | None]:
    iso3 = get(columns.get("country")).upper() or None
    admin1_code = get(columns.get("admin1_code")).upper() or None
    admin1_name = get(columns.get("admin1_name")) or None
    if iso3 is not None and not (re.fullmatch(r"[A-Z]{3}", iso3) and known_iso3(iso3)):
        bad(f"code pays « {iso3} » inconnu (code ISO 3166 alpha-3 attendu, p. ex. MLI)",
            f"unknown country code {iso3!r} (ISO 3166 alpha-3 expected, e.g. MLI)")
        return None, admin1_code, admin1_name
    if admin1_code is not None:
        match = _ADMIN1_CODE.match(admin1_code)
        prefix = match.group(1) if match else None
        owner = (prefix if prefix and len(prefix) == 3 and known_iso3(prefix)
                 else iso3_from_iso2(prefix) if prefix and len(prefix) == 2 else None)
        if owner is None or (iso3 and owner != iso3):
            expected = f" ({iso2_from_iso3(iso3)}… ou {iso3}…)" if iso3 else ""
            bad(f"code admin-1 « {admin1_code} » invalide{expected}", f"invalid admin-1 code {admin1_code!r}"
                + (f" for {iso3}" if iso3 else ""))
            return iso3, None, admin1_name
        iso3 = iso3 or owner
    if iso3 is None:
        bad("code pays manquant", "missing country code")
    return iso3, admin1_code, admin1_name


def _period(get, columns: dict, bad) -> tuple[str | None, str | None, str | None, str | None]:
    """(start ISO, start precision, end ISO, end precision): the end defaults to the start's last day."""
    start_text = get(columns.get("start")) or get(columns.get("date"))
    end_text = get(columns.get("end"))
    start = parse_period_date(start_text)
    if start is None:
        shown = start_text or "vide"
        bad(f"date de début de période invalide « {shown} » (AAAA-MM-JJ attendu)",
            f"invalid reference period start {start_text!r} (YYYY-MM-DD expected)")
        return None, None, None, None
    if not end_text:
        last = period_bounds(*start)[1]
        return start[0], start[1], last.isoformat(), "day"
    end = parse_period_date(end_text)
    if end is None:
        bad(f"date de fin de période invalide « {end_text} » (AAAA-MM-JJ attendu)",
            f"invalid reference period end {end_text!r} (YYYY-MM-DD expected)")
        return start[0], start[1], None, None
    if period_bounds(*end)[1] < period_bounds(*start)[0]:
        bad(f"période inversée : fin {end[0]} avant début {start[0]}", f"period ends ({end[0]}) before it starts ({start[0]})")
        return start[0], start[1], None, None
    return start[0], start[1], end[0], end[1]


def _default_label(raw_status: str, sector: str | None) -> str:
    return " · ".join(p for p in (raw_status.strip(), (sector or "").strip()) if p)


def _figure_row(iso3, admin1_code, admin1_name, indicator, value, period, source, label) -> dict:
    start, start_precision, end, _end_precision = period
    admin1 = admin1_name or admin1_code
    return {
        "figure_id": stable_id("imp", source, iso3, admin1_code or admin1_name or "", indicator, start, end),
        "article_id": None,
        "country_iso3": iso3,
        "place": admin1,
        "indicator": indicator,
        "value": value,
        "unit": UNIT,
        "qualifier": "exact",
        "label": label or None,
        "reference_date": start,
        "reference_precision": start_precision,
        "reference_end_date": end,
        "quote": None,
        "char_start": None,
        "char_end": None,
        "admin1": admin1,
        "admin_level": "1" if admin1 else "0",
        "admin1_code": admin1_code,
        "place_id": None,
        "source_kind": "import",
        "source_name": source,
        "value_max": None,
    }


# ---------------------------------------------------------------- the store

def canonical_csv(rows: Iterable[dict]) -> str:
    """HXL-tagged CSV of imported rows, in the form ``parse_figures_csv`` reads back to the same ids."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([name for name, _tag in CANONICAL])
    writer.writerow([tag for _name, tag in CANONICAL])
    for r in rows:
        value = r["value"]
        writer.writerow([r["country_iso3"] or "", r.get("admin1_code") or "",
                         (r.get("admin1") if r.get("admin1") != r.get("admin1_code") else "") or "",
                         r["indicator"], str(int(value)) if float(value).is_integer() else repr(value),
                         r["reference_date"], r.get("reference_end_date") or "", r["source_name"], "",
                         r.get("label") or ""])
    return out.getvalue()


def _store_entries(imports_dir: Path) -> list[Path]:
    """Every visible ``*.csv`` of the store, symbolic links included (load_imports refuses them aloud)."""
    imports_dir = Path(imports_dir)
    if not imports_dir.is_dir():
        return []
    return sorted(p for p in imports_dir.glob("*.csv") if files.is_link_or_file(p) and not p.name.startswith("."))


def stored_files(imports_dir: Path) -> list[Path]:
    """The stored imports: regular files only (a symbolic link is never an import)."""
    return [p for p in _store_entries(imports_dir) if not p.is_symlink()]


def import_figures(data: bytes, *, principal: Principal | None, file_name: str, imports_dir: Path,
                   source: str | None = None) -> ImportResult:
    """Check ``data``; when every row is good, store its canonical copy as ``imports_dir/<name>.csv``
    (replacing an earlier import of the same file name). Nothing is written when there is a problem.
    ``principal`` must be an editor: a viewer or nobody gets PermissionDenied, before anything is read."""
    require_writer(principal)
    result = parse_figures_csv(data, file_name=file_name, source=source)
    if not result.ok:
        return result
    imports_dir = Path(imports_dir)
    target = imports_dir / safe_store_name(file_name)
    ids = {r["figure_id"]: r for r in result.rows}
    for other in stored_files(imports_dir):
        if other.name == target.name:
            continue
        try:
            previous = parse_figures_csv(files.read_regular(other), file_name=other.name)
        except OSError:
            continue
        clash = next((r for r in previous.rows if r["figure_id"] in ids), None)
        if clash is not None:
            result.problems = [message(result.file_name,
                                       f"ces chiffres ({clash['source_name']}, {clash['country_iso3']}, "
                                       f"{clash['indicator']}, {clash['reference_date']}) sont déjà importés "
                                       f"depuis {other.name} : supprimez ou remplacez cet import",
                                       f"already imported from {other.name}: remove or replace that import")]
            result.rows = []
            return result
    try:
        imports_dir.mkdir(parents=True, exist_ok=True)
        write_text_atomic(target, canonical_csv(result.rows))
    except OSError as exc:
        result.problems = [message(result.file_name, f"enregistrement impossible : {exc}", f"cannot save: {exc}")]
        result.rows = []
        return result
    result.saved_path = target
    return result


def remove_import(store_name: str, imports_dir: Path, *, principal: Principal | None) -> bool:
    require_writer(principal)
    path = Path(imports_dir) / Path(store_name).name
    if path.suffix != ".csv" or not path.is_file():
        return False
    path.unlink()
    return True


def load_imports(imports_dir: Path | None) -> tuple[list[dict], list[str]]:
    """Every stored import's rows (first file wins on a repeated id) and warnings for files
    that no longer parse (skipped: the build goes on)."""
    rows: list[dict] = []
    warnings: list[str] = []
    seen: dict[str, str] = {}
    for path in _store_entries(imports_dir) if imports_dir else []:
        try:
            result = parse_figures_csv(files.read_regular(path), file_name=path.name)
        except files.NotARegularFile as exc:
            warnings.append(message(path.name, f"import ignoré : {exc.french}", f"import skipped: {exc.english}"))
            continue
        except OSError as exc:
            warnings.append(message(path.name, f"import illisible, ignoré : {exc}", f"unreadable import, skipped: {exc}"))
            continue
        if result.problems:
            warnings.append(message(path.name, "import ignoré : " + "; ".join(result.problems[:3]),
                                    "import skipped"))
            continue
        for row in result.rows:
            if row["figure_id"] in seen:
                warnings.append(message(path.name, f"chiffre déjà importé depuis {seen[row['figure_id']]}, ignoré",
                                        f"figure already imported from {seen[row['figure_id']]}, skipped"))
                continue
            seen[row["figure_id"]] = path.name
            rows.append(row)
    return rows, warnings
