"""Search as short index walks: one page of clients whose words start with the query's.

A prefix covers several words ("mar": martin, marchand, marseille...), and the index keeps
each word's clients in name order. Sorting every client of every such word to keep a page of
eight is what made search slow on large accounts (50 ms for "paris" at 100,000 clients).
Instead, the words under the prefix are listed by skipping through the index, and each word
is walked in index order from the cursor; the page is the merge of those walks. A prefix over
very many words (a few digits of a phone number) matches few clients per word: there the
plain sort stays cheap and is kept.

A query of several words ("pierre francois", "plom dup") walks the rarest prefix and checks
each of its clients for the other words. That is cheap when many of them match; when few do
(two common words that seldom meet), the walk reads every client of the rarest prefix, each
check a random read of the index: 3-4 ms for 2,500 clients at 100,000. On SQLite, the two
rarest prefixes are intersected instead when their words are few or their rows known to be
few, and only the clients having both are checked for the other words: a name and a town of
three words ("giraud aix en provence") took 1.7 ms as a walk, 0.4 ms so.

Both rest on how SQLite runs a compound SELECT whose ORDER BY its arms' index already gives
(UNION, INTERSECT): as a merge of the arms' rows, read in order, which stops at the page's
end. Reading a row there costs a twentieth of a random read. PostgreSQL reads every row of
a compound's arms (to hash or sort them), so there each word's walk is limited to a page of
its own and the walks are merged after, as before. There, a walk checks the other words in
a hash of their clients, read once, when they are counted few (`_hashed_count`): probing
each client's words by key costs eight times as much per client.

Statements are SQL text built once per shape (how many words, which cursor...) and cached:
building and compiling them with SQLAlchemy's expression language took longer than running
them (20 ms for a new shape). Every value is a bound parameter, and every table and column
is named as the model names it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any, cast

from sqlalchemy import Table, TextClause, text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from lokisi.db import fetch_rows
from lokisi.errors import NotAMember
from lokisi.models import Client, ClientTerm, Member
from lokisi.search_terms import prefix_range

# Up to this many words under the driving prefix, their walks are merged; beyond, one sort.
MAX_MERGED_WORDS = 24
# Statements for a few counts of words, not one per count: a missing word is bound as NULL,
# which matches nothing and costs one index probe.
WORD_BUCKETS = (1, 2, 3, 4, 6, 8, 12, 16, MAX_MERGED_WORDS)
# Counting the rows of a prefix stops here: enough to tell a rare word from a common one,
# and to tell whether merging two prefixes is cheap.
COUNT_CAP = 3_000
# With three prefixes or more, counts only choose the walk's driver: a rare word is found
# by counting much less.
DRIVER_COUNT_CAP = 1_000
# Intersecting two prefixes merges every word of one with every word of the other.
MAX_PAIRS = 16
# Up to this many pairs of words, the merge is always chosen: it reads at most the rows of the
# words once per pair, about what counting them to choose would read.
SMALL_PAIRS = 4
# A check of the other words costs about as much as this many rows read by a merge (1.5 µs
# against 0.075 µs on SQLite with the index in the OS's cache).
PROBE_COST_IN_ROWS = 20
# A walk usually stops long before the end of its prefix: the merge must cost this many
# times less than a walk through every client of the rarest prefix to be worth it...
WALK_DISCOUNT = 4
# ...unless it reads so few rows that it can never be slow (about a millisecond).
CHEAP_MERGE_ROWS = 12_000
# PostgreSQL: checking a client for another prefix by its key (three index pages) costs
# about as much as reading this many of that prefix's rows into a hash table once (4 µs
# against 0.5 µs at 100,000 clients).
PROBE_COST_IN_HASHED_ROWS = 8

# The names the statements' text uses, from the model: a rename there reaches them.
_TERMS_TABLE = cast(Table, ClientTerm.__table__)
TERMS = _TERMS_TABLE.name
TERM = _TERMS_TABLE.c.term.name
CLIENT_ID = _TERMS_TABLE.c.client_id.name
ACCOUNT = _TERMS_TABLE.c.account_id.name
SORT_NAME = _TERMS_TABLE.c.sort_name.name
_CLIENTS_TABLE = cast(Table, Client.__table__)
CLIENTS = _CLIENTS_TABLE.name
CLIENT_KEY = _CLIENTS_TABLE.c.id.name
CLIENT_ACCOUNT = _CLIENTS_TABLE.c.account_id.name
CLIENT_SORT_NAME = _CLIENTS_TABLE.c.sort_name.name
_MEMBERS_TABLE = cast(Table, Member.__table__)
MEMBERS = _MEMBERS_TABLE.name
MEMBER_KEY = _MEMBERS_TABLE.c.id.name
MEMBER_ACCOUNT = _MEMBERS_TABLE.c.account_id.name
# Rows of the stats statement that are not a prefix's (their "prefix" column).
_CURSOR_ROW = -1
_MEMBER_ROW = -2

_ASCENDING = ("", ">")
_DESCENDING = (" DESC", "<")


@dataclass(frozen=True)
class Found:
    """The client ids of one page, in name order, and whether pages lie before and after."""

    ids: tuple[int, ...]
    has_previous: bool
    has_next: bool
    # The prefixes that start no word of the account (and so nothing was found).
    unknown: tuple[str, ...] = ()

    def page(self, *, after_id: int | None, before_id: int | None, limit: int) -> Found | None:
        """The page past a cursor (or the first one), cut from the ids of a walk from the
        start; None when the walk does not reach it: a cursor not among its ids, or a page
        going past its last id while more lie beyond."""
        cursor = before_id if before_id is not None else after_id
        if cursor is None:
            return replace(
                self, ids=self.ids[:limit], has_next=self.has_next or len(self.ids) > limit
            )
        if cursor not in self.ids:
            return None
        at = self.ids.index(cursor)
        if before_id is not None:
            start = max(0, at - limit)
            return replace(self, ids=self.ids[start:at], has_previous=start > 0, has_next=True)
        end = at + 1 + limit
        if end > len(self.ids) and self.has_next:
            return None
        return replace(
            self,
            ids=self.ids[at + 1 : end],
            has_previous=True,
            has_next=end < len(self.ids) or self.has_next,
        )


@dataclass(frozen=True)
class _Prefix:
    text: str
    # Up to MAX_MERGED_WORDS + 1 of the words it covers: more means "very many".
    words: tuple[str, ...]
    # How many rows of the index it covers, up to a cap; None when not counted (see
    # `_stats_statement`).
    rows: int | None


async def matching(
    executor: AsyncSession | AsyncConnection,
    account_id: int,
    prefixes: Sequence[str],
    *,
    after_id: int | None,
    before_id: int | None,
    limit: int,
    member_id: int | None = None,
) -> Found:
    """One keyset page of the clients having a word that starts with each prefix. With
    `member_id`, its first statement checks that the member still belongs to the account
    (NotAMember otherwise): the actor's check of lokisi.services.actors, without a round
    trip of its own."""
    backwards = before_id is not None
    cursor_id = before_id if backwards else after_id
    stats, cursor_name = await _prefix_stats(executor, account_id, prefixes, cursor_id, member_id)
    params: dict[str, Any] = {"account": account_id, "more": limit + 1}
    side = None
    if cursor_name is not None:
        params.update(cursor_name=cursor_name, cursor_id=cursor_id)
        side = _DESCENDING if backwards else _ASCENDING
    unknown = tuple(prefix.text for prefix in stats if not prefix.words)
    if unknown:
        rows: Sequence[Any] = []
    else:
        rows = await fetch_rows(executor, _plan(executor, stats, side, params), params)
    more = len(rows) > limit
    ids = [row[1] for row in rows[:limit]]
    if backwards:
        ids.reverse()
    return Found(
        ids=tuple(ids),
        has_previous=more if backwards else cursor_id is not None,
        has_next=cursor_id is not None if backwards else more,
        unknown=unknown,
    )


async def counted(
    executor: AsyncSession | AsyncConnection,
    account_id: int,
    prefixes: Sequence[str],
    *,
    cap: int,
    member_id: int | None = None,
) -> Found | None:
    """The first `cap` clients of a search, to count them, made only for one prefix: None
    otherwise, having run no statement (so not checked `member_id`: see `matching`). The
    clients of several words are found by checking each client of one for the others, or by
    intersecting their words: a page stops soon, but counting several pages' worth of clients
    whose words seldom meet read all of them (10-30 ms for "martin le h" or "martin pari" at
    100,000, against 1-2 ms for a page)."""
    if len(prefixes) > 1:
        return None
    return await matching(
        executor,
        account_id,
        prefixes,
        after_id=None,
        before_id=None,
        limit=cap,
        member_id=member_id,
    )


async def _prefix_stats(
    executor: AsyncSession | AsyncConnection,
    account_id: int,
    prefixes: Sequence[str],
    cursor_id: int | None,
    member_id: int | None,
) -> tuple[list[_Prefix], str | None]:
    """The words under each prefix, their rows counted when there are several prefixes, the
    cursor's sort name, and whether the member belongs to the account: one statement."""
    params: dict[str, Any] = {
        "account": account_id,
        "max_words": MAX_MERGED_WORDS,
        "cap": _count_cap(len(prefixes)),
        "pairs": SMALL_PAIRS,
    }
    for index, prefix in enumerate(prefixes):
        params[f"low_{index}"], params[f"high_{index}"] = prefix_range(prefix)
    if cursor_id is not None:
        params["cursor_id"] = cursor_id
    if member_id is not None:
        params["member_id"] = member_id
    statement = _stats_statement(
        len(prefixes), _dialect(executor) == "sqlite", cursor_id is not None, member_id is not None
    )
    words: list[list[str]] = [[] for _ in prefixes]
    rows: list[int | None] = [None] * len(prefixes)
    cursor_name: str | None = None
    is_member = False
    for row in await fetch_rows(executor, statement, params):
        index, term, found = row[0], row[1], row[2]
        if index == _MEMBER_ROW:
            is_member = True
        elif index == _CURSOR_ROW:
            cursor_name = term
        elif found is not None:
            rows[index] = found
        else:
            words[index].append(term)
    if member_id is not None and not is_member:
        raise NotAMember()
    stats = [
        _Prefix(text=prefix, words=tuple(words[i]), rows=rows[i])
        for i, prefix in enumerate(prefixes)
    ]
    return stats, cursor_name


