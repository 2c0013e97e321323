"""The Décisions page in Streamlit's AppTest: reading, signing in, editing, conflicts between two sessions."""
from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime

import pandas as pd
import pytest
import streamlit as st
from conftest import ROOT
from dashboard_fixtures import html_bodies, page_table, publish_tables, read_tables, republish
from streamlit.testing.v1 import AppTest
from tracker_support import EDITOR, decisions_frame

from etl.principals import Principal
from etl.schema import conform
from tracker import auth, db, service

PAGE = str(ROOT / "app_pages" / "decisions.py")
PASSWORD = "mot-de-passe-editeur"


@pytest.fixture
def app_env(tmp_path, monkeypatch):
    """Tables with three decisions, a fresh SQLite tracker and two editor accounts, through the environment."""
    tables = tmp_path / "tables"
    tables.mkdir()
    frame = decisions_frame(3)
    frame.loc[1, "text"] = "<script>alert('x')</script> Réhabiliter les forages"
    articles = conform("articles", [{"article_id": "art_a", "source_file": "a.txt", "title": "Article A",
                                     "status": "ok", "source": "Média A"}])
    publish_tables(tables, {"decisions": frame, "articles": articles}, {})
    url = f"sqlite:///{tmp_path / 'tracker.sqlite'}"
    hashed = auth.hash_password(PASSWORD, rounds=4)
    monkeypatch.setenv("SAHEL_TABLES_DIR", str(tables))
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("TRACKER_SECRETS_FILE", str(tmp_path / "absent.toml"))
    monkeypatch.setenv("TRACKER_USERS", f"awa:editor:{hashed} ousmane:editor:{hashed} lecteur:viewer:{hashed}")
    st.cache_data.clear()
    yield {"url": url, "tables": tables}
    st.cache_data.clear()
    db.dispose_engines()


def open_page(lang: str = "fr") -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=60)
    at.session_state["lang"] = lang
    return at.run()


def sign_in(at: AppTest, name: str, password: str = PASSWORD) -> AppTest:
    at.sidebar.text_input(key="tracker_username").input(name)
    at.sidebar.text_input(key="tracker_password").input(password)
    return at.button(key="tracker_sign_in_submit").click().run()


def listed(at: AppTest) -> pd.DataFrame:
    """The read-only list as drawn (an HTML table, dashboard.ui.table), indexed by decision id,
    read back from each row's source link (decisions_frame puts decision i at char 100 × i)."""
    table = page_table(at)
    spans = table["Source"].str.extract(r"span=(\d+)-")[0].astype(int)
    return table.set_axis([f"dec_{start // 100:04d}" for start in spans]).rename_axis("decision_id")


def data_editors(at: AppTest) -> list:
    return [d for d in at.dataframe if d.proto.editing_mode]  # data_editor; 0 is a read-only st.dataframe


def open_decision(at: AppTest, decision_id: str) -> AppTest:
    return at.selectbox(key="tracker_pick").select(decision_id).run()


def test_viewer_sees_the_table_read_only(app_env):
    at = open_page()
    assert not at.exception
    assert len(at.dataframe) == 0 and data_editors(at) == []  # the list is HTML, not a grid
    assert any("Lecture seule" in c.value for c in at.caption)
    shown = listed(at)
    assert shown.loc["dec_0001", "Décision"] == "<script>alert('x')</script> Réhabiliter les forages"  # text
    assert set(shown["Source"]) == {f"./sources?article=art_a&span={100 * i}-{100 * i + 30}" for i in range(3)}
    assert set(shown["Statut"]) == {"Non commencée"} and set(shown["Annoncée"]) == {"5 mars 2024"}
    open_decision(at, "dec_0001")
    assert not at.exception
    assert "tracker_f_status_dec_0001_0" not in at.session_state  # no edit form for a viewer
    assert [m.label for m in at.metric][:3] == ["Statut", "Échéance", "Avancement (%)"]
    # the sync ran: the tracker holds the three decisions
    assert len(service.tracker_frame(engine=db.get_engine(app_env["url"]))) == 3


def test_page_switches_to_english(app_env):
    at = open_page("en")
    assert not at.exception
    assert any("Read only" in c.value for c in at.caption)
    assert "Decision tracker" in "".join(html_bodies(at))


