"""Query-planner hints that stay valid SQL on every database the store supports.

`unindexed(column)` renders as `+column` on SQLite — the documented way to keep its planner from
using an index on that column (the unary + changes no value) — and as the plain column elsewhere.
The case list needs it for a page of a large filtered set (an officer's 45,000 cases, every overdue
case): SQLite would otherwise start from the set, read every row of it and sort them all, where
walking the sort column's index and stopping after one page is a hundred times cheaper."""

from __future__ import annotations

from typing import Any, TypeVar

from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import QueryableAttribute
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.sql.visitors import InternalTraversal

T = TypeVar("T")


class Unindexed(ColumnElement[T]):
    """The column's value, which the planner may not look up through an index."""

    inherit_cache = True
    _traverse_internals = [("element", InternalTraversal.dp_clauseelement)]

    def __init__(self, element: ColumnElement[T]) -> None:
        self.element = element
        self.type = element.type


def unindexed(column: ColumnElement[T] | QueryableAttribute[T]) -> ColumnElement[T]:
    return Unindexed(column.__clause_element__() if isinstance(column, QueryableAttribute) else column)


@compiles(Unindexed)
def _plain(element: Unindexed[Any], compiler: SQLCompiler, **kw: Any) -> str:
    return compiler.process(element.element, **kw)


@compiles(Unindexed, "sqlite")
def _sqlite(element: Unindexed[Any], compiler: SQLCompiler, **kw: Any) -> str:
    return "+" + compiler.process(element.element, **kw)