def _plan(
    executor: AsyncSession | AsyncConnection,
    prefixes: list[_Prefix],
    side: tuple[str, str] | None,
    params: dict[str, Any],
) -> TextClause:
    """The statement for this query's page; fills in its parameters."""
    sqlite = _dialect(executor) == "sqlite"
    # The rarest prefix drives the walk; among prefixes past the cap, the longest is the
    # likeliest to be a rare word.
    by_rarity = sorted(prefixes, key=lambda p: (p.rows or 0, -len(p.text), p.text))
    if len(prefixes) >= 2 and sqlite:
        pairs = _pairs_to_merge(by_rarity[0], by_rarity[1], _count_cap(len(prefixes)))
        if pairs:
            size = _bucket(len(pairs), MAX_PAIRS)
            padded: list[tuple[str | None, str | None]] = [*pairs]
            padded += [(None, None)] * (size - len(pairs))
            for index, (left, right) in enumerate(padded):
                params[f"left_{index}"], params[f"right_{index}"] = left, right
            _bind_others(by_rarity[2:], params)
            return _merged_pairs(size, len(prefixes) - 2, side)
    driving = by_rarity[0]
    # The rarest first: a client without it is passed over at the first check.
    others = by_rarity[1:]
    _bind_others(others, params)
    hashed = 0 if sqlite else _hashed_count(driving, others, _count_cap(len(prefixes)))
    if len(driving.words) > MAX_MERGED_WORDS:
        params["low"], params["high"] = prefix_range(driving.text)
        return _sorted_prefix(len(others), side, hashed)
    size = _bucket(len(driving.words), MAX_MERGED_WORDS)
    words: list[str | None] = [*driving.words]
    words += [None] * (size - len(driving.words))
    params.update((f"word_{i}", word) for i, word in enumerate(words))
    if sqlite:
        return _streamed_walks(size, len(others), side)
    return _merged_walks(size, len(others), side, hashed)


