"""The tiers page in AppTest: the chair agrees tiers, keeps the panel list and imports panel workbooks."""
from datetime import datetime
from decimal import Decimal
from io import BytesIO
from pathlib import Path

import pytest
from sqlalchemy import update

from bideval.rights import Role
from bideval.schema import SessionRecord
from bideval.storage import Store
from bideval.workflow import StageRefused
from conftest import admin_call, admin_of, session_token, chair_tender, replace_panel, seat_judge, EXAMPLE_RUBRIC, VENDOR_A, VENDOR_B, good_bid, open_app, write_form, write_panel

VENDOR_C = "91310000MA1FL0000X"
EMPTY_EDITS = {"added_rows": [], "deleted_rows": []}


@pytest.fixture
def tender(app_db: str, tmp_path: Path) -> int:
    """A tender of the formats.md rubric (tiered ops_plan, judged service_design): two valid bids, one invalid."""
    store = Store(app_db)
    tender = chair_tender(store, "定档测试", EXAMPLE_RUBRIC.read_text(encoding="utf-8"), EXAMPLE_RUBRIC.name)
    files = [write_form(tmp_path / "a.xlsx", good_bid(VENDOR_A, name="甲公司")),
             write_form(tmp_path / "b.xlsx", good_bid(VENDOR_B, name="乙公司", rate_per_call=0.6)),
             write_form(tmp_path / "c.xlsx", good_bid(VENDOR_C, name="丙公司", business_license="否"))]
    report = store.import_bids(admin_of(store), tender, [(f.name, f.read_bytes()) for f in files])
    assert report.ok, report.refused
    store.open_scoring(admin_of(store), tender)
    return tender


def choose_tiers(app, rows: dict[int, str | None]):
    """Pick tiers in the ops_plan editor as the chair would, then press its save button."""
    editor = app.data_editor[0]
    app.session_state[editor.key] = {"edited_rows": {r: {"tier": t} for r, t in rows.items()}, **EMPTY_EDITS}
    app.button(key="tiers_save_ops_plan").click()
    app.run()
    assert not app.exception
    return app


def members_table(app):
    """The read-only panel table (st.dataframe keeps no key in AppTest unless it is selectable)."""
    return [d for d in app.dataframe if d.editing_mode == "read_only"][0].value


def panel_state(store: Store, tender: int):
    return store.judges(admin_of(store), tender), store.tiers(admin_of(store), tender), [(s.judge, s.vendor_id, s.criterion, s.score)
                                                      for s in store.scores(admin_of(store), tender)]


@pytest.mark.parametrize("lang, title, tier_text, progress", [
    ("zh", "定档", "t3 三档 10.1–15", "已定档 0 / 2，待定 2"),
    ("en", "Tiers", "t3 Tier 3 10.1–15", "Tiers agreed: 0 of 2, 2 to agree"),
])
def test_tiers_page_lists_valid_bids_with_tier_choices(tender, lang, title, tier_text, progress):
    app = open_app("tiers", lang=lang, tender_id=tender)
    assert not app.exception
    assert app.title[0].value == title
    assert tier_text in " ".join(m.value for m in app.markdown)
    assert app.get("progress")[0].proto.text == progress
    table = app.data_editor[0].value
    assert list(table["vendor_id"]) == [VENDOR_A, VENDOR_B]  # the invalid bid is not tiered
    assert table["tier"].isna().all()


def test_choosing_a_tier_saves_it(tender):
    app = choose_tiers(open_app("tiers", tender_id=tender), {0: "t3", 1: "t2"})
    assert admin_call("tiers", tender) == {(VENDOR_A, "ops_plan"): "t3", (VENDOR_B, "ops_plan"): "t2"}
    assert "已保存 2 个投标的档次" in app.success[0].value
    assert list(app.data_editor[0].value["tier"]) == ["t3", "t2"]  # a fresh table read back from the database
    assert app.get("progress")[0].proto.text == "已定档 2 / 2，待定 0"


def test_clearing_a_tier_undoes_it_and_says_whose_scores_are_kept(tender):
    store = Store()
    store.set_tier(admin_of(store), tender, VENDOR_A, "ops_plan", "t2")
    store.set_score(seat_judge(store, tender, "王评委"), tender, VENDOR_A, "ops_plan", Decimal("7"))
    app = choose_tiers(open_app("tiers", tender_id=tender), {0: None})
    assert store.tiers(admin_of(store), tender) == {}
    assert "王评委" in app.warning[0].value and VENDOR_A in app.warning[0].value
    assert [Decimal(s.score) for s in store.scores(admin_of(store), tender)] == [7]


