"""The layout is the architecture: the business knows nothing of Telegram."""

import ast
from pathlib import Path

LOKISI = Path(__file__).resolve().parent.parent / "lokisi"


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def test_lokisi_never_imports_telegram_or_the_bot() -> None:
    offenders = {
        str(path.relative_to(LOKISI)): sorted(
            m for m in imported_modules(path) if m.split(".")[0] in {"telegram", "bot"}
        )
        for path in LOKISI.rglob("*.py")
    }
    assert {k: v for k, v in offenders.items() if v} == {}
    assert len(offenders) > 10