def test_sign_in_form_is_folded_in_the_sidebar_editors_popover(app_env):
    at = open_page()
    popovers = [b for b in at.sidebar.get("popover")]
    assert [p.proto.popover.label for p in popovers] == ["Espace éditeurs"]
    folded = {w.key for w in popovers[0].get("text_input")}
    assert folded == {"tracker_username", "tracker_password"}
    at = sign_in(at, "awa")  # signed in: the popover gives way to the name and a sign-out button
    assert at.sidebar.get("popover") == [] and at.sidebar.button(key="tracker_sign_out")


def test_failed_sign_in_says_the_same_for_unknown_name_and_wrong_password(app_env):
    at = sign_in(open_page(), "awa", "mauvais")
    wrong = [e.value for e in at.sidebar.error]
    at = sign_in(open_page(), "inconnu", "mauvais")
    unknown = [e.value for e in at.sidebar.error]
    assert wrong == unknown == ["Nom d'utilisateur ou mot de passe incorrect."]
    assert "tracker_principal" not in at.session_state


def test_editor_signs_in_edits_through_the_form_and_history_names_them(app_env):
    at = sign_in(open_page(), "awa")
    assert at.session_state["tracker_principal"].username == "awa"
    assert len(data_editors(at)) == 1  # editors get the bulk editor
    at = open_decision(at, "dec_0000")
    suffix = "dec_0000_0"
    at.selectbox(key=f"tracker_f_status_{suffix}").select("in_progress")
    at.number_input(key=f"tracker_f_progress_{suffix}").set_value(60)
    at.text_input(key=f"tracker_f_responsible_{suffix}").input("Ministère de l'Hydraulique")
    at = at.button(key=f"tracker_save_{suffix}").click().run()
    assert not at.exception and not at.error
    assert any("1 modification enregistrée" in s.value for s in at.success)
    stored = service.get_decision("dec_0000", engine=db.get_engine(app_env["url"]))
    assert (stored["status"], stored["progress"], stored["responsible"], stored["version"]) == (
        "in_progress", 60, "Ministère de l'Hydraulique", 1)
    history = service.history_frame("dec_0000", engine=db.get_engine(app_env["url"]))
    assert set(history["editor"]) == {"awa"}
    # the detail view shows the history with labels, and the form now starts from version 1
    assert at.selectbox(key="tracker_f_status_dec_0000_1").value == "in_progress"
    history_tables = [d.value for d in at.dataframe if "Ancienne valeur" in d.value.columns]
    assert history_tables and "En cours" in set(history_tables[0]["Nouvelle valeur"])


def test_bad_input_in_the_form_is_refused_with_a_message_and_the_values_stay(app_env):
    at = open_decision(sign_in(open_page(), "awa"), "dec_0002")
    suffix = "dec_0002_0"
    at.date_input(key=f"tracker_f_due_{suffix}").set_value(date(2024, 1, 1))  # before the announcement (2024-03-05)
    at.text_area(key=f"tracker_f_notes_{suffix}").input("à garder")
    at = at.button(key=f"tracker_save_{suffix}").click().run()
    assert any("précède l'annonce" in e.value for e in at.error)
    assert at.text_area(key=f"tracker_f_notes_{suffix}").value == "à garder"
    stored = service.get_decision("dec_0002", engine=db.get_engine(app_env["url"]))
    assert (stored["due_date"], stored["notes"], stored["version"]) == (None, None, 0)


def test_two_sessions_conflict_is_shown_and_the_second_editors_values_are_kept(app_env):
    a = open_decision(sign_in(open_page(), "awa"), "dec_0001")
    b = open_decision(sign_in(open_page(), "ousmane"), "dec_0001")
    suffix = "dec_0001_0"
    a.selectbox(key=f"tracker_f_status_{suffix}").select("completed")
    a = a.button(key=f"tracker_save_{suffix}").click().run()
    assert not a.exception

    b.selectbox(key=f"tracker_f_status_{suffix}").select("stalled")
    b.text_area(key=f"tracker_f_notes_{suffix}").input("Financement suspendu")
    b = b.button(key=f"tracker_save_{suffix}").click().run()
    assert not b.exception
    conflict = [e.value for e in b.error if "Conflit" in e.value]
    assert conflict and "awa" in conflict[0]
    tables = [d.value for d in b.dataframe]  # the conflict panel comes first on the page
    theirs = next(t for t in tables if "Auteur" in t.columns)
    assert list(theirs[["Auteur", "Ancienne valeur", "Nouvelle valeur"]].itertuples(index=False, name=None)) == [
        ("awa", "Non commencée", "Achevée")]
    mine = next(t for t in tables if "Votre valeur" in t.columns)
    assert set(mine["Votre valeur"]) == {"Bloquée", "Financement suspendu"}
    assert b.text_area(key=f"tracker_f_notes_{suffix}").value == "Financement suspendu"  # nothing lost on screen
    engine = db.get_engine(app_env["url"])
    assert service.get_decision("dec_0001", engine=engine)["status"] == "completed"  # no silent overwrite

    b = b.button(key="tracker_conflict_apply_dec_0001").click().run()
    stored = service.get_decision("dec_0001", engine=engine)
    assert (stored["status"], stored["notes"], stored["version"]) == ("stalled", "Financement suspendu", 2)
    assert not [e for e in b.error if "Conflit" in e.value]
    editors = service.history_frame("dec_0001", engine=engine)[["editor", "new_value"]]
    assert set(map(tuple, editors.values)) == {("awa", "completed"), ("ousmane", "stalled"),
                                               ("ousmane", "Financement suspendu")}


