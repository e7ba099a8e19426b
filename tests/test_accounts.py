"""Accounts on a real SQLite file and a real PostgreSQL server: an invitation gives only what its maker could give
when it is redeemed, and a user name, e-mail address or organisation sign-in belongs to one account, told as a
refusal even when two administrators make the same account at the same moment."""
from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import select, text, update

from bideval import audit
from bideval.accounts import AccountRefused, SignInRefused
from bideval.database import _alembic_config
from bideval.rights import Actor, Role
from bideval.schema import AccountRecord, AuditEvent, InvitationRecord
from bideval.storage import Store
from bideval.workflow import Stage, StageRefused
from conftest import admin_of, meeting_clock
from test_storage import RUBRIC_TEXT, fresh_postgres

PASSWORD = "a long enough password"


@pytest.fixture(scope="module")
def made(tmp_path_factory) -> Path:
    """A database file with the administrator and a procurement officer, made once (passwords take a while to hash)."""
    path = tmp_path_factory.mktemp("accounts") / "made.sqlite3"
    store = Store(f"sqlite:///{path}")
    store.accounts.create_account(admin_of(store), "buyer", "采购员", creates_tenders=True, with_password=False)
    store.engine.dispose()
    return path


@pytest.fixture
def store(made: Path, tmp_path: Path) -> Store:
    """A copy of ``made`` of this test's own."""
    shutil.copy(made, tmp_path / "accounts.sqlite3")
    return Store(f"sqlite:///{tmp_path / 'accounts.sqlite3'}")


def buyer_tender(store: Store) -> tuple[Actor, Actor, int]:
    """The administrator, a procurement officer (not an administrator) and the tender they created, in setup."""
    account = store.accounts.find("buyer")
    buyer = Actor(account.id, account.display_name)
    return admin_of(store), buyer, store.create_tender(buyer, "T", RUBRIC_TEXT, "example.yaml")


def to_stage(store: Store, admin: Actor, tender: int, stage: Stage) -> None:
    """Move an empty tender on to ``stage`` (the administrator takes the chair to close and finalise)."""
    if stage is Stage.SETUP:
        return
    store.give_role(admin, tender, "admin", Role.CHAIR)
    store.open_scoring(admin, tender)
    if stage in (Stage.REVIEW, Stage.FINAL):
        store.close_scoring(admin, tender)
    if stage is Stage.FINAL:
        store.finalise(admin, tender)


def tender_events(store: Store, tender: int) -> list[AuditEvent]:
    with store.db.read() as s:
        return list(s.execute(select(AuditEvent).where(AuditEvent.chain == audit.tender_chain(tender))
                              .order_by(AuditEvent.seq)).scalars())


# -- an invitation is checked again when it is redeemed

@pytest.mark.parametrize("stage, role, given", [
    (Stage.SCORING, Role.JUDGE, True),
    (Stage.REVIEW, Role.JUDGE, False),  # the panel no longer changes
    (Stage.REVIEW, Role.OBSERVER, True),  # roles other than a seat are still given in review
    (Stage.FINAL, Role.JUDGE, False),  # the reviewer's case: a seat added to a signed result
    (Stage.FINAL, Role.OBSERVER, False),  # nothing is given on a final tender
])
def test_an_invitation_gives_its_role_only_if_the_tender_s_stage_still_allows_it(store, stage, role, given):
    admin, buyer, tender = buyer_tender(store)
    code = store.accounts.invite(buyer, tender, role, judge_name="赵评委" if role is Role.JUDGE else None)
    to_stage(store, admin, tender, stage)
    version = store.version(admin, tender)
    if given:
        signed = store.accounts.redeem(code, "zhao", "赵评委", PASSWORD)
        assert store.roles(signed.actor, tender) == {role}
        assert store.version(admin, tender) == version + 1  # caches keyed by the version see the new member
        last = tender_events(store, tender)[-1]
        assert (last.actor, last.action, last.subject, last.detail) == ("采购员", "give_role", "zhao", "by invitation")
        return
    with pytest.raises(AccountRefused) as refused:
        store.accounts.redeem(code, "zhao", "赵评委", PASSWORD)
    assert (refused.value.field, refused.value.why) == ("code", "invitation_void")
    assert refused.value.facts == {"cause": "stage", "tender": tender, "stage": stage, "role": role, "inviter": "采购员"}
    assert f"tender {tender} is in the {stage.value} stage" in str(refused.value)
    assert store.accounts.find("zhao") is None and store.judges(admin, tender) == []
    assert store.version(admin, tender) == version
    with pytest.raises(StageRefused):  # and a new one is refused when it is made, not when it is redeemed
        store.accounts.invite(buyer, tender, role)


