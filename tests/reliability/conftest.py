"""Fixtures of the reliability tests: our company and another one, both with records."""

from __future__ import annotations

import pytest

from lokisi.enums import DocumentFamily
from lokisi.schemas import MemberView
from lokisi.services import Services
from tests.bot.conftest import as_user, bot_app, marie, recorder, stranger, theo
from tests.factories import private_person
from tests.reliability.world import Company, furnish

# The conversation fixtures of the bot tests: the real application, users who press buttons.
__all__ = ["as_user", "bot_app", "marie", "recorder", "stranger", "theo"]


@pytest.fixture
async def ours(services: Services, manager: MemberView, technicien: MemberView) -> Company:
    """Dupont Chauffage (Marie, manager; Théo, technicien): an invoice in progress."""
    return await furnish(
        services, manager, ("Boulangerie Dupont", "Élodie Martin"), DocumentFamily.FACTURE
    )


@pytest.fixture
async def theirs(services: Services, outsider_manager: MemberView, ours: Company) -> Company:
    """Autre Société, furnished after ours so that its codes (CLI-000003, CLI-000004) and
    numbers (VE-…) are none of ours: any of them in a message to us is a leak."""
    for filler in ("Remplissage Un", "Remplissage Deux"):
        await services.clients.create(outsider_manager, private_person(name=filler))
    return await furnish(
        services, outsider_manager, ("Secret Industries SA", "Caché Dubois"), DocumentFamily.VENTE
    )
