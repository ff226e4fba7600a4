"""Search as short index walks: one page of clients whose words start with the query's.

A prefix covers several words ("mar": martin, marchand, marseille...), and the index keeps
each word's clients in name order. Sorting every client of every such word to keep a page of
eight is what made search slow on large accounts (50 ms for "paris" at 100,000 clients).
Instead, the words under the prefix are listed by skipping through the index, and each word
gives only its first rows past the cursor, already in order; the page is the merge of those.
A prefix over very many words (a few digits of a phone number) matches few clients per word:
there the plain sort stays cheap and is kept.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sqlalchemy import bindparam, exists, func, literal, select, text, tuple_, union_all
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from lokisi.models import Client, ClientTerm
from lokisi.search_terms import prefix_range

# Up to this many words under the driving prefix, their walks are merged; beyond, one sort.
MAX_MERGED_WORDS = 24
WORD_BUCKETS = (1, 2, 4, 8, 16, MAX_MERGED_WORDS)
# Counting the rows of a prefix stops here: enough to tell a rare word from a common one.
COUNT_CAP = 5_000

_WORDS_UNDER_PREFIX = text(
    """
    WITH RECURSIVE words(term, n) AS (
        SELECT (
            SELECT term FROM client_terms
            WHERE account_id = :account AND term >= :low AND term < :high
            ORDER BY term LIMIT 1
        ), 1
        UNION ALL
        SELECT (
            SELECT c.term FROM client_terms c
            WHERE c.account_id = :account AND c.term > words.term AND c.term < :high
            ORDER BY c.term LIMIT 1
        ), words.n + 1
        FROM words WHERE words.term IS NOT NULL AND words.n <= :cap
    )
    SELECT term FROM words WHERE term IS NOT NULL
    """
)


@dataclass(frozen=True)
class Found:
    """The client ids of one page, in name order, and whether pages lie before and after."""

    ids: tuple[int, ...]
    has_previous: bool
    has_next: bool


async def matching(
    session: AsyncSession,
    account_id: int,
    prefixes: Sequence[str],
    *,
    after_id: int | None,
    before_id: int | None,
    limit: int,
) -> Found:
    """One keyset page of the clients having a word that starts with each prefix."""
    backwards = before_id is not None
    cursor_id = before_id if backwards else after_id
    params: dict[str, Any] = {"account": account_id}
    if cursor_id is not None:
        cursor_name = await session.scalar(
            select(Client.sort_name).where(Client.id == cursor_id, Client.account_id == account_id)
        )
        if cursor_name is not None:
            params.update(cursor_name=cursor_name, cursor_id=cursor_id)
    driving = await _most_selective(session, account_id, prefixes)
    others = [p for p in prefixes if p != driving]
    for index, prefix in enumerate(others):
        params[f"other_low_{index}"], params[f"other_high_{index}"] = prefix_range(prefix)
    low, high = prefix_range(driving)
    words = (
        await session.scalars(
            _WORDS_UNDER_PREFIX,
            {"account": account_id, "low": low, "high": high, "cap": MAX_MERGED_WORDS},
        )
    ).all()
    shape = (len(others), "cursor_id" in params, backwards, limit)
    if not words:
        rows: Sequence[Any] = []
    elif len(words) <= MAX_MERGED_WORDS:
        # A few statement sizes, not one per count of words: each size is compiled once.
        size = next(b for b in WORD_BUCKETS if b >= len(words))
        padded = [*words, *[words[-1]] * (size - len(words))]
        params.update((f"word_{i}", word) for i, word in enumerate(padded))
        rows = (await session.execute(_merged_walks(size, *shape), params)).all()
    else:
        params.update(low=low, high=high)
        rows = (await session.execute(_sorted_prefix(*shape), params)).all()
    more = len(rows) > limit
    ids = [row[1] for row in rows[:limit]]
    if backwards:
        ids.reverse()
    return Found(
        ids=tuple(ids),
        has_previous=more if backwards else cursor_id is not None,
        has_next=cursor_id is not None if backwards else more,
    )


async def _most_selective(session: AsyncSession, account_id: int, prefixes: Sequence[str]) -> str:
    """The prefix with the fewest rows drives the walk; the others only filter it."""
    if len(prefixes) == 1:
        return prefixes[0]
    params: dict[str, Any] = {"account": account_id}
    for index, prefix in enumerate(prefixes):
        params[f"low_{index}"], params[f"high_{index}"] = prefix_range(prefix)
    found = (await session.execute(_capped_counts(len(prefixes)), params)).one()
    # Among prefixes past the cap, the longest is the likeliest to be a rare word.
    ranked = zip(found, (-len(p) for p in prefixes), prefixes, strict=True)
    return min(ranked)[2]


# Statements are built once per shape (how many words, filters...) and cached: building
# them afresh took longer than running them. Values are bound parameters.


@lru_cache(maxsize=64)
def _capped_counts(prefix_count: int) -> Any:
    counts = []
    for index in range(prefix_count):
        capped = (
            select(literal(1))
            .where(
                ClientTerm.account_id == bindparam("account"),
                ClientTerm.term >= bindparam(f"low_{index}"),
                ClientTerm.term < bindparam(f"high_{index}"),
            )
            .limit(COUNT_CAP)
            .subquery()
        )
        counts.append(select(func.count()).select_from(capped).scalar_subquery())
    return select(*counts)


@lru_cache(maxsize=512)
def _merged_walks(
    word_count: int, other_count: int, has_cursor: bool, backwards: bool, limit: int
) -> Any:
    """Each word's first rows past the cursor (the index gives them in order, so LIMIT stops
    each walk early), merged into one page."""
    arms = []
    for index in range(word_count):
        term = aliased(ClientTerm)
        matches = term.term == bindparam(f"word_{index}")
        walk = _filtered(term, matches, other_count, _side(has_cursor, backwards))
        # A compound SELECT takes no ORDER BY / LIMIT in its arms: each arm is a subquery.
        arm = _in_page_order(walk, term, backwards).limit(limit + 1).subquery()
        arms.append(select(arm.c.sort_name, arm.c.client_id))
    merged = union_all(*arms).subquery()
    page = select(merged.c.sort_name, merged.c.client_id).distinct()
    return _in_page_order(page, merged.c, backwards).limit(limit + 1)


@lru_cache(maxsize=64)
def _sorted_prefix(other_count: int, has_cursor: bool, backwards: bool, limit: int) -> Any:
    """All rows of a prefix over very many words, sorted: each word holds few clients."""
    term = aliased(ClientTerm)
    in_range = (term.term >= bindparam("low")) & (term.term < bindparam("high"))
    walk = _filtered(term, in_range, other_count, _side(has_cursor, backwards)).distinct()
    return _in_page_order(walk, term, backwards).limit(limit + 1)


def _filtered(term: Any, matches_word: Any, other_count: int, cursor: str | None) -> Any:
    """Rows matching the word (or range), every other prefix, and past the cursor if any."""
    stmt = select(term.sort_name, term.client_id).where(
        term.account_id == bindparam("account"), matches_word
    )
    for index in range(other_count):
        other = aliased(ClientTerm)
        stmt = stmt.where(
            exists().where(
                other.client_id == term.client_id,
                other.term >= bindparam(f"other_low_{index}"),
                other.term < bindparam(f"other_high_{index}"),
            )
        )
    if cursor is not None:
        position = tuple_(term.sort_name, term.client_id)
        bound = tuple_(bindparam("cursor_name"), bindparam("cursor_id"))
        stmt = stmt.where(position < bound if cursor == "before" else position > bound)
    return stmt


def _side(has_cursor: bool, backwards: bool) -> str | None:
    if not has_cursor:
        return None
    return "before" if backwards else "after"


def _in_page_order(stmt: Any, columns: Any, backwards: bool) -> Any:
    if backwards:
        return stmt.order_by(columns.sort_name.desc(), columns.client_id.desc())
    return stmt.order_by(columns.sort_name, columns.client_id)