@pytest.mark.parametrize("lose", ["role taken back", "account switched off"])
def test_an_invitation_whose_maker_may_no_longer_give_roles_is_cancelled(store, lose):
    admin, buyer, tender = buyer_tender(store)
    code = store.accounts.invite(buyer, tender, Role.JUDGE, judge_name="赵评委")
    if lose == "role taken back":
        store.take_role(admin, tender, "buyer", Role.PROCUREMENT)
    else:
        store.accounts.set_active(admin, "buyer", False)
    version = store.version(admin, tender)
    with pytest.raises(AccountRefused) as refused:
        store.accounts.redeem(code, "zhao", "赵评委", PASSWORD)
    assert refused.value.facts["cause"] == "inviter"
    assert str(refused.value) == (f"code: this invitation can no longer be used: 采购员, who made it, may no longer give "
                                  f"roles on tender {tender}; it is cancelled: ask the tender's procurement officer "
                                  "for a new invitation")
    assert store.accounts.find("zhao") is None and store.version(admin, tender) == version
    with store.db.read() as s:
        last = s.execute(select(AuditEvent).where(AuditEvent.chain == audit.ACCOUNTS_CHAIN)
                         .order_by(AuditEvent.seq.desc())).scalars().first()
    assert (last.actor, last.action, last.old_value) == ("system", "cancel_invitation", "judge")
    if lose == "role taken back":
        store.give_role(admin, tender, "buyer", Role.PROCUREMENT)
    else:
        store.accounts.set_active(admin, "buyer", True)
    with pytest.raises(AccountRefused, match="was cancelled"):  # the right given back does not revive it
        store.accounts.redeem(code, "zhao", "赵评委", PASSWORD)


def test_a_mistake_of_the_person_redeeming_leaves_the_invitation_usable(store):
    admin, buyer, tender = buyer_tender(store)
    code = store.accounts.invite(buyer, tender, Role.JUDGE, judge_name="赵评委")
    with pytest.raises(AccountRefused, match="'buyer' is taken"):
        store.accounts.redeem(code, "buyer", "赵评委", PASSWORD)
    signed = store.accounts.redeem(code, "zhao", "赵评委", PASSWORD)
    assert store.my_seat(signed.actor, tender) == "赵评委"


def test_a_user_name_with_an_invisible_character_is_the_same_user_name(store):
    """A user name is filed and looked up as typed, invisible formatting characters dropped: 'wang' and a pasted
    'wang' followed by a zero-width space, which look alike on every screen, are one user name, not two accounts."""
    admin = admin_of(store)
    store.accounts.create_account(admin, "wang", "王评委", with_password=False)
    with pytest.raises(AccountRefused) as refused:
        store.accounts.create_account(admin, "wang\u200b", "王二", with_password=False)
    assert refused.value.why == "username_taken"
    assert store.accounts.find("\u200bwang").username == "wang"


@pytest.mark.parametrize("invited", [False, True])
@pytest.mark.parametrize("typed, filed", [("\ufeff 赵评委（一组）\u200b ", "赵评委（一组）"), ("\u200b", None), ("  ", None),
                                          ("\u2800", None)])  # (a braille blank shows nothing either)
