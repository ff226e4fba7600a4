"""How clients become searchable words, and how a typed query becomes word prefixes.

Search is accent- and case-insensitive and matches the start of any word: "dup" finds
"Jean Dupont", "eleve" finds "Élève", "rue de la republique" the clients of that street.
Every word is folded to lower-case ASCII, so that an ordinary index on (account, term)
answers a prefix with a range scan.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from unidecode import unidecode

MAX_TERM_LENGTH = 64
_WORD = re.compile(r"[a-z0-9]+")
_PHONE_LIKE = re.compile(r"\+?[\d\s.\-()/]{2,}")
_CODE = re.compile(r"cli[\s\-]*(\d+)")
# Above every character a folded term can hold, so that [prefix, prefix + _AFTER) is a range.
_AFTER = "~"


def fold(text: str) -> str:
    """Lower-case ASCII: the form in which names are compared and sorted."""
    return unidecode(text).lower().strip()


def sort_key(name: str) -> str:
    return fold(name)[:200]


def words(text: str | None) -> list[str]:
    if not text:
        return []
    return [w[:MAX_TERM_LENGTH] for w in _WORD.findall(fold(text))]


def _digits(text: str | None) -> str:
    return re.sub(r"\D", "", text or "")


def _phone_terms(e164: str | None) -> list[str]:
    """A French number is typed 06..., a foreign one with its country code."""
    if not e164:
        return []
    international = _digits(e164)
    terms = [international]
    if e164.startswith("+33"):
        terms.append("0" + international[2:])
    return terms


def client_terms(
    *,
    code: str,
    number: int,
    name: str,
    contact_name: str | None,
    city: str | None,
    postal_code: str | None,
    phone: str | None,
    mobile: str | None,
    siret: str | None,
    address_line1: str | None = None,
    address_line2: str | None = None,
) -> set[str]:
    """Every word under which a client can be found."""
    terms: set[str] = {fold(code).replace("-", ""), f"{number:06d}", str(number)}
    for text in (name, contact_name, address_line1, address_line2, city, postal_code):
        terms.update(words(text))
    terms.update(_phone_terms(phone))
    terms.update(_phone_terms(mobile))
    if siret:
        terms.add(siret)
    return {t for t in terms if t}


# The client's values its words come from (`client_terms`' parameters).
TERM_SOURCES = (
    "code",
    "number",
    "name",
    "contact_name",
    "city",
    "postal_code",
    "phone",
    "mobile",
    "siret",
    "address_line1",
    "address_line2",
)


def terms_of(client: Mapping[Any, Any]) -> set[str]:
    """The words of a client given as its stored values (a row, a seeded record)."""
    return client_terms(**{name: client[name] for name in TERM_SOURCES})


def query_prefixes(query: str) -> list[str]:
    """The word prefixes a query asks for; every one must match for a client to be found."""
    if _PHONE_LIKE.fullmatch(query.strip()):
        digits = _digits(query)
        if query.strip().startswith("+"):
            return [digits]
        return [digits] if digits else []
    folded = _CODE.sub(lambda m: "cli" + m.group(1), fold(query))
    prefixes = _WORD.findall(folded)
    # Longest first: the most selective prefix drives the index scan.
    return sorted(dict.fromkeys(p[:MAX_TERM_LENGTH] for p in prefixes), key=len, reverse=True)


def prefix_range(prefix: str) -> tuple[str, str]:
    return prefix, prefix + _AFTER