def test_comment_thread_from_the_page(app_env):
    at = open_decision(sign_in(open_page(), "awa"), "dec_0000")
    at.text_area(key="tracker_comment_body_dec_0000").input("Point fait avec le ministère.")
    at = at.button(key="tracker_comment_submit_dec_0000").click().run()
    assert not at.exception
    comments = service.comments_frame("dec_0000", engine=db.get_engine(app_env["url"]))
    assert list(comments[["author", "body"]].itertuples(index=False, name=None)) == [("awa", "Point fait avec le ministère.")]
    assert any("Point fait avec le ministère." in h for h in html_bodies(at))


def test_orphaned_decisions_stay_listed_after_a_rebuild(app_env):
    at = open_page()
    republish(app_env["tables"], decisions=decisions_frame(2))  # dec_0002 no longer produced
    st.cache_data.clear()
    at = at.run()
    assert not at.exception
    shown = listed(at)
    assert len(shown) == 3 and shown.loc["dec_0002", "Orpheline"] == "✓" and shown.loc["dec_0000", "Orpheline"] == ""
    at.toggle(key="tracker_show_orphaned").set_value(False)
    at = at.run()
    assert set(listed(at).index) == {"dec_0000", "dec_0001"}


def test_search_theme_and_status_filters(app_env):
    at = open_page()
    at.text_input(key="tracker_search").input("forages")
    at = at.run()
    assert list(listed(at).index) == ["dec_0001"]
    at.text_input(key="tracker_search").input("")
    at.multiselect(key="tracker_themes").select("santé")
    at = at.run()
    assert set(listed(at).index) == {"dec_0000", "dec_0002"}
    filters_menu = lambda: [p.proto.popover.label for p in at.main.get("popover")  # noqa: E731
                            if p.proto.popover.label.startswith("Filtres")]
    assert filters_menu() == ["Filtres et tri (1)"]  # the folded menu says how many filters apply
    assert any("Filtres : Thème : santé." in c.value for c in at.caption)  # and the list says which
    at.multiselect(key="tracker_statuses").select("completed")
    at.toggle(key="tracker_show_orphaned").set_value(False)
    at = at.run()
    assert any("Aucune décision" in c.value for c in at.caption)
    assert filters_menu() == ["Filtres et tri (3)"]
    assert any("Filtres : Thème : santé · Statut : Achevée · orphelines masquées." in c.value for c in at.caption)
    at.multiselect(key="tracker_themes").set_value([])
    at.multiselect(key="tracker_statuses").set_value([])
    at.toggle(key="tracker_show_orphaned").set_value(True)
    at = at.run()
    assert filters_menu() == ["Filtres et tri"] and not any("Filtres :" in c.value for c in at.caption)
    assert len(listed(at)) == 3


def test_pure_helpers_for_the_bulk_editor():
    from dashboard import tracker_views as tv

    frame = decisions_frame(2).assign(status="not_started", version=0, responsible=None, due_date=None,
                                      progress=None, notes=None)
    base = tv.editor_frame(frame, "fr")
    edited = base.copy()
    edited.loc[0, "status"] = "Bloquée"
    edited.loc[0, "progress"] = 20.0
    edited.loc[1, "due_date"] = date(2026, 1, 1)
    assert tv.editor_changes(base, edited, "fr") == {
        "dec_0000": (0, {"status": "stalled", "progress": 20.0}), "dec_0001": (0, {"due_date": date(2026, 1, 1)})}
    assert tv.editor_changes(base, base.copy(), "fr") == {}
    edited.loc[0, "status"] = "Stalled"  # the language was switched while editing
    assert tv.editor_changes(base, edited, "fr")["dec_0000"][1]["status"] == "stalled"
    assert tv.source_url("art_a", 10.0, 42.0) == "./sources?article=art_a&span=10-42"
    assert tv.source_url(None, 1, 2) is None
    assert list(tv.sort_rows(pd.DataFrame({"decision_id": ["b", "a"], "status": ["completed", "stalled"]}), "status")
                ["decision_id"]) == ["b", "a"]


