"""`pandu user ...`: the accounts of the web app, a thin shell over ``assistant.accounts``."""

from __future__ import annotations

import sys
from enum import Enum
from typing import Annotated

import typer

users_app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Accounts of the web app: readers use chat and library, admins also the admin tab.",
)


class Role(str, Enum):
    reader = "reader"
    admin = "admin"


PasswordStdin = Annotated[
    bool, typer.Option("--password-stdin", help="Read the password from the first line of standard input.")
]


def _store():
    from assistant.accounts import AccountStore
    from assistant.settings import get_settings

    return AccountStore.for_settings(get_settings())


def _refuse(exc: ValueError) -> None:
    typer.secho(str(exc), fg="red", err=True)
    raise typer.Exit(2)


def _password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    return typer.prompt("Password", hide_input=True, confirmation_prompt=True)


@users_app.command("add")
def add(
    name: Annotated[str, typer.Argument(help="Username: letters, digits, '.', '_', '-', '@'.")],
    role: Annotated[Role, typer.Option(help="reader: chat and library; admin: also the admin tab.")] = Role.reader,
    password_stdin: PasswordStdin = False,
) -> None:
    """Create an account (the first one must be an admin)."""
    store = _store()
    try:
        username = store.check_username(name)
        if store.get(username) is not None:  # said before the password is asked for
            raise ValueError(f"user {username!r} exists already")
        user = store.add(username, _password(password_stdin), role.value)
    except ValueError as exc:
        _refuse(exc)
    typer.echo(f"added {user.username} ({user.role})")


@users_app.command("remove")
def remove(name: Annotated[str, typer.Argument(help="Username.")]) -> None:
    """Delete an account (not the last admin)."""
    try:
        _store().remove(name)
    except ValueError as exc:
        _refuse(exc)
    typer.echo(f"removed {name.strip().lower()}")


@users_app.command("passwd")
def passwd(name: Annotated[str, typer.Argument(help="Username.")], password_stdin: PasswordStdin = False) -> None:
    """Set a new password (this also lifts a lock after failed logins)."""
    store = _store()
    try:
        if store.get(name) is None:
            raise ValueError(f"no user {name.strip().lower()!r}")
        store.set_password(name, _password(password_stdin))
    except ValueError as exc:
        _refuse(exc)
    typer.echo(f"password of {name.strip().lower()} changed")


@users_app.command("role")
def role(name: Annotated[str, typer.Argument(help="Username.")], new_role: Annotated[Role, typer.Argument(metavar="ROLE")]) -> None:
    """Make an account a reader or an admin (the last admin stays one)."""
    try:
        _store().set_role(name, new_role.value)
    except ValueError as exc:
        _refuse(exc)
    typer.echo(f"{name.strip().lower()} is now {new_role.value}")


@users_app.command("list")
def list_users() -> None:
    """The accounts, with role and creation date (never a password hash)."""
    store = _store()
    users = store.users()
    if not users:
        typer.echo(f"no accounts in {store.path}")
        return
    for user in users:
        typer.echo(f"{user.username:32} {user.role:7} {user.created_at}")
