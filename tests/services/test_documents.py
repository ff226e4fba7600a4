"""Documents: kinds per account configuration, statuses, gapless numbers."""

import asyncio
from datetime import UTC, datetime

import pytest

from lokisi.enums import (
    DocumentFamily,
    DocumentKind,
    DocumentStatus,
    InterventionStart,
    RentalStart,
)
from lokisi.errors import (
    DocumentAlreadyFinal,
    DocumentKindNotAllowed,
    DocumentKindRequired,
    PermissionDenied,
)
from lokisi.schemas import ClientView, MemberView
from lokisi.services import Services
from tests.factories import professional

YEAR = datetime.now(UTC).year


@pytest.fixture
async def client(services: Services, manager: MemberView) -> ClientView:
    return await services.clients.create(manager, professional())


async def test_au_choix_asks_which_kind_then_creates_the_chosen_one(
    services: Services, manager: MemberView, client: ClientView
) -> None:
    with pytest.raises(DocumentKindRequired) as asked:
        await services.documents.create(manager, client.id, DocumentFamily.INTERVENTION)
    assert asked.value.choices == (
        DocumentKind.INTERVENTION_DEVIS,
        DocumentKind.INTERVENTION_ORDRE,
    )
    order = await services.documents.create(
        manager, client.id, DocumentFamily.INTERVENTION, DocumentKind.INTERVENTION_ORDRE
    )
    assert (order.kind, order.status, order.number) == (
        DocumentKind.INTERVENTION_ORDRE,
        DocumentStatus.BROUILLON,
        f"OI-{YEAR}-0001",
    )


async def test_a_fixed_configuration_creates_its_kind_directly(
    services: Services, manager: MemberView, client: ClientView
) -> None:
    await services.accounts.configure(
        manager, intervention_start=InterventionStart.DEVIS, rental_start=RentalStart.CONTRAT
    )
    quote = await services.documents.create(manager, client.id, DocumentFamily.INTERVENTION)
    contract = await services.documents.create(manager, client.id, DocumentFamily.LOCATION)
    assert (quote.kind, contract.kind) == (
        DocumentKind.INTERVENTION_DEVIS,
        DocumentKind.LOCATION_CONTRAT,
    )
    with pytest.raises(DocumentKindNotAllowed):
        await services.documents.create(
            manager, client.id, DocumentFamily.LOCATION, DocumentKind.LOCATION_DEVIS
        )


async def test_sale_and_invoice_have_one_kind_each(
    services: Services, technicien: MemberView, client: ClientView
) -> None:
    sale = await services.documents.create(technicien, client.id, DocumentFamily.VENTE)
    invoice = await services.documents.create(technicien, client.id, DocumentFamily.FACTURE)
    assert (sale.number, invoice.number) == (f"VE-{YEAR}-0001", f"FA-{YEAR}-0001")
    assert invoice.created_by_name == "Théo Technicien"


async def test_each_kind_is_numbered_on_its_own_and_per_account(
    services: Services, manager: MemberView, outsider_manager: MemberView, client: ClientView
) -> None:
    numbers = [
        (await services.documents.create(manager, client.id, DocumentFamily.FACTURE)).number
        for _ in range(3)
    ]
    sale = await services.documents.create(manager, client.id, DocumentFamily.VENTE)
    other_client = await services.clients.create(outsider_manager, professional())
    other = await services.documents.create(
        outsider_manager, other_client.id, DocumentFamily.FACTURE
    )
    assert numbers == [f"FA-{YEAR}-0001", f"FA-{YEAR}-0002", f"FA-{YEAR}-0003"]
    assert sale.number == f"VE-{YEAR}-0001"
    assert other.number == f"FA-{YEAR}-0001"


async def test_a_failed_creation_gives_no_number_away(
    services: Services, manager: MemberView, client: ClientView
) -> None:
    await services.documents.create(manager, client.id, DocumentFamily.FACTURE)
    with pytest.raises(DocumentKindRequired):
        await services.documents.create(manager, client.id, DocumentFamily.LOCATION)
    second = await services.documents.create(manager, client.id, DocumentFamily.FACTURE)
    assert second.number == f"FA-{YEAR}-0002"


async def test_documents_are_listed_newest_first_with_their_status(
    services: Services, manager: MemberView, client: ClientView
) -> None:
    first = await services.documents.create(manager, client.id, DocumentFamily.VENTE)
    second = await services.documents.create(manager, client.id, DocumentFamily.FACTURE)
    await services.documents.close(manager, first.id)
    listed = await services.documents.list_for_client(manager, client.id)
    assert [(d.id, d.status) for d in listed] == [
        (second.id, DocumentStatus.BROUILLON),
        (first.id, DocumentStatus.CLOTURE),
    ]


async def test_only_managers_close_or_cancel(
    services: Services, technicien: MemberView, client: ClientView
) -> None:
    document = await services.documents.create(technicien, client.id, DocumentFamily.VENTE)
    started = await services.documents.start(technicien, document.id)
    assert started.status is DocumentStatus.EN_COURS
    with pytest.raises(PermissionDenied):
        await services.documents.close(technicien, document.id)
    with pytest.raises(PermissionDenied):
        await services.documents.cancel(technicien, document.id)


async def test_a_closed_document_stays_closed(
    services: Services, manager: MemberView, client: ClientView
) -> None:
    document = await services.documents.create(manager, client.id, DocumentFamily.VENTE)
    closed = await services.documents.close(manager, document.id)
    assert closed.closed_at is not None
    with pytest.raises(DocumentAlreadyFinal):
        await services.documents.cancel(manager, document.id)


async def test_concurrent_creations_on_sqlite_still_number_without_gaps(
    services: Services, manager: MemberView, client: ClientView
) -> None:
    created = await asyncio.gather(
        *(services.documents.create(manager, client.id, DocumentFamily.FACTURE) for _ in range(10))
    )
    assert sorted(d.number for d in created) == [f"FA-{YEAR}-{n:04d}" for n in range(1, 11)]