def test_clearing_a_tier_names_the_judges_as_written(tender):
    """The note after clearing a tier named a judge called 王*评*委 as 王评委 with 评 in italics: Markdown read the name."""
    store = Store()
    store.set_tier(admin_of(store), tender, VENDOR_A, "ops_plan", "t2")
    store.set_score(seat_judge(store, tender, "王*评*委"), tender, VENDOR_A, "ops_plan", Decimal("7"))
    app = choose_tiers(open_app("tiers", tender_id=tender), {0: None})
    assert "王\\*评\\*委" in app.warning[0].value and "王*评*委" not in app.warning[0].value


def test_a_tier_that_would_leave_scores_outside_is_refused(tender):
    store = Store()
    store.set_tier(admin_of(store), tender, VENDOR_A, "ops_plan", "t3")
    store.set_score(seat_judge(store, tender, "王评委"), tender, VENDOR_A, "ops_plan", Decimal("12"))
    store.set_score(seat_judge(store, tender, "李评委"), tender, VENDOR_A, "ops_plan", Decimal("11"))
    app = choose_tiers(open_app("tiers", lang="en", tender_id=tender), {0: "t1", 1: "t2"})
    errors = " ".join(e.value for e in app.error)
    assert VENDOR_A in errors and "甲公司" in errors
    assert "王评委" in errors and "李评委" in errors and "cannot set Tier 1 (0–5)" in errors
    assert store.tiers(admin_of(store), tender) == {(VENDOR_A, "ops_plan"): "t3", (VENDOR_B, "ops_plan"): "t2"}  # B's went through
    assert list(app.data_editor[0].value["tier"]) == ["t3", "t2"]  # the refused choice is not left on screen


def test_a_tier_changed_since_the_table_showed_it_is_not_replaced(tender):
    """Tiers were saved with no version: a tier another chair (or tab) set meanwhile was replaced unseen."""
    app = open_app("tiers", lang="en", tender_id=tender)
    admin_call("set_tier", tender, VENDOR_A, "ops_plan", "t2")  # the other tab, after this one drew its table
    choose_tiers(app, {0: "t3", 1: "t1"})
    assert admin_call("tiers", tender) == {(VENDOR_A, "ops_plan"): "t2", (VENDOR_B, "ops_plan"): "t1"}
    assert len(app.error) == 1 and app.error[0].value.startswith(f"{VENDOR_A} 甲公司 / Operations management plan: ")
    # the tiers as the chair picks them, not their ids (app8 A8-8: 'changed elsewhere to t3; your t1')
    assert "was changed elsewhere to Tier 2 (perhaps by you, in another window); your Tier 3 was not saved" \
        in app.error[0].value
    assert list(app.data_editor[0].value["tier"]) == ["t2", "t1"]  # what is stored, to decide again


def test_saving_without_changes_says_so(tender):
    app = choose_tiers(open_app("tiers", lang="en", tender_id=tender), {})
    assert "Nothing changed" in app.warning[0].value
    assert admin_call("tiers", tender) == {}


def test_panel_members_are_listed_and_added(tender):
    store = Store()
    store.add_judge(admin_of(store), tender, "王评委")
    store.set_tier(admin_of(store), tender, VENDOR_A, "ops_plan", "t3")
    store.set_score(seat_judge(store, tender, "王评委"), tender, VENDOR_A, "ops_plan", Decimal("12"))
    app = open_app("tiers", tender_id=tender)
    members = members_table(app)
    assert list(members.iloc[:, 0]) == ["王评委"] and list(members.iloc[:, 1]) == [1] and list(members.iloc[:, 2]) == [4]
    app.text_input(key="tiers_new_judge").set_value(" 李评委 ")
    app.button(key="tiers_add_judge").click()
    app.run()
    assert not app.exception
    assert store.judges(admin_of(store), tender) == ["王评委", "李评委"]
    assert list(members_table(app).iloc[:, 0]) == ["王评委", "李评委"]


