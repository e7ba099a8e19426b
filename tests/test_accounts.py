"""Accounts on a real SQLite file and a real PostgreSQL server: a user name, e-mail address or organisation sign-in
belongs to one account, told as a refusal even when two administrators make the same account at the same moment."""
from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest
from sqlalchemy import text

from bideval.accounts import AccountRefused, SignInRefused
from bideval.storage import Store
from conftest import admin_of, meeting_clock
from test_storage import fresh_postgres


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
    store.accounts.create_account(admin, "wang2", "王评委", with_password=False)
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
