"""Closest spellings: when no client matches a search, the clients under the spellings nearest
to what was typed ("dupond" finds "Dupont", "mesnard" finds "Ménard").

Each word of the query that starts no word of the account is compared with the account's
words that share its first two letters: they are listed from the search index by skipping from
one word to the next (one probe per word, NEIGHBOURS at most), and ranked by RapidFuzz's
similarity ratio (an edit distance made for this, in C++). The search then runs again with the
best corrections in place of the misspelt words, best first. Words that exist stay as typed:
"dupond lyon" looks for the Duponts of Lyon.
"""

from __future__ import annotations

import itertools
from collections.abc import Collection, Sequence

from rapidfuzz import fuzz, process
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from lokisi.services import search

# The words compared with a misspelt one: those of the account starting with the same letters.
SHARED_LETTERS = 2
NEIGHBOURS = 400
# A misspelt word shorter than this is left alone: too many words are that close to it.
MIN_LENGTH = 4
# Similarity (0-100) a correction needs: one letter in six wrong, or one missing in seven.
MIN_SCORE = 75
CORRECTIONS_PER_WORD = 3
# Corrected queries tried, best first, until a page is full.
MAX_TRIES = 3


async def closest(
    executor: AsyncSession | AsyncConnection,
    account_id: int,
    prefixes: Sequence[str],
    unknown: Collection[str],
    limit: int,
) -> list[int]:
    """Ids of the clients found under the nearest spellings of the query's misspelt words
    (`unknown`: the prefixes that start no word, as the search found them), best correction
    first; none when no word is misspelt or none can be corrected."""
    if not unknown:
        return []
    choices: list[list[str]] = []
    for prefix in prefixes:
        if prefix not in unknown:
            choices.append([prefix])
            continue
        corrections = await _corrections(executor, account_id, prefix)
        if not corrections:
            return []
        choices.append(corrections)
    found: dict[int, None] = {}
    for attempt in itertools.islice(itertools.product(*choices), MAX_TRIES):
        page = await search.matching(
            executor, account_id, list(attempt), after_id=None, before_id=None, limit=limit
        )
        found.update(dict.fromkeys(page.ids))
        if len(found) >= limit:
            break
    return list(found)[:limit]


async def _corrections(
    executor: AsyncSession | AsyncConnection, account_id: int, word: str
) -> list[str]:
    """The account's words nearest to `word`, nearest first."""
    if len(word) < MIN_LENGTH or word.isdigit():
        return []
    candidates = await search.words_under(executor, account_id, word[:SHARED_LETTERS], NEIGHBOURS)
    ranked = process.extract(
        word, candidates, scorer=fuzz.ratio, score_cutoff=MIN_SCORE, limit=CORRECTIONS_PER_WORD
    )
    return [candidate for candidate, _score, _index in ranked]
