"""The briefing pack from the seed articles: the PowerPoint opens with python-pptx with the
expected slides, real images and the app's formatting; the PDF renders to non-blank PNG
pages with pdftoppm (Debian poppler-utils) and says the same thing; failures say what failed.

The French pack and its pages are kept under artifacts/briefing/ (git-ignored)."""
from __future__ import annotations

import io
import re
import shutil
import subprocess
from datetime import UTC, date, datetime

import pandas as pd
import pytest
import tables_backend
from conftest import ROOT, skip_or_fail
from dashboard_fixtures import hostile_articles, read_tables, views_of, write_tables
from PIL import Image
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from dashboard import briefing, briefing_pack, maps, views
from dashboard.filters import Filters
from etl.principals import Principal
from presentation.formatting import fmt_country, fmt_date, fmt_figure, fmt_number, truncate
from presentation.i18n import t
from tracker import db, service

TODAY = date(2026, 6, 30)
ARTIFACTS = ROOT / "artifacts" / "briefing"
EDITOR = Principal(username="awa.diallo", role="editor", display_name="Awa Diallo")
NOW = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)


def require_chromium() -> str:
    found = briefing_pack.find_chromium()
    if not found:
        skip_or_fail("chromium not found (apt-get install chromium): the chart is drawn by kaleido")
    return found


def require_poppler() -> None:
    if not (shutil.which("pdftoppm") and shutil.which("pdftotext")):
        skip_or_fail("pdftoppm/pdftotext not found (apt-get install poppler-utils)")


def pack_tables(tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    seen = views_of(tables)
    return {"figures": seen["figures"], "decisions": seen["decisions"], "events": seen["events"],
            "articles": tables["articles"]}


@pytest.fixture(scope="module")
def seed(tmp_path_factory):
    """The seed articles through the real ETL, and a tracker where one decision is stalled
    and another overdue."""
    from etl.pipeline import build

    folder = tmp_path_factory.mktemp("seed")
    with tables_backend.publishing_into(folder / "tables"):
        build(ROOT / "data" / "articles", folder / "tables", log=None, progress=False)
    tables = read_tables(folder / "tables")
    url = f"sqlite:///{folder / 'tracker.sqlite'}"
    db.upgrade(url)
    engine = db.make_engine(url)
    service.sync_decisions(tables["decisions"], now=NOW, engine=engine)
    ids = tables["decisions"]["decision_id"].tolist()
    service.update_decision(ids[0], {"status": "stalled", "responsible": "Ministère de l'Action humanitaire"},
                            expected_version=0, editor=EDITOR, now=NOW, engine=engine)
    service.update_decision(ids[1], {"status": "in_progress", "due_date": "2026-06-10", "progress": 30},
                            expected_version=0, editor=EDITOR, now=NOW, engine=engine)
    yield {"tables": tables, "engine": engine, "stalled": ids[0], "overdue": ids[1]}
    engine.dispose()


@pytest.fixture(scope="module")
def countries():
    from etl import places

    return places.load_country_layer()


@pytest.fixture(scope="module")
def french_pack(seed, countries):
    require_chromium()
    steps = []
    pack = briefing_pack.build_briefing(pack_tables(seed["tables"]), lang="fr", today=TODAY, countries=countries,
                                        engine=seed["engine"], progress=lambda f, m: steps.append((f, m)))
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "seed_fr.pptx").write_bytes(pack.pptx)
    (ARTIFACTS / "seed_fr.pdf").write_bytes(pack.pdf)
    return pack, steps


def slide_text(slide) -> str:
    parts = []
    for shape in slide.shapes:
        if shape.has_text_frame:
            parts.append(shape.text_frame.text)
        if shape.shape_type == MSO_SHAPE_TYPE.TABLE:
            parts.extend(cell.text for row in shape.table.rows for cell in row.cells)
    return "\n".join(parts)


def flat(text: str) -> str:
    """Spaces as pdftotext gives them: no-break spaces become plain ones, runs collapse."""
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ").replace("\u202f", " "))


def image_is_drawn(blob: bytes) -> bool:
    with Image.open(io.BytesIO(blob)) as img:
        small = img.convert("RGB").resize((160, 90))
    colours = small.getcolors(160 * 90) or []
    white = sum(n for n, c in colours if min(c) > 245)
    return len(colours) > 20 and white < 0.95 * 160 * 90