def test_the_list_markup_is_keyed_on_every_value_and_the_order_of_the_rows():
    from dashboard import tracker_views as tv

    frame = decisions_frame(3).assign(status="not_started", progress=None)
    key = tv.content_key(frame)
    assert tv.content_key(frame.copy()) == key
    changed = frame.copy()
    changed.loc[2, "progress"] = 10
    assert tv.content_key(changed) != key
    assert tv.content_key(frame.iloc[::-1]) != key  # another sort shows other first rows
    assert tv.content_key(frame.head(2)) != key


def test_an_edit_made_elsewhere_shows_on_the_next_rerun(app_env):
    """The page caches the tracker, keyed on service.change_token: another session's or another
    app instance's edit must still show at once."""
    at = open_page()
    status_of = lambda: dict(zip(listed(at)["Décision"], listed(at)["Statut"]))  # noqa: E731
    assert set(status_of().values()) == {"Non commencée"}
    engine = db.get_engine(app_env["url"])
    service.update_decision("dec_0002", {"status": "completed"}, expected_version=0, editor=EDITOR, engine=engine)
    at.run()
    assert not at.exception
    assert sorted(status_of().values()) == ["Achevée", "Non commencée", "Non commencée"]


def test_thousands_of_decisions_are_listed_by_their_first_rows_and_a_link_still_opens_any(app_env, monkeypatch):
    from dashboard import tracker_views

    monkeypatch.setattr(tracker_views, "SHOWN_ROWS", 2)
    at = AppTest.from_file(PAGE, default_timeout=60)
    at.query_params["decision"] = "dec_0002"  # beyond the rows shown
    at.run()
    assert not at.exception
    assert len(listed(at)) == 2
    assert any("2 premières lignes sur 3" in c.value for c in at.caption)
    assert at.selectbox(key="tracker_pick").value == "dec_0002"
    assert len(at.selectbox(key="tracker_pick").options) == 3  # the first two, and the linked one


def test_the_picker_offers_the_first_decisions_of_the_list_and_says_how_to_find_others(app_env, monkeypatch):
    from dashboard import tracker_views

    monkeypatch.setattr(tracker_views, "PICK_CHOICES", 1)
    at = open_page()
    picker = at.selectbox(key="tracker_pick")
    assert len(picker.options) == 1 and len(listed(at)) == 3  # the list still shows every row
    assert "1 premières décisions sur 3" in picker.help
    at.text_input(key="tracker_search").input("forages").run()  # search narrows the list, and the picker
    picker = at.selectbox(key="tracker_pick")
    assert picker.options == ["<script>alert('x')</script> Réhabiliter les forages"] and not picker.help


def test_attention_tab_lists_the_overdue_decision_with_its_days_late(app_env):
    engine = db.get_engine(app_env["url"])
    at = open_page()
    service.update_decision("dec_0002", {"status": "in_progress", "due_date": date(2025, 1, 31), "progress": 40},
                            expected_version=0, editor=EDITOR, engine=engine)
    at.session_state["tracker_tab"] = "En retard et bloquées"
    at = at.run()
    assert not at.exception
    late = page_table(at)  # the list tab is closed: the only table is the attention one
    assert len(late) == 1
    row = late.iloc[0]
    assert row["Décision"] == "Le gouvernement s'engage à réaliser l'action n° 2."
    assert (row["Statut"], row["Échéance"], row["Avancement (%)"]) == ("En cours", "31 janv. 2025", "40")  # the locale's date
    assert int(row["Jours de retard"].replace("\u202f", "")) == (date.today() - date(2025, 1, 31)).days


def test_overview_counts_decisions_by_tracker_status_and_shows_an_edit_on_the_next_rerun(app_env):
    """The overview's decisions card counts by tracker status, cached on service.change_token:
    a status changed by another session must show on the next rerun, not after a restart."""
    open_page()  # the Décisions page syncs the three decisions into the tracker
    overview = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    assert not overview.exception
    cards = lambda: "\n".join(html_bodies(overview))  # noqa: E731
    assert "Suivi : Non commencée : 3" in cards()
    engine = db.get_engine(app_env["url"])
    service.update_decision("dec_0002", {"status": "completed"}, expected_version=0, editor=EDITOR, engine=engine)
    overview.run()
    assert not overview.exception
    assert "Suivi : Non commencée : 2 · Achevée : 1" in cards()


