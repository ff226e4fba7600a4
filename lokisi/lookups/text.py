"""Registers write in capitals ("19 RUE DE LA POSTE"); a client card reads better as people
write addresses ("19 Rue de la Poste")."""

from __future__ import annotations

import re

# Lower-case inside a street or town name, as French writes them.
_SMALL_WORDS = frozenset(
    {"de", "du", "des", "la", "le", "les", "l", "d", "et", "en", "au", "aux", "sur", "sous", "à"}
)
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def street_case(text: str) -> str:
    """ "19 RUE DE L'EGLISE" → "19 Rue de l'Eglise"; already mixed-case text is kept."""
    if text != text.upper():
        return text
    position = 0

    def case(match: re.Match[str]) -> str:
        nonlocal position
        word = match.group(0).lower()
        first, position = position == 0, position + 1
        return word if word in _SMALL_WORDS and not first else word.capitalize()

    return _WORD.sub(case, text)