def test_pptx_slides_titles_and_layout(french_pack):
    pack, _ = french_pack
    deck = Presentation(io.BytesIO(pack.pptx))
    assert round(deck.slide_width / deck.slide_height, 3) == round(16 / 9, 3)
    titles = [s.shapes.title.text for s in deck.slides]
    assert titles == [t("app.title", "fr"), "Personnes dans le besoin", "Personnes dans le besoin par pays",
                      "Suivi des décisions", "Événements récents", "Sources"]
    assert [s.kind for s in pack.slides] == ["title", "map", "chart", "tracker", "events", "sources"]
    for i, slide in enumerate(deck.slides, start=1):
        for shape in slide.shapes:  # nothing hangs off the slide
            assert shape.left >= 0 and shape.top >= 0
            assert shape.left + shape.width <= deck.slide_width and shape.top + shape.height <= deck.slide_height
        assert f"{i} / {len(titles)}" in slide_text(slide)
    first = slide_text(deck.slides[0])
    assert fmt_date(TODAY.isoformat(), "day", "fr") == "30 juin 2026" and "30 juin 2026" in first
    assert "Sans filtre" in first


def test_pptx_images_are_real(french_pack):
    pack, _ = french_pack
    deck = Presentation(io.BytesIO(pack.pptx))
    pictures = {shape.name: shape for slide in deck.slides for shape in slide.shapes
                if shape.shape_type == MSO_SHAPE_TYPE.PICTURE}
    assert set(pictures) == {"needs_map"}  # the map stays a picture; the chart is a native chart
    chart = next(s for s in pack.slides if s.kind == "chart").blocks[0]
    assert image_is_drawn(chart.png)  # the PDF draws the chart's picture
    for shape in pictures.values():
        assert len(shape.image.blob) > 20_000 and image_is_drawn(shape.image.blob)
    with Image.open(io.BytesIO(pictures["needs_map"].image.blob)) as img:
        colours = {c[:3] for _, c in img.convert("RGBA").getcolors(img.width * img.height)}
    expected = maps.need_color(8_400_000)[:3]  # Burkina Faso's class (drawn at 98 % opacity)
    assert any(all(abs(a - b) <= 8 for a, b in zip(c, expected)) for c in colours)


def test_pptx_text_matches_the_tables(french_pack, seed):
    pack, _ = french_pack
    deck = Presentation(io.BytesIO(pack.pptx))
    text = {s.kind: slide_text(d) for s, d in zip(pack.slides, deck.slides)}
    seen = views_of(seed["tables"])

    needs = views.needs_by_country(seen["figures"])
    for card in briefing.need_cards(needs, "fr", limit=briefing_pack.N_CARDS):
        assert card["label"] in text["map"] and card["value"] in text["map"]
    assert fmt_figure(8_400_000, None, "exact", "fr") == "8,4\u00a0M"
    assert "8,4\u00a0M" in text["map"] and "personnes dans le besoin, année non précisée" in text["map"]
    assert ".txt" not in text["map"] and ".txt" not in text["sources"]  # sources are never file names

    tracker = text["tracker"]
    counts = service.count_statuses(service.tracker_frame(seen["decisions"], include_orphaned=False,
                                                          engine=seed["engine"]))
    assert dict(zip(counts["status"], counts["n"]))["stalled"] == 1
    assert "Bloquée" in tracker and "En retard ou bloquées (2)" in tracker
    assert "20 jours de retard" in tracker and "échéance 10 juin 2026" in tracker
    assert "Ministère de l'Action humanitaire" in tracker
    for kind, shown in text.items():  # no missing value leaks as "nan", "None" or "<NA>"
        assert not re.search(r"\bnan\b|\bNone\b|<NA>|NaT", shown), kind
    decisions = seen["decisions"].set_index("decision_id")
    for decision_id in (seed["stalled"], seed["overdue"]):
        assert truncate(decisions.loc[decision_id, "text"], 110) in tracker
    for row in briefing_pack.recent_decisions(seen["decisions"], briefing_pack.N_DECISIONS).to_dict("records"):
        assert truncate(row["text"], 110) in tracker
        assert fmt_date(row["when"], row["when_precision"], "fr") in tracker

    for item in briefing.event_items(seen["events"], "fr", n=briefing_pack.N_EVENTS):
        assert item["when"] in text["events"] and item["pill"] in text["events"]
    assert "22 janvier (année non précisée)" in text["events"]

    articles = seed["tables"]["articles"]
    assert sorted(pack.article_ids) == sorted(articles["article_id"])  # every seed article is used
    for row in articles.to_dict("records"):
        assert truncate(row["title"] or "article sans titre", 90) in text["sources"]


