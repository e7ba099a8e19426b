"""Who is signed in in this browser session, and how they stay signed in.

A local account signs in with its password (``Accounts.sign_in``); the session token it gets is kept in
``st.session_state`` for this browser tab, and in a cookie so that a page refresh — which opens a new Streamlit
session with empty state — finds it again. Streamlit cannot set a cookie from Python; a line of JavaScript
(``st.html(…, unsafe_allow_javascript=True)``) writes it in the browser, and ``st.context.cookies`` reads it
back on the refreshed page's first run. The token is never put in the page's address: an address is copied
into e-mails and chats and shown on projected screens, and a deep link (``/export?tender=2``) must not carry
anyone's session. Every run asks the database who the token belongs to, so a session that has expired, been
signed out or whose account was switched off ends there, with the reason shown on the sign-in page.

Where an OIDC provider is configured (``[auth]`` in ``.streamlit/secrets.toml``), Streamlit's ``st.login``
signs people in instead and ``Accounts.actor_for_external`` maps the identity to an account made by the
administrator (by the provider's subject, else by e-mail); nobody gets an account just by signing in there.
"""
from __future__ import annotations

import json
from urllib.parse import urlsplit
from datetime import datetime, timezone
from email.utils import format_datetime
from typing import Any, Mapping

import streamlit as st
from streamlit.errors import StreamlitSecretNotFoundError

from bideval.accounts import Accounts, SignedIn, SignInRefused
from bideval.rights import Actor

TOKEN = "signin_token"  # st.session_state: this tab's session token
NOTICE = "signin_notice"  # st.session_state: why this tab is on the sign-in page (a SignInRefused)
COOKIE = "bideval_session"  # the browser cookie that keeps the token across a refresh
_COOKIE_READ = "signin_cookie_read"  # the cookie of this session's first request is read once, never again
_COOKIE_WRITE = "signin_cookie_write"  # (token, expires) every run writes while signed in; ("", None) clears once
_EXTERNAL = "signin_external"  # (subject, actor) of an identity from st.login already mapped in this session


# -- pure pieces (tested without a browser or a provider)

def secrets_of(secrets: Any) -> Mapping[str, Any]:
    """``st.secrets`` as a plain mapping; empty when there is no secrets.toml."""
    try:
        return secrets.to_dict()
    except StreamlitSecretNotFoundError:
        return {}


def oidc_providers(secrets: Mapping[str, Any]) -> list[str | None]:
    """The OIDC providers ``[auth]`` configures: None for the single unnamed one (``client_id`` in ``[auth]``),
    then each named sub-section (``[auth.microsoft]``); empty when there is no ``[auth]`` with a client.

    >>> oidc_providers({}), oidc_providers({"auth": {"redirect_uri": "x", "cookie_secret": "y"}})
    ([], [])
    >>> oidc_providers({"auth": {"client_id": "a", "google": {"client_id": "b"}, "cookie_secret": "y"}})
    [None, 'google']
    """
    auth = secrets.get("auth")
    if not isinstance(auth, Mapping):
        return []
    providers: list[str | None] = [None] if auth.get("client_id") else []
    providers += sorted(name for name, section in auth.items()
                        if isinstance(section, Mapping) and section.get("client_id"))
    return providers


def external_identity(user: Mapping[str, Any]) -> tuple[str, str | None] | None:
    """(subject, e-mail) of the person ``st.user`` (or any mapping like it) says is signed in; None if nobody is.

    >>> external_identity({"is_logged_in": True, "sub": "1234", "email": "Wang@Example.org"})
    ('1234', 'Wang@Example.org')
    >>> external_identity({"is_logged_in": False}) is None
    True
    """
    if not user.get("is_logged_in"):
        return None
    subject, email = user.get("sub"), user.get("email")
    if not subject and not email:
        return None
    return str(subject or email), str(email) if email else None


def external_actor(accounts: Accounts, user: Mapping[str, Any]) -> Actor | None:
    """The account an external identity maps to (``Accounts.actor_for_external``); None when nobody is signed in
    there; SignInRefused (``unknown_identity``, ``inactive``) when no active account is mapped to it."""
    identity = external_identity(user)
    return None if identity is None else accounts.actor_for_external(*identity)


