"""The catalogs, one module per task; each module holds the same keys in FR and EN."""

from __future__ import annotations

from types import ModuleType

from bot.texts import (
    access,
    card,
    common,
    delete,
    documents,
    errors,
    export,
    form,
    group,
    inline,
    localiser,
    menu,
    nearby,
    search,
    settings,
    trash,
)

MODULES: tuple[ModuleType, ...] = (
    access,
    card,
    common,
    delete,
    documents,
    errors,
    export,
    form,
    group,
    inline,
    localiser,
    menu,
    nearby,
    search,
    settings,
    trash,
)


def _merge(language: str) -> dict[str, str]:
    merged: dict[str, str] = {}
    for module in MODULES:
        table: dict[str, str] = getattr(module, language.upper())
        duplicated = merged.keys() & table.keys()
        if duplicated:
            raise RuntimeError(f"text keys defined twice: {sorted(duplicated)}")
        merged.update(table)
    return merged


CATALOGS: dict[str, dict[str, str]] = {"fr": _merge("fr"), "en": _merge("en")}