def _hashed_count(driving: _Prefix, others: Sequence[_Prefix], cap: int) -> int:
    """PostgreSQL: how many of the other prefixes (the rarest first) a walk checks in a hash
    table of their clients, read once, rather than by probing each client's words.

    Two words that seldom meet ("plom mén", a first name and a last name) make the walk
    check every client of the rarer: 1,700 probes, 7 ms at 100,000 clients, where reading
    the other's 1,900 rows took 1. A prefix is hashed when its rows are counted (under the
    cap) and reading them costs less than probing the driver's clients would; past the cap,
    probing is kept, as the clients of two common words usually meet soon."""
    if driving.rows is None:
        return 0
    hashed = 0
    for other in others:
        if other.rows is None or other.rows >= cap:
            break
        if other.rows > driving.rows * PROBE_COST_IN_HASHED_ROWS:
            break
        hashed += 1
    return hashed


def _bind_others(others: Sequence[_Prefix], params: dict[str, Any]) -> None:
    """The ranges of the prefixes that a page's clients are checked for (`_others`)."""
    for index, prefix in enumerate(others):
        params[f"other_low_{index}"], params[f"other_high_{index}"] = prefix_range(prefix.text)


def _count_cap(prefix_count: int) -> int:
    return COUNT_CAP if prefix_count == 2 else DRIVER_COUNT_CAP