def cookie_script(value: str, expires: datetime | None) -> str:
    """The JavaScript that keeps the session token in a browser cookie until ``expires`` (UTC), or forgets it (None).

    The text depends only on the token and its expiry, so writing it on every run changes nothing on the page.

    >>> 'max-age=0' in cookie_script("", None)
    True
    >>> 'expires=Tue, 01 Dec 2026 08:00:00 GMT' in cookie_script("abc", datetime(2026, 12, 1, 8))
    True
    """
    lasts = "max-age=0" if expires is None else "expires=" + format_datetime(expires.replace(tzinfo=timezone.utc),
                                                                              usegmt=True)
    return ("<script>document.cookie = " + json.dumps(f"{COOKIE}={value}; path=/; {lasts}; SameSite=Strict")
            + " + (location.protocol === 'https:' ? '; Secure' : '');</script>")


# -- this browser session

def current(accounts: Accounts, secrets: Mapping[str, Any]) -> Actor | None:
    """The signed-in user of this session, or None (the sign-in page then shows :data:`NOTICE` when set).

    A token whose password must still be changed gives None but stays (the sign-in page asks for the change).
    """
    state = st.session_state
    if oidc_providers(secrets) and st.user.is_logged_in:
        user = st.user.to_dict()
        identity = external_identity(user)
        known = state.get(_EXTERNAL)
        if known is not None and identity is not None and known[0] == identity[0]:
            return known[1]
        try:
            who = external_actor(accounts, user)
        except SignInRefused as refused:
            state[NOTICE] = refused
            return None
        if who is not None and identity is not None:
            state[_EXTERNAL] = (identity[0], who)
        return who
    token = state.get(TOKEN)
    if token is None and not state.get(_COOKIE_READ):
        state[_COOKIE_READ] = True
        token = st.context.cookies.get(COOKIE)
        if isinstance(token, str) and token:
            state[TOKEN] = token
    if not isinstance(token, str) or not token:
        return None
    try:
        return accounts.actor(token)
    except SignInRefused as refused:
        if refused.reason == "must_change_password":
            return None
        forget_token()
        state[NOTICE] = refused
        return None


def must_change_password() -> bool:
    """Whether this session holds a token that waits for its first password change."""
    return bool(st.session_state.get(TOKEN))


def remember(signed: SignedIn) -> None:
    """Keep a new session's token for this tab, and in the browser until it expires."""
    st.session_state[TOKEN] = signed.token
    st.session_state[_COOKIE_READ] = True
    st.session_state.pop(NOTICE, None)
    st.session_state[_COOKIE_WRITE] = (signed.token, signed.expires_at)


def forget_token() -> None:
    """Drop this tab's token, and the browser's copy on the next full run."""
    st.session_state.pop(TOKEN, None)
    st.session_state.pop(_EXTERNAL, None)
    st.session_state[_COOKIE_READ] = True  # the first request's cookie is stale now: never read it again
    st.session_state[_COOKIE_WRITE] = ("", None)


def sign_out(accounts: Accounts) -> None:
    """End this tab's session in the database and in the browser (the provider's too when signed in there)."""
    token = st.session_state.get(TOKEN)
    if token:
        accounts.sign_out(token)
    forget_token()


def write_cookie() -> None:
    """Keep the browser's cookie on every run while signed in, or clear it once after signing out.

    Once would not do for keeping: a run that a rerun or a page switch cuts short (accepting an invitation is
    followed by both) may never reach the browser, and the next refresh would then sign the user out. The same
    element on every run is drawn once and left alone.
    """
    pending = st.session_state.get(_COOKIE_WRITE)
    if pending is None:
        return
    value, expires = pending
    if not value:
        del st.session_state[_COOKIE_WRITE]  # a stale cookie left behind is refused at the next refresh anyway
    st.html(cookie_script(value, expires), unsafe_allow_javascript=True, width="content")


def invite_link(page_url: str | None, base_path: str, code: str) -> str:
    """The link a judge opens to accept an invitation: the app's address with ``?invite=CODE``.

    >>> invite_link("http://evals.example.org:8501/admin", "", "abc")
    'http://evals.example.org:8501/?invite=abc'
    >>> invite_link("https://x.org/bideval/admin", "bideval", "abc"), invite_link(None, "", "abc")
    ('https://x.org/bideval/?invite=abc', '?invite=abc')
    """
    if not page_url:
        return f"?invite={code}"
    parts = urlsplit(page_url)
    base = base_path.strip("/")
    return f"{parts.scheme}://{parts.netloc}/{base + '/' if base else ''}?invite={code}"
