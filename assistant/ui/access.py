"""Who may use the app and its admin tab.

- With accounts (``pandu user add``; ``assistant/accounts.py``) the whole app sits behind
  Gradio's login, on any address. Logins go through the throttled ``AccountStore.authenticate``;
  the admin tab and its actions are for accounts with the role ``admin``, checked on the server
  for each action.
- Without accounts, on a loopback address, the app is open. The admin tab is open too, unless an
  admin password is set (``PANDU_UI__ADMIN_PASSWORD``): then the tab asks for it, and wrong
  passwords are throttled like logins (under the key ``ADMIN_PASSWORD_KEY``).
- Without accounts, on any other address, the app refuses to start.

Accounts are looked up when the app starts: after adding the first one, restart the app.
"""

from __future__ import annotations

import asyncio
import hmac
import ipaddress
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from assistant.accounts import AccountStore
from assistant.login_throttle import LoginThrottle
from assistant.settings import Settings

log = logging.getLogger(__name__)

#: The throttle's key for the admin password of an app without accounts (never a valid username).
ADMIN_PASSWORD_KEY = "<admin password>"


class UnsafeHostError(RuntimeError):
    """Listening beyond loopback without accounts."""


def is_loopback(host: str) -> bool:
    """True for ``localhost`` and loopback IP addresses (127.0.0.0/8, ::1)."""
    name = (host or "").strip().strip("[]").lower()
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def login_check(accounts: AccountStore) -> Callable[[str, str], Awaitable[bool]]:
    """The ``auth`` callable for Gradio: the throttled ``authenticate``, run in a worker thread so
    that the bcrypt work does not hold up the server's event loop."""

    async def check(username: str, password: str) -> bool:
        user = await asyncio.to_thread(accounts.authenticate, username, password)
        if user is not None:
            log.info("login: %r (%s)", user.username, user.role)
        return user is not None

    return check


@dataclass(frozen=True)
class AccessPolicy:
    app_auth: Any  # Gradio's ``auth`` for the whole app (a callable, or Gradio's (user, password) form), or None
    admin_password: str | None  # asked by the admin tab itself, or None
    accounts: AccountStore | None = None  # the user store, when the app has accounts
    throttle: LoginThrottle | None = None  # brakes on wrong admin passwords

    @property
    def admin_open(self) -> bool:
        """Every session may use the admin tab: no accounts and no admin password."""
        return self.accounts is None and self.admin_password is None

    def is_admin(self, username: str | None) -> bool:
        """Whether the logged-in ``username`` may use the admin tab now; without accounts the
        rights of a session come from ``admin_open`` and the admin password alone."""
        if self.accounts is None:
            return True
        return self.accounts.is_admin(username)

    def check_admin_password(self, candidate: str) -> bool:
        """The admin tab's own password. With accounts there is none (the role decides)."""
        if self.accounts is not None:
            return False
        if self.admin_password is None:
            return True
        expected = self.admin_password.encode()

        def check() -> bool:
            return hmac.compare_digest((candidate or "").encode(), expected)

        if self.throttle is None:
            return check()
        return bool(self.throttle.attempt(ADMIN_PASSWORD_KEY, check, what="admin password"))


def access_policy(settings: Settings, host: str | None = None) -> AccessPolicy:
    """The policy for listening on ``host`` (default ``settings.ui.host``); raises
    ``UnsafeHostError``. Reading the accounts never creates their file."""
    ui = settings.ui
    host = ui.host if host is None else host
    password = ui.admin_password.get_secret_value() if ui.admin_password else ""
    accounts = AccountStore.for_settings(settings)
    if accounts.has_users():
        if password:
            log.info("accounts exist: PANDU_UI__ADMIN_PASSWORD is not used")
        return AccessPolicy(app_auth=login_check(accounts), admin_password=None, accounts=accounts,
                            throttle=accounts.throttle)
    if is_loopback(host):
        return AccessPolicy(app_auth=None, admin_password=password or None, throttle=accounts.throttle)
    raise UnsafeHostError(
        f"refusing to listen on {host!r} without accounts: create an admin with "
        "`pandu user add NAME --role admin` (the whole app then asks for a login), "
        "or listen on 127.0.0.1"
    )
