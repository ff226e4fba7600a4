"""The catalogs: one package per language (`bot/texts/fr/`, `bot/texts/en/`), one module per
task in each, every module a `TEXTS` table of keys named after the task.

Every module of a language's package is part of its catalog: a new task's texts are found
without a list to keep up to date.
"""

from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType

from bot.languages import CODES


def modules(language: str) -> tuple[ModuleType, ...]:
    """The task modules of one language's catalog, by name."""
    package = importlib.import_module(f"{__name__}.{language}")
    return tuple(
        importlib.import_module(f"{package.__name__}.{info.name}")
        for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda info: info.name)
    )


def _merge(language: str) -> dict[str, str]:
    merged: dict[str, str] = {}
    for module in modules(language):
        table: dict[str, str] = module.TEXTS
        duplicated = merged.keys() & table.keys()
        if duplicated:
            raise RuntimeError(f"text keys defined twice: {sorted(duplicated)}")
        merged.update(table)
    return merged


CATALOGS: dict[str, dict[str, str]] = {code: _merge(code) for code in CODES}