def test_a_name_is_filed_as_typed_and_one_with_nothing_visible_is_refused(store, invited, typed, filed):
    """The name an account is shown by: trimmed, invisible characters dropped, otherwise as typed; nothing left of it
    is refused, whether the administrator makes the account or the person invited does."""
    admin, buyer, tender = buyer_tender(store)
    code = store.accounts.invite(buyer, tender, Role.OBSERVER)
    make = (lambda: store.accounts.redeem(code, "zhao", typed, PASSWORD).actor.name) if invited \
        else (lambda: store.accounts.create_account(admin, "zhao", typed, with_password=False)[0].display_name)
    if filed is None:
        with pytest.raises(AccountRefused, match="display_name: a name is needed") as refused:
            make()
        assert refused.value.why == "name_needed" and store.accounts.find("zhao") is None
    else:
        assert make() == filed == store.accounts.find("zhao").display_name


def test_an_invitation_made_before_inviters_were_kept_is_redeemed_only_when_its_maker_is_known(store):
    """Migration 0005 gives each invitation the account whose name it kept, when only one account has that name;
    one made by a name two accounts share stays without a maker, and redeeming it is refused, not guessed."""
    url = store.url
    admin, buyer, tender = buyer_tender(store)
    store.accounts.create_account(admin, "buyer2", "采购员二", with_password=False)
    with store.db.write() as s:  # the buyer's name, shown the same: as a database from before names were kept distinct
        s.execute(update(AccountRecord).where(AccountRecord.username == "buyer2").values(display_name="采购员"))
    codes = [store.accounts.invite(admin, tender, Role.OBSERVER), store.accounts.invite(buyer, tender, Role.OBSERVER)]
    with store.engine.connect() as connection:
        command.downgrade(_alembic_config(connection), "0004")
        connection.commit()
    store.engine.dispose()
    store = Store(url)  # upgraded again at start
    with store.db.read() as s:
        assert list(s.execute(select(InvitationRecord.created_by_id).order_by(InvitationRecord.id)).scalars()) \
            == [admin.account_id, None]
    assert store.roles(store.accounts.redeem(codes[0], "olga", "Olga", PASSWORD).actor, tender) == {Role.OBSERVER}
    with pytest.raises(AccountRefused) as refused:
        store.accounts.redeem(codes[1], "oleg", "Oleg", PASSWORD)
    assert refused.value.facts["cause"] == "inviter"


def test_names_shared_before_migration_0007_do_not_stop_it_and_stay_refused_to_others(store):
    """Migration 0007 keys each display name, oldest account first: a name an older account already has keeps no key
    (the upgrade does not fail on it), and a new account of that name is still refused."""
    admin = admin_of(store)
    store.accounts.create_account(admin, "wang", "王评委", with_password=False)
    store.accounts.create_account(admin, "w1", "王二", with_password=False)
    with store.engine.connect() as connection:
        command.downgrade(_alembic_config(connection), "0006")
        connection.execute(text("UPDATE account SET display_name = '王 评委' WHERE username = 'w1'"))  # as tester's j1, w1
        connection.commit()
    store.engine.dispose()
    store = Store(store.url)  # upgraded again at start
    with store.db.read() as s:
        keys = dict(s.execute(select(AccountRecord.username, AccountRecord.display_key)).all())
    assert (keys["wang"], keys["w1"]) == ("王评委", None)
    with pytest.raises(AccountRefused) as refused:
        store.accounts.create_account(admin, "w2", "王评委", with_password=False)
    assert refused.value.why == "display_name_taken"


# -- one account per user name, e-mail address and organisation sign-in