def _pairs_to_merge(first: _Prefix, second: _Prefix, cap: int) -> list[tuple[str, str]]:
    """Each word of one prefix with each word of the other, when merging them all reads few
    enough rows; otherwise nothing (the walk is kept). `cap`: where their counts stopped."""
    pairs = [(left, right) for left in first.words for right in second.words]
    if len(pairs) <= SMALL_PAIRS:
        return pairs
    if len(pairs) > MAX_PAIRS or first.rows is None or second.rows is None:
        return []
    if first.rows >= cap or second.rows >= cap:
        return []  # Past the cap, a prefix's clients meet the other's often: a walk stops soon.
    merged_rows = len(second.words) * first.rows + len(first.words) * second.rows
    walked_rows = min(first.rows, second.rows) * PROBE_COST_IN_ROWS
    if merged_rows > CHEAP_MERGE_ROWS and merged_rows * WALK_DISCOUNT > walked_rows:
        return []
    return pairs


def _dialect(executor: AsyncSession | AsyncConnection) -> str:
    if isinstance(executor, AsyncConnection):
        return executor.dialect.name
    return executor.get_bind().dialect.name


def _bucket(count: int, largest: int) -> int:
    return next((b for b in WORD_BUCKETS if b >= count), largest)


# Statements, cached per shape. `side` is None without a cursor, else the page's direction
# and the comparison that keeps the rows past the cursor.


@lru_cache(maxsize=32)
def _stats_statement(
    prefix_count: int, sqlite: bool, has_cursor: bool, checks_member: bool
) -> TextClause:
    """Rows (prefix index, word, NULL) for the words, (prefix index, NULL, rows) for the
    counts, (-1, sort name, NULL) for the cursor, (-2, NULL, NULL) if the member belongs to
    the account.

    Counts choose the prefix that drives a walk, so one prefix needs none. On SQLite two
    prefixes with few words between them are merged whatever their counts, so those are
    counted only when the two have many words."""
    words = []
    selects = []
    many_pairs = ""
    if sqlite and prefix_count == 2:
        many_pairs = (
            f" WHERE (SELECT count({TERM}) FROM w0) * (SELECT count({TERM}) FROM w1) > :pairs"
        )
    for i in range(prefix_count):
        words.append(_word_walk(f"w{i}", f"low_{i}", f"high_{i}", "max_words"))
        selects.append(
            f"SELECT {i} AS prefix, {TERM}, NULL AS found FROM w{i} WHERE {TERM} IS NOT NULL"
        )
        if prefix_count > 1:
            selects.append(
                f"""SELECT {i}, NULL, (
                    SELECT count(*) FROM (
                        SELECT 1 FROM {TERMS}
                        WHERE {ACCOUNT} = :account AND {TERM} >= :low_{i} AND {TERM} < :high_{i}
                        LIMIT :cap
                    ) AS capped_{i}
                ){many_pairs}"""
            )
    if has_cursor:
        selects.append(
            f"SELECT {_CURSOR_ROW}, {CLIENT_SORT_NAME}, NULL FROM {CLIENTS}"
            f" WHERE {CLIENT_KEY} = :cursor_id AND {CLIENT_ACCOUNT} = :account"
        )
    if checks_member:
        selects.append(
            f"SELECT {_MEMBER_ROW}, NULL, NULL FROM {MEMBERS}"
            f" WHERE {MEMBER_KEY} = :member_id AND {MEMBER_ACCOUNT} = :account"
        )
    return text(f"WITH RECURSIVE {', '.join(words)} {' UNION ALL '.join(selects)}")


