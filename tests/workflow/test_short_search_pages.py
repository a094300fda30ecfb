"""The case list's search of 1-2 characters (UX.md, Search: the short fields only) on each of its paths:
every match found in the short fields' index and paged from that set (fewer than LARGE_SET matches), or
counted in that index and paged by walking the sort order (LARGE_SET or more — 「文水」, the prefix of
every 案号, is in most cases). Each path gives the rows, their order and the total that the list
without the search gives, filtered by the search — for every kind of user (an officer sees their own
cases only, an archive clerk the closed ones, an administrator none), every sort, page and offset."""

from __future__ import annotations

import string
from dataclasses import replace

import pytest
from sqlalchemy import select

from desktop_app.clock import Clock
from desktop_app.services.cases import queries
from desktop_app.services.cases.queries import CaseFilter, list_cases
from desktop_app.services.context import AppContext
from desktop_app.services.demo import create_demo
from desktop_app.services.users import resolve_actor
from desktop_app.store.models import Case

LOGINS = ["demo-leader", "demo-officer1", "demo-lead", "demo-clerk", "demo-admin"]
SORTS = [("registered_at", True), ("party", False), ("number", False), ("state", True)]
PAGES = [(0, None), (0, 4), (3, 5), (7, 100), (10_000, 10)]
_FOLD = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> AppContext:
    """A small demo data set, read only by these tests (module-scoped: generated once)."""
    from argon2 import PasswordHasher

    from desktop_app.services import users
    from desktop_app.services.bootstrap import open_context
    from tests.conftest import FIXED_NOW

    ctx = open_context(tmp_path_factory.mktemp("short") / "data", clock=Clock(FIXED_NOW))
    with pytest.MonkeyPatch.context() as m:  # cheap hashing, as tests/conftest does per test
        m.setattr(users, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
        create_demo(ctx, cases=40, seed=7)
    return ctx


def _short_fields(ctx: AppContext) -> dict[str, tuple[str, str, str]]:
    with ctx.read() as s:
        return {i: (n or "", p or "", d or "") for i, n, p, d in s.execute(
            select(Case.id, Case.number, Case.party_names, Case.party_identifiers))}


def _has(text: str, part: str) -> bool:
    """`text LIKE '%part%'`: SQLite's LIKE folds the case of ASCII letters only."""
    return part.translate(_FOLD) in text.translate(_FOLD)


def _matches(fields: tuple[str, str, str], query: str) -> bool:
    number, names, identifiers = fields
    query = query.strip()
    return _has(number, query) or _has(names, query) or _has(identifiers, query.upper())


def _queries(ctx: AppContext) -> list[str]:
    fields = _short_fields(ctx).values()
    number = next(n for n, _, _ in fields if n)
    name = next(p for _, p, _ in fields if len(p) >= 2)
    identifier = next(d for _, _, d in fields if any(c.isalpha() for c in d))
    letter = next(c for c in identifier if c.isalpha()).lower()  # identifiers are upper case
    return [number[:2], f" {number[:2]} ", name[:1], name[:2], number[-2:], "号", letter, "0", "%", "_",
            "无有"]


def _expected(ctx: AppContext, login: str, flt: CaseFilter) -> tuple[int, list[str]]:
    """The list without the search, filtered by the search in Python: the rows and the order the
    search must give."""
    actor = resolve_actor(ctx, login, via="cli")
    everything = list_cases(ctx, actor, replace(flt, search=None, offset=0, limit=None))
    fields = _short_fields(ctx)
    matching = [r.id for r in everything.rows if _matches(fields[r.id], flt.search or "")]
    end = None if flt.limit is None else flt.offset + flt.limit
    return len(matching), matching[flt.offset:end]


@pytest.mark.parametrize("large_set", [1, 3, 10**9], ids=["all-walked", "some-walked", "none-walked"])
@pytest.mark.parametrize("login", LOGINS)
def test_a_short_search_gives_the_rows_order_and_total_of_the_list_filtered(
        sample: AppContext, monkeypatch: pytest.MonkeyPatch, login: str, large_set: int) -> None:
    actor = resolve_actor(sample, login, via="cli")
    cases = [(q, sort, desc, offset, limit) for q in _queries(sample) for sort, desc in SORTS
             for offset, limit in PAGES]
    expected = {c: _expected(sample, login, CaseFilter(search=c[0], sort=c[1], descending=c[2], offset=c[3],
                                                        limit=c[4])) for c in cases}
    monkeypatch.setattr(queries, "LARGE_SET", large_set)
    for case in cases:
        query, sort, desc, offset, limit = case
        page = list_cases(sample, actor, CaseFilter(search=query, sort=sort, descending=desc, offset=offset,
                                                    limit=limit))
        assert page.short_search
        assert (page.total, [r.id for r in page.rows]) == expected[case], case


def test_the_data_has_small_and_large_matches(sample: AppContext) -> None:
    """The queries above cover each path: no match, fewer and more than 3 matches, every case."""
    leader = resolve_actor(sample, "demo-leader", via="cli")
    totals = {q: list_cases(sample, leader, CaseFilter(search=q)).total for q in _queries(sample)}
    assert 0 in totals.values() and any(0 < n < 3 for n in totals.values())
    assert any(n >= 20 for n in totals.values())
    officer = resolve_actor(sample, "demo-officer1", via="cli")
    mine = list_cases(sample, officer, CaseFilter(search=_queries(sample)[0]))
    assert 0 < mine.total < totals[_queries(sample)[0]]  # an officer's own cases only


@pytest.mark.parametrize("large_set", [1, 3, 10**9])
@pytest.mark.parametrize("login", ["demo-leader", "demo-officer1"])
def test_a_short_search_with_other_filters(sample: AppContext, monkeypatch: pytest.MonkeyPatch, login: str,
                                           large_set: int) -> None:
    """With a state, the overdue or the officer filter besides: the general count, the same rows."""
    actor = resolve_actor(sample, login, via="cli")
    with sample.read() as s:
        states = sorted(set(s.scalars(select(Case.state))))
    filters = [CaseFilter(search=q, state=st, limit=lim) for q in _queries(sample)[:4] for st in states[:3]
               for lim in (None, 2)]
    filters += [CaseFilter(search=q, overdue=True) for q in _queries(sample)[:4]]
    filters += [CaseFilter(search=q, officer="demo-officer2", offset=1, limit=3) for q in _queries(sample)[:4]]
    expected = [_expected(sample, login, f) for f in filters]
    monkeypatch.setattr(queries, "LARGE_SET", large_set)
    for flt, want in zip(filters, expected, strict=True):
        page = list_cases(sample, actor, flt)
        assert (page.total, [r.id for r in page.rows]) == want, flt