def test_once_the_panel_is_closed_the_page_says_why_instead_of_offering_to_add_a_judge(tender):
    """Every refusal of adding a judge had been shown as "Type the judge's name."; the page now offers the panel's
    controls only while the panel may change (Store.capabilities), says why not otherwise, and the store refuses
    on its own."""
    admin_call("close_scoring", tender)
    app = open_app("tiers", lang="en", tender_id=tender)
    assert not app.exception and "tiers_add_judge" not in {b.key for b in app.button}
    assert any("is in the review stage: cannot change the panel" in i.value for i in app.info)
    with pytest.raises(StageRefused):
        admin_call("add_judge", tender, "李评委")
    assert admin_call("judges", tender) == []


def test_a_bad_panel_workbook_shows_every_problem_and_changes_nothing(tender, tmp_path):
    store = Store()
    store.set_tier(admin_of(store), tender, VENDOR_A, "ops_plan", "t3")
    store.set_score(seat_judge(store, tender, "王评委"), tender, VENDOR_A, "ops_plan", Decimal("12"))
    before = panel_state(store, tender)
    bad = write_panel(tmp_path / "bad.xlsx",
                      scores=[["李评委", "91000000000000000X", "ops_plan", 12, ""],
                              ["李评委", VENDOR_B, "service_design", 9, ""],
                              ["李评委", VENDOR_B, "ops_plan", "很好", ""]],
                      tiers=[[VENDOR_B, "ops_plan", "t9"]])
    app = open_app("tiers", lang="en", tender_id=tender)
    app.file_uploader(key="tiers_panel_file").upload(bad.name, bad.read_bytes())
    app.button(key="tiers_import").click()
    app.run()
    assert not app.exception
    message = app.error[0].value
    assert "**bad.xlsx** was not imported" in message
    assert "91000000000000000X" in message and "t9" in message and "很好" in message
    assert message.count("\n- `Scores!") + message.count("\n- `Tiers!") >= 4  # one line per problem, sheet and cell
    assert panel_state(store, tender) == before


def test_a_good_panel_workbook_replaces_the_panel_and_shows_warnings(tender, tmp_path):
    good = write_panel(tmp_path / "good.xlsx",
                       scores=[["李评委", VENDOR_A, "ops_plan", 11, "清晰"],
                               ["李评委", VENDOR_C, "service_design", 3, ""]],  # an invalid bid: ignored with a warning
                       tiers=[[VENDOR_A, "ops_plan", "t3"]])
    app = open_app("tiers", tender_id=tender)
    app.file_uploader(key="tiers_panel_file").upload(good.name, good.read_bytes())
    app.button(key="tiers_import").click()
    app.run()
    assert not app.exception
    assert not app.error
    assert VENDOR_C in " ".join(w.value for w in app.warning)
    assert app.button(key="tiers_replace").disabled  # nothing replaced before the confirmation
    app.checkbox(key="tiers_replace_sure").check().run()
    app.button(key="tiers_replace").click().run()
    assert not app.exception and not app.error
    assert "已导入 good.xlsx" in app.success[0].value
    store = Store()
    assert store.tiers(admin_of(store), tender) == {(VENDOR_A, "ops_plan"): "t3"}
    assert [(s.judge, Decimal(s.score), s.comment) for s in store.scores(admin_of(store), tender)] == [("李评委", 11, "清晰")]
    assert list(app.data_editor[0].value["tier"].fillna("")) == ["t3", ""]


def test_a_role_on_the_judges_sheet_is_listed_with_the_seat_and_in_the_apps_workbook_and_report(tender, tmp_path):
    """The panel workbook's Judges sheet names 王评委（组长）: the command line's workbook and report list the role; the
    app's seats had dropped it (seat15). The panel list here, the audit entry and the export page's workbook (Panel
    sheet) and report (panel list, signature lines) now show it, as the command line does."""
    import subprocess

    import openpyxl

    from conftest import import_page

    scores = [[j, v, c, s, ""] for j in ("王评委", "李评委") for v in (VENDOR_A, VENDOR_B)
              for c, s in (("ops_plan", 12), ("service_design", 4))]
    good = write_panel(tmp_path / "roles.xlsx", scores, [[VENDOR_A, "ops_plan", "t3"], [VENDOR_B, "ops_plan", "t3"]],
                       ["王评委（组长）", "李评委"])
    app = open_app("tiers", tender_id=tender)
    app.file_uploader(key="tiers_panel_file").upload(good.name, good.read_bytes())
    app.button(key="tiers_import").click().run()
    app.checkbox(key="tiers_replace_sure").check().run()
    app.button(key="tiers_replace").click().run()
    assert not app.exception and not app.error
    app = open_app("tiers", tender_id=tender)
    assert list(members_table(app).iloc[:, 0]) == ["王评委（组长）", "李评委"]
    store = Store()
    admin = admin_of(store)
    assert store.judges(admin, tender) == ["王评委", "李评委"]  # the seat is the name; the role is beside it
    page = import_page("export")
    drawn = page.Drawn(store, admin, tender, "complete")
    sheet = openpyxl.load_workbook(BytesIO(drawn.workbook("zh")))["Panel"]
    assert "王评委（组长）" in {c for row in sheet.iter_rows(values_only=True) for c in row}
    text = "".join(subprocess.run(["pdftotext", "-", "-"], input=drawn.report("zh"), capture_output=True,
                                  check=True).stdout.decode("utf-8").split())
    assert "王评委（组长）、李评委" in text and "1王评委（组长）2李评委" in text.split("评标委员会成员签字", 1)[1]