def _word_walk(name: str, low: str, high: str, most: str) -> str:
    """A CTE `name(term, n)` of the words from :low to :high, one row each, stopping after
    :most + 1 of them: it skips through the index from one word to the next, one probe per
    word, however many clients each has."""
    return f"""{name}({TERM}, n) AS (
        SELECT (
            SELECT {TERM} FROM {TERMS}
            WHERE {ACCOUNT} = :account AND {TERM} >= :{low} AND {TERM} < :{high}
            ORDER BY {TERM} LIMIT 1
        ), 1
        UNION ALL
        SELECT (
            SELECT c.{TERM} FROM {TERMS} c
            WHERE c.{ACCOUNT} = :account AND c.{TERM} > {name}.{TERM} AND c.{TERM} < :{high}
            ORDER BY c.{TERM} LIMIT 1
        ), {name}.n + 1
        FROM {name} WHERE {name}.{TERM} IS NOT NULL AND {name}.n <= :{most}
    )"""


async def words_under(
    executor: AsyncSession | AsyncConnection, account_id: int, prefix: str, most: int
) -> list[str]:
    """The account's words that start with `prefix`, in order, `most` of them at most."""
    low, high = prefix_range(prefix)
    params = {"account": account_id, "low": low, "high": high, "most": most - 1}
    rows = await fetch_rows(executor, _words_statement(), params)
    return [row[0] for row in rows]


@lru_cache(maxsize=1)
def _words_statement() -> TextClause:
    walk = _word_walk("w", "low", "high", "most")
    return text(f"WITH RECURSIVE {walk} SELECT {TERM} FROM w WHERE {TERM} IS NOT NULL")


def _page_order(side: tuple[str, str] | None, alias: str = "") -> str:
    direction = side[0] if side else ""
    return f"ORDER BY {alias}{SORT_NAME}{direction}, {alias}{CLIENT_ID}{direction}"


def _past_cursor(side: tuple[str, str] | None, alias: str = "") -> str:
    if side is None:
        return ""
    return f" AND ({alias}{SORT_NAME}, {alias}{CLIENT_ID}) {side[1]} (:cursor_name, :cursor_id)"


def _others(other_count: int, alias: str = "t", hashed: int = 0) -> str:
    """Every other prefix has a word of the same client: the first `hashed` of them looked
    up in their CTE's clients (`_hashed_others`), the rest probed by the client's key."""
    hashed_checks = "".join(
        # "IS TRUE" keeps the IN a subplan that PostgreSQL hashes once, instead of a join
        # it would plan from its estimates (it chose to probe, 47 rows guessed for 1,696).
        f" AND ({alias}.{CLIENT_ID} IN (SELECT {CLIENT_ID} FROM h{j})) IS TRUE"
        for j in range(hashed)
    )
    probes = "".join(
        f""" AND EXISTS (
            SELECT 1 FROM {TERMS} o{j}
            WHERE o{j}.{CLIENT_ID} = {alias}.{CLIENT_ID}
            AND o{j}.{TERM} >= :other_low_{j} AND o{j}.{TERM} < :other_high_{j}
        )"""
        for j in range(hashed, other_count)
    )
    return hashed_checks + probes


def _hashed_others(hashed: int) -> str:
    """The WITH clause of the clients of the first `hashed` other prefixes, each read once
    however many walks check it; empty for none."""
    if not hashed:
        return ""
    ctes = ", ".join(
        f"""h{j} AS MATERIALIZED (
            SELECT {CLIENT_ID} FROM {TERMS}
            WHERE {ACCOUNT} = :account AND {TERM} >= :other_low_{j} AND {TERM} < :other_high_{j}
        )"""
        for j in range(hashed)
    )
    return f"WITH {ctes} "


