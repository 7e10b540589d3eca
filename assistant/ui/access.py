"""Who may use the app and its admin tab.

- On a loopback address the app is open. The admin tab is open too, unless an admin password is
  set (``PANDU_UI__ADMIN_PASSWORD``): then the tab asks for it.
- On any other address the app refuses to start without an admin password, and with one the
  whole app sits behind Gradio's login (user ``settings.ui.username``).
"""

from __future__ import annotations

import hmac
import ipaddress
from dataclasses import dataclass

from assistant.settings import UISettings


class UnsafeHostError(RuntimeError):
    """Listening beyond loopback without a password."""


def is_loopback(host: str) -> bool:
    """True for ``localhost`` and loopback IP addresses (127.0.0.0/8, ::1)."""
    name = (host or "").strip().strip("[]").lower()
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True)
class AccessPolicy:
    app_auth: tuple[str, str] | None  # Gradio login for the whole app, or None
    admin_password: str | None  # asked by the admin tab itself, or None

    @property
    def admin_open(self) -> bool:
        """The admin tab needs no password of its own (open on loopback, or behind the app login)."""
        return self.admin_password is None

    def check_admin_password(self, candidate: str) -> bool:
        if self.admin_password is None:
            return True
        return hmac.compare_digest((candidate or "").encode(), self.admin_password.encode())


def access_policy(ui: UISettings, host: str | None = None) -> AccessPolicy:
    """The policy for listening on ``host`` (default ``ui.host``); raises ``UnsafeHostError``."""
    host = ui.host if host is None else host
    password = ui.admin_password.get_secret_value() if ui.admin_password else ""
    if is_loopback(host):
        return AccessPolicy(app_auth=None, admin_password=password or None)
    if not password:
        raise UnsafeHostError(
            f"refusing to listen on {host!r} without a password: set PANDU_UI__ADMIN_PASSWORD "
            "(the whole app then asks for it), or listen on 127.0.0.1"
        )
    return AccessPolicy(app_auth=(ui.username, password), admin_password=None)