def test_pdf_renders_to_non_blank_pages_with_the_same_text(french_pack, tmp_path):
    require_poppler()
    pack, _ = french_pack
    pdf = tmp_path / "pack.pdf"
    pdf.write_bytes(pack.pdf)
    subprocess.run(["pdftoppm", "-r", "80", "-png", str(pdf), str(tmp_path / "page")], check=True, timeout=120)
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) == len(pack.slides)
    pages_dir = ARTIFACTS / "seed_fr_pages"
    pages_dir.mkdir(parents=True, exist_ok=True)
    for page in pages:
        with Image.open(page) as img:
            assert abs(img.width / img.height - 16 / 9) < 0.01
            grey = img.convert("L")
            dark = sum(grey.histogram()[:200])
            assert dark > 0.01 * img.width * img.height, f"{page.name} is blank"
        shutil.copy(page, pages_dir / page.name)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True,
                          timeout=60).stdout
    deck = Presentation(io.BytesIO(pack.pptx))
    for slide in deck.slides:
        assert flat(slide.shapes.title.text) in flat(text)
    for value in ("8,4\u00a0M", "4,8\u00a0M", "année non précisée", "Bloquée", "20 jours de retard"):
        assert flat(value) in flat(text)


def test_progress_is_reported_in_order(french_pack):
    pack, steps = french_pack
    fractions = [f for f, _ in steps]
    assert fractions == sorted(fractions) and fractions[0] > 0 and fractions[-1] == 1.0
    assert steps[-1][1] == t("briefing_pack.progress_done", "fr")
    assert any("chromium" in m for _, m in steps)
    assert set(pack.step_seconds) == {"content", "map", "chart", "map_picture", "pptx", "pdf"}
    assert pack.file_stem == "note_de_synthese_2026-06-30"


def test_english_pack_is_in_english(seed, countries):
    require_chromium()
    pack = briefing_pack.build_briefing(pack_tables(seed["tables"]), lang="en", today=TODAY, countries=countries,
                                        engine=seed["engine"], filters=Filters(countries=("BFA", "MLI")))
    deck = Presentation(io.BytesIO(pack.pptx))
    titles = [s.shapes.title.text for s in deck.slides]
    assert titles[1:] == ["People in need", "People in need by country", "Decision tracker", "Recent events",
                          "Sources"]
    first, needs = slide_text(deck.slides[0]), slide_text(deck.slides[1])
    assert fmt_date(TODAY.isoformat(), "day", "en") == "30 June 2026" and "30 June 2026" in first
    assert fmt_country("BFA", "en") in first and fmt_country("MLI", "en") in first  # the active filters
    assert "8.4\u00a0M" in needs and "Niger" not in needs  # filtered out
    assert pack.file_stem == "briefing_pack_2026-06-30"


def test_a_tracker_outage_does_not_stop_the_pack(seed, countries, tmp_path):
    require_chromium()
    from sqlalchemy import create_engine

    broken = create_engine(f"sqlite:///{tmp_path / 'missing' / 'no.sqlite'}")
    pack = briefing_pack.build_briefing(pack_tables(seed["tables"]), lang="fr", today=TODAY, countries=countries,
                                        engine=broken)
    tracker = next(s for s in pack.slides if s.kind == "tracker")
    text = "\n".join(b.text for b in tracker.blocks if hasattr(b, "text"))
    assert "Suivi des décisions inaccessible" in text
    assert "objectifs" in text  # counted by kind instead


