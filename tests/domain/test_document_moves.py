"""Which status moves each role may make on a document."""

import pytest

from lokisi.document_moves import moves, needs_manager
from lokisi.enums import DocumentStatus, Role

BROUILLON, EN_COURS = DocumentStatus.BROUILLON, DocumentStatus.EN_COURS
CLOTURE, ANNULE = DocumentStatus.CLOTURE, DocumentStatus.ANNULE


def test_any_member_starts_work_on_a_brouillon() -> None:
    assert EN_COURS in moves(Role.TECHNICIEN, BROUILLON)
    assert EN_COURS in moves(Role.MANAGER, BROUILLON)


def test_a_technicien_may_only_start_work() -> None:
    assert moves(Role.TECHNICIEN, BROUILLON) == (EN_COURS,)
    assert moves(Role.TECHNICIEN, EN_COURS) == ()


def test_a_manager_closes_or_cancels_a_document_in_progress() -> None:
    assert moves(Role.MANAGER, BROUILLON) == (EN_COURS, CLOTURE, ANNULE)
    assert moves(Role.MANAGER, EN_COURS) == (CLOTURE, ANNULE)


def test_work_is_started_once() -> None:
    assert EN_COURS not in moves(Role.MANAGER, EN_COURS)


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("status", [CLOTURE, ANNULE])
def test_a_closed_or_cancelled_document_never_moves_again(
    role: Role, status: DocumentStatus
) -> None:
    assert moves(role, status) == ()


def test_closing_and_cancelling_are_for_managers_whatever_the_status() -> None:
    assert {s for s in DocumentStatus if needs_manager(s)} == {CLOTURE, ANNULE}
