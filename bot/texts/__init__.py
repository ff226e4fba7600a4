"""The catalogs, one module per task; each module holds the same keys in FR and EN.

Every module of this package is a catalog: a new task's texts are found without a list to
keep up to date.
"""

from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType

MODULES: tuple[ModuleType, ...] = tuple(
    importlib.import_module(f"{__name__}.{info.name}")
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda info: info.name)
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