def test_hostile_text_stays_text_in_the_pdf(tmp_path, countries):
    require_chromium()
    require_poppler()
    tables = read_tables(write_tables(tmp_path / "tables", hostile_articles()))
    url = f"sqlite:///{tmp_path / 'tracker.sqlite'}"
    db.upgrade(url)
    engine = db.make_engine(url)
    try:
        pack = briefing_pack.build_briefing(pack_tables(tables), lang="fr", today=TODAY, countries=countries,
                                            engine=engine)
    finally:
        engine.dispose()
    (tmp_path / "x.pdf").write_bytes(pack.pdf)
    text = subprocess.run(["pdftotext", str(tmp_path / "x.pdf"), "-"], check=True, capture_output=True, text=True,
                          timeout=60).stdout
    assert "<script>" in text  # printed as text, not swallowed as markup
    deck = Presentation(io.BytesIO(pack.pptx))
    assert any("<script>" in slide_text(s) for s in deck.slides)


def test_missing_chromium_says_what_to_install(seed, countries, monkeypatch):
    tables = pack_tables(seed["tables"])
    with pytest.raises(briefing_pack.BriefingError, match=r"^chromium not found: install it with .apt-get install chromium"):
        briefing_pack.build_briefing(tables, lang="en", today=TODAY, countries=countries, engine=seed["engine"],
                                     chromium="/nonexistent/chromium")
    monkeypatch.setenv(briefing_pack.CHROMIUM_ENV, "/nonexistent/chromium")
    assert briefing_pack.find_chromium() is None
    with pytest.raises(briefing_pack.BriefingError, match=r"^chromium introuvable : installez-le avec"):
        briefing_pack.build_briefing(tables, lang="fr", today=TODAY, countries=countries, engine=seed["engine"])


def test_sources_are_all_cited_across_slides():
    articles = pd.DataFrame({
        "article_id": [f"a{i:02d}" for i in range(30)], "title": [f"Article {i:02d}" for i in range(30)],
        "source_file": [f"a{i:02d}.txt" for i in range(30)], "source": "Média", "url": None,
        "published_date": [f"2024-01-{i + 1:02d}" for i in range(30)], "published_precision": "day"})
    used = briefing_pack.used_articles(articles, articles.iloc[:25][["article_id"]])
    assert len(used) == 25 and used.iloc[0]["title"] == "Article 24"  # newest first
    slides = briefing_pack.source_slides("fr", used)
    assert len(slides) == 3 and slides[1].title == "Sources (suite)"
    cited = [row[1] for s in slides for b in s.blocks if hasattr(b, "rows") for row in b.rows]
    assert sorted(cited) == sorted(f"Article {i:02d}" for i in range(25))
    assert all(len(b.rows) <= briefing_pack.N_SOURCES for s in slides for b in s.blocks if hasattr(b, "rows"))
    assert fmt_number(25, "fr") in slides[0].blocks[0].text


def test_sources_of_a_large_pack_are_bounded_and_the_rest_counted():
    n = 2_000
    articles = pd.DataFrame({
        "article_id": [f"a{i:04d}" for i in range(n)], "title": [f"Article {i:04d}" for i in range(n)],
        "source_file": [f"a{i:04d}.txt" for i in range(n)], "source": "Média", "url": None,
        "published_date": [f"{2000 + i // 365:04d}-01-01" for i in range(n)], "published_precision": "day"})
    used = briefing_pack.used_articles(articles, articles[["article_id"]])
    slides = briefing_pack.source_slides("fr", used)
    assert len(slides) == briefing_pack.N_SOURCE_SLIDES
    rows = [row for s in slides for b in s.blocks if hasattr(b, "rows") for row in b.rows]
    capacity = briefing_pack.N_SOURCES * briefing_pack.N_SOURCE_SLIDES
    assert len(rows) == capacity
    assert rows[-1][0] == "…" and fmt_number(n - capacity + 1, "fr") in rows[-1][1]
    assert rows[0][1] == used.iloc[0]["title"]  # the newest first
    assert fmt_number(n, "fr") in slides[0].blocks[0].text  # the intro counts them all
    exactly = briefing_pack.source_slides("fr", used.head(capacity))
    assert sum(len(b.rows) for s in exactly for b in s.blocks if hasattr(b, "rows")) == capacity
    assert all(row[0] != "…" for s in exactly for b in s.blocks if hasattr(b, "rows") for row in b.rows)


