"""The case list sorted by 当事人 in pinyin order (explorer F7), through the service and from a database
upgraded by migration 0007."""

from __future__ import annotations

from collections.abc import Callable

import sqlalchemy as sa

from desktop_app.domain.collation import pinyin_sort_key
from desktop_app.services.actor import Actor
from desktop_app.services.cases.queries import CaseFilter, list_cases
from desktop_app.services.context import AppContext
from desktop_app.services.parties import PartyInput
from desktop_app.store.models import Case
from tests.workflow.conftest import Walker

NAMES = ["张伟", "安娜", "丁一", "万里", "单田芳", "沙宝亮"]
PINYIN_ORDER = ["安娜", "丁一", "沙宝亮", "单田芳", "万里", "张伟"]


def _id_number(serial: int) -> str:
    """A 居民身份证号码 with a valid check digit (GB 11643)."""
    body = f"14112119800101{serial:03d}"
    total = sum(int(d) * (2 ** (17 - i) % 11) for i, d in enumerate(body))
    return body + "10X98765432"[total % 11]


IDS = [_id_number(n) for n in range(11, 11 + len(NAMES))]


def _register_all(walker: Walker) -> None:
    for name, number in zip(NAMES, IDS, strict=True):
        walker.new(party=PartyInput("person", number, name, "文水县凤城镇", "13800000000"))


def test_the_list_sorts_parties_in_pinyin_order(demo: AppContext, walker: Walker,
                                                 who: Callable[[str], Actor]) -> None:
    _register_all(walker)
    rows = list_cases(demo, who("demo-leader"), CaseFilter(sort="party", descending=False)).rows
    assert [r.parties[0].name for r in rows] == PINYIN_ORDER
    rows = list_cases(demo, who("demo-leader"), CaseFilter(sort="party", descending=True)).rows
    assert [r.parties[0].name for r in rows] == PINYIN_ORDER[::-1]


def test_every_case_row_carries_its_key(demo: AppContext, walker: Walker) -> None:
    _register_all(walker)
    with demo.read() as s:
        keys = {n: k for n, k in s.execute(sa.select(Case.party_names, Case.party_sort_key))}
    assert keys == {name: pinyin_sort_key(name) for name in NAMES}


def test_migration_0007_gives_existing_cases_their_key(demo: AppContext, walker: Walker,
                                                       who: Callable[[str], Actor]) -> None:
    from desktop_app.store import migrate

    _register_all(walker)
    migrate.downgrade(demo.db, "0006")
    with demo.read() as s:
        columns = [c["name"] for c in sa.inspect(s.get_bind()).get_columns("enforcement_case")]
    assert "party_sort_key" not in columns
    migrate.upgrade(demo.db)
    rows = list_cases(demo, who("demo-leader"), CaseFilter(sort="party", descending=False)).rows
    assert [r.parties[0].name for r in rows] == PINYIN_ORDER
