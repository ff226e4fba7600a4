"""When two clients are the same one: the rules, as plain values (the clients service applies
them, lokisi.services.duplicates).

- The same SIRET in one account is the same establishment: refused.
- The same phone number, or the same name in the same place, is very likely the same client:
  the user is asked. Names are compared without accents, case, spaces or punctuation
  ("Boulangerie  DUPONT" is "boulangerie-dupont"), and, within a postal code, with a
  spelling mistake or two allowed (RapidFuzz's Levenshtein distance, over the keys of every
  client of the postal code in one call).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from lokisi.search_terms import fold

MAX_KEY_LENGTH = 200
_NOT_A_LETTER = re.compile(r"[^a-z0-9]")
_DIGITS = re.compile(r"\d+")


def name_key(name: str) -> str:
    """The name as duplicates are told apart: lower-case ASCII letters and digits only."""
    return _NOT_A_LETTER.sub("", fold(name))[:MAX_KEY_LENGTH]


def _mistakes_allowed(length: int) -> int:
    """Letters that may differ between two spellings of one name: one in a short name, up to
    three in a long one."""
    return 1 if length <= 12 else 2 if length <= 30 else 3


def close_spellings(key: str, keys: Sequence[str | None]) -> list[int]:
    """Which of `keys` (name keys) are `key` with a spelling mistake or two, their numbers
    the same ("Atelier 1" and "Atelier 2" are two clients): their indexes."""
    allowed = _mistakes_allowed(len(key))
    close = process.extract(
        key, keys, scorer=Levenshtein.distance, score_cutoff=allowed, limit=None
    )
    numbers = _DIGITS.findall(key)
    return [index for other, _distance, index in close if _DIGITS.findall(other) == numbers]


def same_place(
    postal_code: str | None, city: str | None, other_postal_code: str | None, other_city: str | None
) -> bool:
    """The same postal code; else, when one is missing, the same town; a client with neither is
    in the same place only as another with neither."""
    if postal_code and other_postal_code:
        return postal_code == other_postal_code
    if city and other_city:
        return name_key(city) == name_key(other_city)
    return not (postal_code or city or other_postal_code or other_city)