# --------------------------------------------------------------------------- a pack to hand on

def test_pptx_properties_name_the_pack_and_the_app_not_python_pptx(french_pack):
    import zipfile

    pack, _ = french_pack
    deck = Presentation(io.BytesIO(pack.pptx))
    props = deck.core_properties
    app = t("app.title", "fr")
    assert props.title == f"Note de synthèse — {app}"
    assert props.author == props.last_modified_by == app
    assert props.subject == "Situation au 30 juin 2026" and props.language == "fr-FR"
    assert props.comments == "" and props.revision == 1
    now = datetime.now(UTC).replace(tzinfo=None)
    assert abs((now - props.created).total_seconds()) < 900 and props.modified == props.created
    with zipfile.ZipFile(io.BytesIO(pack.pptx)) as archive:
        core = archive.read("docProps/core.xml").decode("utf-8")
    assert "python-pptx" not in core and "Steve Canny" not in core and "2013-01-27" not in core


def test_the_chart_is_a_native_editable_chart_with_the_figures(french_pack, seed):
    from pptx.enum.chart import XL_CHART_TYPE

    pack, _ = french_pack
    deck = Presentation(io.BytesIO(pack.pptx))
    index = [s.kind for s in pack.slides].index("chart")
    frames = [shape for shape in deck.slides[index].shapes if shape.has_chart]
    assert [f.name for f in frames] == ["needs_chart"]
    chart = frames[0].chart
    assert chart.chart_type == XL_CHART_TYPE.BAR_CLUSTERED
    rows = briefing_pack.chart_rows(views.needs_by_country(views_of(seed["tables"])["figures"]))
    categories = list(chart.plots[0].categories)
    assert categories[0] == "Burkina Faso" and "Mali" in categories
    values = dict(zip(categories, chart.plots[0].series[0].values))
    assert values["Burkina Faso"] == 8_400_000
    for row in rows.to_dict("records"):  # a country with only an unquantified statement: no bar, never a number
        if row["qualifier"] == "unquantified":
            assert values[f"{fmt_country(row['country_iso3'], 'fr')} (chiffre non précisé)"] is None
    assert len(categories) == len(rows)
    assert chart.plots[0].has_data_labels and chart.plots[0].data_labels.number_format == "#,##0"
    # editable: its data is a workbook PowerPoint opens, holding the same numbers
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(chart.part.chart_workbook.xlsx_part.blob))
    cells = {row[0]: row[1] for row in book.active.iter_rows(min_row=2, values_only=True)}
    assert cells["Burkina Faso"] == 8_400_000


def test_speaker_notes_carry_the_sources(french_pack, seed):
    pack, _ = french_pack
    deck = Presentation(io.BytesIO(pack.pptx))
    notes = {s.kind: d.notes_slide.notes_text_frame.text for s, d in zip(pack.slides, deck.slides)}
    seen = views_of(seed["tables"])
    needs = briefing_pack.chart_rows(views.needs_by_country(seen["figures"]))
    assert notes["chart"].startswith("Sources des chiffres :")
    for row in needs.to_dict("records"):  # the article's title, else its outlet or id (briefing_pack.source_line)
        assert briefing_pack.source_line(row, "fr") in notes["chart"]
        assert fmt_country(row["country_iso3"], "fr") in notes["chart"]
    assert "Burkina Faso, 8\u202f400\u202f000 personnes" in notes["chart"]
    assert notes["map"].startswith("Sources des chiffres :") and "Burkina Faso" in notes["map"]
    assert notes["tracker"].startswith("Sources des décisions :")
    decisions = seen["decisions"].set_index("decision_id")
    assert decisions.loc[seed["stalled"], "article_title"] in notes["tracker"]
    assert notes["events"].startswith("Sources des événements :")
    articles = seed["tables"]["articles"]
    for row in articles.to_dict("records"):  # the sources slide: every article, in full
        assert (row["title"] or row["source_file"]) in notes["sources"]
        if isinstance(row.get("url"), str) and row["url"]:
            assert row["url"] in notes["sources"]
    assert "Note préparée par" in notes["title"]
    assert all(notes.values())