def test_progress_and_status_that_disagree_are_refused_in_the_form_with_the_values_kept(app_env):
    at = open_decision(sign_in(open_page(), "awa"), "dec_0000")
    suffix = "dec_0000_0"
    assert "« Non commencée »" in at.number_input(key=f"tracker_f_progress_{suffix}").help  # the rule, before saving
    at.number_input(key=f"tracker_f_progress_{suffix}").set_value(40)  # status left « Non commencée »
    at = at.button(key=f"tracker_save_{suffix}").click().run()
    assert [e.value for e in at.error] == [
        "Rien n'a été enregistré (1 problème) : Un avancement de 40 % ne correspond pas au statut « Non commencée » :"
        " une décision non commencée est à 0 % (ou sans avancement)."]
    assert at.number_input(key=f"tracker_f_progress_{suffix}").value == 40  # kept on screen, to fix
    stored = service.get_decision("dec_0000", engine=db.get_engine(app_env["url"]))
    assert (stored["progress"], stored["version"]) == (None, 0)
    at.selectbox(key=f"tracker_f_status_{suffix}").select("in_progress")
    at = at.button(key=f"tracker_save_{suffix}").click().run()
    assert not at.error
    stored = service.get_decision("dec_0000", engine=db.get_engine(app_env["url"]))
    assert (stored["status"], stored["progress"], stored["version"]) == ("in_progress", 40, 1)


def test_dates_are_entered_and_shown_in_the_locales_format(app_env):
    engine = db.get_engine(app_env["url"])
    at = open_decision(sign_in(open_page(), "awa"), "dec_0001")
    assert at.date_input(key="tracker_f_due_dec_0001_0").proto.format == "DD/MM/YYYY"
    grid = data_editors(at)[0]
    due = json.loads(grid.proto.columns)
    assert any(c.get("label") == "Échéance" and c.get("type_config", {}).get("format") == "DD/MM/YYYY"
               for c in due.values())
    service.update_decision("dec_0001", {"due_date": date(2025, 12, 31)}, expected_version=0, editor=EDITOR, engine=engine)
    reader = open_decision(open_page(), "dec_0001")
    assert listed(reader).loc["dec_0001", "Échéance"] == "31 déc. 2025"
    assert [m.value for m in reader.metric][:2] == ["Non commencée", "31 décembre 2025"]
    english = open_decision(open_page("en"), "dec_0001")
    assert [m.value for m in english.metric][:2] == ["Not started", "31 December 2025"]


def test_history_names_the_editor_and_says_when_in_local_time(app_env, tmp_path, monkeypatch):
    hashed = auth.hash_password(PASSWORD, rounds=4)
    secrets = tmp_path / "secrets.toml"
    secrets.write_text(f'[tracker.users."awa"]\ndisplay_name = "Awa Diallo"\nrole = "editor"\npassword_hash = "{hashed}"\n',
                       encoding="utf-8")
    monkeypatch.setenv("TRACKER_SECRETS_FILE", str(secrets))
    monkeypatch.delenv("TRACKER_USERS")
    monkeypatch.setenv("SAHEL_TIMEZONE", "Africa/Niamey")  # a reader at UTC+1 (AppTest has no browser to ask)
    open_page()  # syncs the decisions into the tracker
    engine = db.get_engine(app_env["url"])
    awa = Principal("awa", "editor")  # history keeps the user name; the page shows the account's display name
    service.update_decision("dec_0002", {"status": "stalled"}, expected_version=0, editor=awa,
                            now=datetime(2025, 3, 1, 9, 30, tzinfo=UTC), engine=engine)
    service.add_comment("dec_0002", "Point fait.", editor=awa,
                        now=datetime(2025, 3, 1, 23, 45, tzinfo=UTC), engine=engine)
    at = open_decision(open_page(), "dec_0002")
    history = next(d.value for d in at.dataframe if "Ancienne valeur" in d.value.columns)
    assert list(history.columns) == ["Date et heure (heure locale, UTC+1)", "Auteur", "Champ", "Ancienne valeur",
                                     "Nouvelle valeur"]  # no version: the editors' lock is not the readers' business
    rows = list(history.itertuples(index=False, name=None))
    assert ("1 mars 2025 10:30", "Awa Diallo", "Statut", "Non commencée", "Bloquée") in rows
    assert ("2 mars 2025 00:45", "Awa Diallo", "Commentaire", "—", "Point fait.") in rows
    assert "Awa Diallo</b> · 2 mars 2025 00:45" in "".join(html_bodies(at))