def test_an_e_mail_address_or_an_organisation_sign_in_belongs_to_one_account(store):
    admin = admin_of(store)
    wang, _ = store.accounts.create_account(admin, "wang", "王评委", email=" Wang@Example.org ", with_password=False)
    assert wang.email == "wang@example.org"
    with pytest.raises(AccountRefused) as refused:
        store.accounts.create_account(admin, "li", "李评委", email="WANG@example.ORG", with_password=False)
    assert (refused.value.field, refused.value.why, refused.value.facts) == (
        "email", "email_taken", {"email": "wang@example.org", "username": "wang"})
    assert store.accounts.find("li") is None
    store.accounts.create_account(admin, "li", "李评委", with_password=False)
    store.accounts.link_external(admin, "wang", "oidc|wang", "WANG@example.org")  # its own address: no clash
    with pytest.raises(AccountRefused, match="wang@example.org is already the e-mail address of wang"):
        store.accounts.link_external(admin, "li", email="Wang@example.org")
    with pytest.raises(AccountRefused, match="'oidc|wang' is already linked to wang"):
        store.accounts.link_external(admin, "li", subject="oidc|wang")
    assert store.accounts.find("li").email is None and store.accounts.find("li").external_subject is None


def test_an_address_two_older_accounts_share_refuses_an_organisation_sign_in_by_name(store):
    """Accounts made before addresses were kept unique may hold one address in two cases: the sign-in says so."""
    admin = admin_of(store)
    store.accounts.create_account(admin, "wang", "王评委", email="wang@example.org", with_password=False)
    store.accounts.create_account(admin, "wang2", "王评委二", with_password=False)
    with store.db.write() as s:
        s.execute(text("UPDATE account SET email = 'Wang@Example.org' WHERE username = 'wang2'"))
    with pytest.raises(SignInRefused) as refused:
        store.accounts.actor_for_external("oidc|42", "WANG@example.org")
    assert (refused.value.reason, refused.value.accounts) == ("email_shared", ("wang", "wang2"))
    assert "belongs to several accounts (wang, wang2)" in str(refused.value)


@pytest.fixture(scope="module")
def postgres(postgres_url, tmp_path_factory) -> str:
    """One new PostgreSQL database for this module's tests."""
    return fresh_postgres(postgres_url, tmp_path_factory.mktemp("accounts_pg"))


@pytest.mark.parametrize("first, second, field", [
    (("wang", "王评委", "wang@example.org"), ("wang", "王二", "li@example.org"), "username"),
    (("zhou", "周评委", "zhou@example.org"), ("li", "李评委", "Zhou@example.org"), "email"),  # in another case
    (("zhao", "赵评委", "zhao@example.org"), ("zhao2", "赵 评委", "zhao2@example.org"), "display_name"),  # P6-8
])
def test_two_administrators_making_one_account_at_once_get_one_account_and_a_refusal(postgres, first, second, field):
    """Both pass the check before either writes (each waits for the other at its clock, which the transaction reads
    after checking); the database refuses the second write and the store says why, never IntegrityError."""
    url = postgres
    plain = Store(url)
    admin = admin_of(plain)
    before = len(plain.accounts.accounts(admin))
    clock, armed = meeting_clock(timeout=5)
    stores = [Store(url, clock=clock), Store(url, clock=clock)]
    outcomes: list[object] = [None, None]

    def create(i: int, username: str, name: str, email: str) -> None:
        try:
            outcomes[i] = stores[i].accounts.create_account(admin, username, name, email=email,
                                                            with_password=False)[0].username
        except Exception as error:  # noqa: BLE001 - what each got is the test's subject
            outcomes[i] = error

    armed.set()
    threads = [threading.Thread(target=create, args=(0, *first)), threading.Thread(target=create, args=(1, *second))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    made = [o for o in outcomes if isinstance(o, str)]
    refused = [o for o in outcomes if not isinstance(o, str)]
    assert len(made) == 1 and len(refused) == 1, outcomes
    assert isinstance(refused[0], AccountRefused) and refused[0].field == field
    assert len(plain.accounts.accounts(admin)) == before + 1
    for each in (plain, *stores):
        each.engine.dispose()
