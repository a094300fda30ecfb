"""Shared fixtures: a fresh data directory per test, offscreen Qt, a fixed clock."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Tests never touch a real user's data directory or act as a user from the environment.
os.environ.pop("ENFORCEMENT_DESK_HOME", None)
os.environ.pop("ENFORCEMENT_DESK_USER", None)
os.environ.pop("ENFORCEMENT_DESK_NOW", None)

from desktop_app.clock import SHANGHAI, Clock
from desktop_app.services.actor import Actor
from desktop_app.services.bootstrap import open_context
from desktop_app.services.context import AppContext

FIXED_NOW = datetime(2026, 11, 23, 10, 0, tzinfo=SHANGHAI)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def clock() -> Clock:
    return Clock(FIXED_NOW)


@pytest.fixture
def ctx(data_dir: Path, clock: Clock) -> Iterator[AppContext]:
    """An opened, migrated data directory with nothing in it yet."""
    context = open_context(data_dir, clock=clock)
    yield context
    context.db.dispose()


@pytest.fixture
def system() -> Actor:
    return Actor.system("cli")


@pytest.fixture
def admin(ctx: AppContext, system: Actor) -> Actor:
    """A real admin user (without running init)."""
    from desktop_app.services.users import add_user, resolve_actor

    add_user(ctx, system, "admin", name="管理员", roles="admin", password="admin-pass-1",
             must_change_password=False)
    return resolve_actor(ctx, "admin", via="cli")


@pytest.fixture(autouse=True)
def _cheap_password_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    """argon2id with the real cost (64 MiB, ~0.2 s) would dominate the suite's time; tests check the
    behaviour, not the cost. The shipped parameters are asserted in test_users."""
    from argon2 import PasswordHasher

    from desktop_app.services import users

    monkeypatch.setattr(users, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