def _merge(arms: list[str], side: tuple[str, str] | None, hashed: int = 0) -> TextClause:
    """The page: the first rows of the arms, each already in page order and limited."""
    union = " UNION ALL ".join(f"SELECT * FROM ({arm}) AS a{i}" for i, arm in enumerate(arms))
    return text(
        f"{_hashed_others(hashed)}SELECT DISTINCT {SORT_NAME}, {CLIENT_ID} "
        f"FROM ({union}) AS merged {_page_order(side)} LIMIT :more"
    )


@lru_cache(maxsize=128)
def _streamed_walks(word_count: int, other_count: int, side: tuple[str, str] | None) -> TextClause:
    """SQLite: one compound SELECT of every word's rows, run as a merge of the words' walks.
    Each walk stops at its first row past the page instead of filling a page of its own,
    which for a word whose clients seldom have the other prefixes meant reading far (5 times
    faster for "martin pari")."""
    arms = [
        f"""SELECT t.{SORT_NAME}, t.{CLIENT_ID} FROM {TERMS} t
        WHERE t.{ACCOUNT} = :account AND t.{TERM} = :word_{i}{_others(other_count)}
        {_past_cursor(side, "t.")}"""
        for i in range(word_count)
    ]
    return text(f"{' UNION '.join(arms)} {_page_order(side)} LIMIT :more")


@lru_cache(maxsize=128)
def _merged_walks(
    word_count: int, other_count: int, side: tuple[str, str] | None, hashed: int = 0
) -> TextClause:
    """Each word's first rows past the cursor (the index gives them in order, so LIMIT stops
    each walk early), merged into one page."""
    arms = [
        f"""SELECT t.{SORT_NAME}, t.{CLIENT_ID} FROM {TERMS} t
        WHERE t.{ACCOUNT} = :account AND t.{TERM} = :word_{i}{_others(other_count, "t", hashed)}
        {_past_cursor(side, "t.")}
        {_page_order(side, "t.")} LIMIT :more"""
        for i in range(word_count)
    ]
    return _merge(arms, side, hashed)


@lru_cache(maxsize=16)
def _sorted_prefix(other_count: int, side: tuple[str, str] | None, hashed: int = 0) -> TextClause:
    """All rows of a prefix over very many words, sorted: each word holds few clients."""
    return text(
        f"""{_hashed_others(hashed)}SELECT DISTINCT t.{SORT_NAME}, t.{CLIENT_ID} FROM {TERMS} t
        WHERE t.{ACCOUNT} = :account AND t.{TERM} >= :low AND t.{TERM} < :high
        {_others(other_count, "t", hashed)}
        {_past_cursor(side, "t.")}
        {_page_order(side, "t.")} LIMIT :more"""
    )


@lru_cache(maxsize=64)
def _merged_pairs(pair_count: int, other_count: int, side: tuple[str, str] | None) -> TextClause:
    """For each pair of words, the clients having both (and the other prefixes), from
    SQLite's merge of the two words' rows in page order (see the module's docstring)."""
    arms = []
    for i in range(pair_count):
        word = f"SELECT {SORT_NAME}, {CLIENT_ID} FROM {TERMS} WHERE {ACCOUNT} = :account"
        both = (
            f"{word} AND {TERM} = :left_{i}{_past_cursor(side)} "
            f"INTERSECT {word} AND {TERM} = :right_{i}{_past_cursor(side)} "
            f"{_page_order(side)}"
        )
        if other_count:
            # Without a LIMIT of its own, SQLite would intersect the words in a temporary
            # B-tree, reading both whole; with one, the merge stays, and its rows come out of
            # the subquery in its order, so that the arm's LIMIT stops it early.
            both = (
                f"SELECT {SORT_NAME}, {CLIENT_ID} FROM ({both} LIMIT -1) AS p "
                f"WHERE 1 = 1{_others(other_count, 'p')}"
            )
        arms.append(f"{both} LIMIT :more")
    return _merge(arms, side)