def test_a_rubric_without_tiered_criteria_says_there_is_nothing_to_agree(app_db):
    store = Store(app_db)
    text = EXAMPLE_RUBRIC.read_text(encoding="utf-8")
    start = text.index("  - id: ops_plan")
    end = text.index("  - id: dial_test")
    judged = text[:start] + ("  - id: ops_plan\n    name: {zh: 运营管理能力, en: Operations management plan}\n"
                             "    group: operations\n    kind: judged\n    max: 15\n") + text[end:]
    tender = chair_tender(store, "无分档", judged, "judged.yaml")
    app = open_app("tiers", lang="en", tender_id=tender)
    assert not app.exception
    assert any("no tiered criteria" in i.value for i in app.info)


@pytest.mark.parametrize("ended, said", [
    ("signed_out", "登录已过期，请重新登录"),  # in another tab: the sign-in page says why
    ("expired", "登录已过期，请重新登录"),
    ("switched_off", "账户 chen 已停用"),  # switching an account off ends its sessions, saying so
    ("role_taken", "不存在，或您在其中没有角色"),  # the tender is no longer theirs: said, no traceback
])
def test_a_tier_saved_after_the_session_or_the_role_ended_is_not_saved(through_the_entrypoint, tender, ended, said):
    """The save runs in the button's callback, before the entrypoint asks who is signed in: the store checks the
    session itself, so nothing is written (P6-6), and a refusal is said, never a traceback (P6-7)."""
    store = Store()
    admin = admin_of(store)
    token = session_token("chen")
    store.give_role(admin, tender, "chen", Role.CHAIR)
    app = open_app("tiers", user="chen", tender_id=tender)
    if ended == "signed_out":
        store.accounts.sign_out(token)
    elif ended == "expired":
        with store.db.write() as s:
            s.execute(update(SessionRecord).values(expires_at=datetime(2000, 1, 1)))
    elif ended == "switched_off":
        store.accounts.set_active(admin, "chen", False)
    else:
        store.take_role(admin, tender, "chen", Role.CHAIR)
    choose_tiers(app, {0: "t3"})  # no exception
    assert store.tiers(admin, tender) == {}
    assert said in " ".join(e.value for e in [*app.error, *app.warning, *app.info])
    assert not any(e.action == "set_tier" for e in store.events(admin, tender))


def test_a_tier_not_saved_because_the_session_ended_is_named_once_signed_in_again(through_the_entrypoint, tender):
    """Found by a tester (app8): after signing in again the table showed the tier stored and only 'the session has
    expired' stood above it; nothing said which choice had not been saved."""
    store = Store()
    admin = admin_of(store)
    session_token("chen")
    store.give_role(admin, tender, "chen", Role.CHAIR)
    app = open_app("tiers", user="chen", tender_id=tender)
    with store.db.write() as s:
        s.execute(update(SessionRecord).values(expires_at=datetime(2000, 1, 1)))
    choose_tiers(app, {0: "t3"})
    assert store.tiers(admin, tender) == {}
    # the note the Tiers page shows when it is drawn next, once the user has signed in again in this tab
    said = " ".join(text for notes in app.session_state["tiers_notes"].values() for _, text in notes)
    assert "登录已过期" in said and "以下档次未保存" in said and f"({VENDOR_A}) → t3" in said