def test_a_viewer_never_sees_internal_fields(app_env):
    at = open_decision(open_page(), "dec_0001")
    assert [m.label for m in at.metric] == ["Statut", "Échéance", "Avancement (%)"]
    from page_text import page_texts

    shown = " ".join(page_texts(at))
    assert not re.search(r"\bVersion\b|\bversion\b|dec_0001|\bnot_started\b", shown)
    at.session_state["tracker_tab"] = "Historique"
    at = at.run()
    assert not re.search(r"\bVersion\b", " ".join(page_texts(at)))


def test_the_editing_grid_shows_country_theme_announcement_and_source(app_env):
    at = sign_in(open_page(), "awa")
    grid = data_editors(at)[0]
    assert list(grid.proto.column_order) == ["read", "text", "country", "theme", "announced", "status", "responsible",
                                             "due_date", "progress", "notes", "source"]
    labels = {c.get("label") for c in json.loads(grid.proto.columns).values()}
    assert {"Lire", "Pays", "Thème", "Annoncée", "Article (média)"} <= labels
    frame = grid.value.set_index("decision_id")
    assert frame.loc["dec_0000", ["country", "theme", "announced", "source"]].tolist() == [
        "Mali", "santé", "5 mars 2024", "Article A (Média A)"]
    assert not frame["read"].any()


def test_the_ticked_rows_of_the_grid_show_their_whole_text():
    """What the grid's « Lire » column opens (tracker_views.full_texts), drawn for the ticked rows only."""
    from streamlit.testing.v1 import AppTest as Runner

    def page():
        from tracker_support import decisions_frame

        from dashboard import tracker_views as tv

        rows = decisions_frame(3).assign(status="not_started", version=0, responsible=None, due_date=None,
                                         progress=None, notes=None, article_title="Article A", article_source="Média A")
        rows.loc[1, "text"] = "Un texte très long " + "qui continue " * 40 + "jusqu'au bout."
        base = tv.editor_frame(rows, "fr")
        tv.full_texts(base.iloc[[1]], rows, "fr")

    import sys

    sys.path.insert(0, str(ROOT / "tests"))
    at = Runner.from_function(page).run()
    body = "".join(html_bodies(at))
    assert "Texte complet des décisions cochées" in body and "jusqu&#x27;au bout." in body
    assert "« réaliser l&#x27;action n° 1 »" in body and "Article A (Média A)" in body
    assert "action n° 0" not in body


def test_who_decided_is_offered_as_the_responsible_body_and_saved_only_when_confirmed(app_env):
    frame = read_tables(app_env["tables"])["decisions"]
    frame["decided_by"] = None
    frame.loc[frame["decision_id"] == "dec_0002", "decided_by"] = "le Conseil des ministres"
    republish(app_env["tables"], decisions=frame)
    engine = db.get_engine(app_env["url"])

    reader = open_decision(open_page(), "dec_0002")
    assert any("selon l" in h and "le Conseil des ministres" in h for h in html_bodies(reader))

    at = open_decision(sign_in(open_page(), "awa"), "dec_0002")
    suffix = "dec_0002_0"
    box = at.checkbox(key=f"tracker_f_take_suggestion_{suffix}")
    assert "le Conseil des ministres" in box.label and box.value is False
    at.number_input(key=f"tracker_f_progress_{suffix}").set_value(0)
    at = at.button(key=f"tracker_save_{suffix}").click().run()   # not confirmed: nothing about the responsible
    assert service.get_decision("dec_0002", engine=engine)["responsible"] is None

    at = open_decision(sign_in(open_page(), "awa"), "dec_0002")
    suffix = f"dec_0002_{service.get_decision('dec_0002', engine=engine)['version']}"
    at.checkbox(key=f"tracker_f_take_suggestion_{suffix}").check()
    at = at.button(key=f"tracker_save_{suffix}").click().run()
    assert not at.exception and not at.error
    assert service.get_decision("dec_0002", engine=engine)["responsible"] == "le Conseil des ministres"
    # decisions without a reader's guess get no checkbox
    at = open_decision(at, "dec_0001")
    assert not [c for c in at.checkbox if c.key and c.key.startswith("tracker_f_take_suggestion_dec_0001")]
