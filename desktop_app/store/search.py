"""Full-text search over cases (UX.md, "Search"): an SQLite FTS5 index with the `trigram` tokenizer over
the case number, party names and identifiers, place and facts, so that a query of 3 characters or
more (Chinese has no spaces to split words on) finds any substring through the index instead of
scanning every row with LIKE.

Not an Alembic migration: `ensure_case_search` creates the virtual table, a rowid map and the
triggers idempotently at start (SQLite only; other databases keep LIKE), and rebuilds the index when
it does not cover every case (a database restored or upgraded without the triggers). The tables are
not in the models' metadata; the migration test leaves them out of its comparison (SEARCH_TABLES).

FTS5 rows need integer rowids and cases have UUIDs, so `case_search_map` gives each case a stable
INTEGER PRIMARY KEY (an implicit SQLite rowid may change on VACUUM)."""

from __future__ import annotations

import logging
import threading
from typing import Any

from sqlalchemy import (
    Column,
    Connection,
    Engine,
    Integer,
    MetaData,
    Select,
    String,
    Table,
    func,
    select,
    text,
)

logger = logging.getLogger(__name__)

MIN_QUERY = 3  # a trigram index matches substrings of 3 characters or more

# The databases (by URL) whose index `ensure_case_search` built or checked in this process: only those
# are searched through it (the triggers then keep it in step, in this program and in any other).
_ready: set[str] = set()
_ready_lock = threading.Lock()

search_metadata = MetaData()  # deliberately not the models' Base.metadata
case_search_map = Table(
    "case_search_map", search_metadata,
    Column("rowid", Integer, primary_key=True),
    Column("case_id", String(36), nullable=False, unique=True),
)

# The virtual table, its FTS5 shadow tables and the map: never compared with the models.
SEARCH_TABLES = frozenset({
    "case_search", "case_search_data", "case_search_idx", "case_search_content", "case_search_docsize",
    "case_search_config", "case_search_map",
})

_COLUMNS = "number, parties, identifiers, place, facts"
_VALUES = ("coalesce(new.number, ''), coalesce(new.party_names, ''), coalesce(new.party_identifiers, ''), "
           "coalesce(new.place, ''), coalesce(new.facts, '')")
_DDL = (
    "CREATE TABLE IF NOT EXISTS case_search_map (rowid INTEGER PRIMARY KEY, case_id VARCHAR(36) NOT NULL UNIQUE)",
    f"CREATE VIRTUAL TABLE IF NOT EXISTS case_search USING fts5({_COLUMNS}, tokenize = 'trigram')",
    f"""CREATE TRIGGER IF NOT EXISTS case_search_insert AFTER INSERT ON enforcement_case BEGIN
        INSERT OR IGNORE INTO case_search_map (case_id) VALUES (new.id);
        INSERT INTO case_search (rowid, {_COLUMNS})
            VALUES ((SELECT rowid FROM case_search_map WHERE case_id = new.id), {_VALUES});
    END""",
    f"""CREATE TRIGGER IF NOT EXISTS case_search_update
        AFTER UPDATE OF number, party_names, party_identifiers, place, facts ON enforcement_case BEGIN
        DELETE FROM case_search WHERE rowid = (SELECT rowid FROM case_search_map WHERE case_id = old.id);
        INSERT INTO case_search (rowid, {_COLUMNS})
            VALUES ((SELECT rowid FROM case_search_map WHERE case_id = new.id), {_VALUES});
    END""",
    """CREATE TRIGGER IF NOT EXISTS case_search_delete AFTER DELETE ON enforcement_case BEGIN
        DELETE FROM case_search WHERE rowid = (SELECT rowid FROM case_search_map WHERE case_id = old.id);
        DELETE FROM case_search_map WHERE case_id = old.id;
    END""",
)


def available(engine: Engine) -> bool:
    """SQLite with FTS5 and its trigram tokenizer (SQLite 3.34 or newer)."""
    if engine.dialect.name != "sqlite":
        return False
    with engine.connect() as conn:
        try:
            conn.exec_driver_sql("CREATE VIRTUAL TABLE temp.fts_probe USING fts5(x, tokenize = 'trigram')")
            conn.exec_driver_sql("DROP TABLE temp.fts_probe")
        except Exception:
            return False
        finally:
            conn.rollback()
    return True


def ensure_case_search(engine: Engine) -> bool:
    """Create the index and its triggers if missing, and fill it when it does not cover every case.
    Returns whether the index is usable. Idempotent; quick when nothing is to be done."""
    if not available(engine):
        logger.info("full-text search unavailable (not SQLite with FTS5 trigram): LIKE is used")
        return False
    # write=True: BEGIN IMMEDIATE (store.database), so a second program starting at once waits
    with engine.execution_options(write=True).begin() as conn:
        for statement in _DDL:
            conn.exec_driver_sql(statement)
        cases = conn.exec_driver_sql("SELECT count(*) FROM enforcement_case").scalar() or 0
        mapped = conn.exec_driver_sql("SELECT count(*) FROM case_search_map").scalar() or 0
        indexed = conn.exec_driver_sql("SELECT count(*) FROM case_search").scalar() or 0
        if cases != mapped or cases != indexed:
            logger.info("rebuilding the case search index (%d cases, %d indexed)", cases, indexed)
            conn.exec_driver_sql("DELETE FROM case_search")
            conn.exec_driver_sql("DELETE FROM case_search_map")
            conn.exec_driver_sql("INSERT INTO case_search_map (case_id) SELECT id FROM enforcement_case")
            conn.exec_driver_sql(
                f"INSERT INTO case_search (rowid, {_COLUMNS}) SELECT m.rowid, coalesce(c.number, ''), "
                "coalesce(c.party_names, ''), coalesce(c.party_identifiers, ''), coalesce(c.place, ''), "
                "coalesce(c.facts, '') FROM case_search_map m JOIN enforcement_case c ON c.id = m.case_id")
    with _ready_lock:
        _ready.add(str(engine.url))
    return True


def search_ready(bind: Engine | Connection) -> bool:
    """Whether `case_ids_matching` may be used on this database (else the services use LIKE)."""
    with _ready_lock:
        return str(bind.engine.url) in _ready


def match_expression(query: str) -> str:
    """The query as one FTS5 phrase (quotes doubled): any substring of 3+ characters, never syntax."""
    return '"' + query.strip().replace('"', '""') + '"'


def case_ids_matching(query: str) -> Select[tuple[str]]:
    """The ids of cases whose number, parties, identifiers, place or facts contain `query` (3 or more
    characters), for `Case.id.in_(...)` in the services' list query."""
    rowids = select(text("rowid")).select_from(text("case_search")).where(
        text("case_search MATCH :fts_query").bindparams(fts_query=match_expression(query)))
    return select(case_search_map.c.case_id).where(case_search_map.c.rowid.in_(rowids))


def case_count_matching(query: str) -> Select[Any]:
    """How many cases `case_ids_matching(query)` finds, from the index alone (each case is one row of
    it): the total of a search that nothing else filters, without reading the cases."""
    return select(func.count()).select_from(text("case_search")).where(
        text("case_search MATCH :fts_query").bindparams(fts_query=match_expression(query)))
