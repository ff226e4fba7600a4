"""The real bot killed (SIGKILL) at named points of its work, then started again on the same
database: what the screen showed is kept, what was asked once is done once, and the next
message is handled normally. The points are armed in the test build (tests.support.
kill_switch); each step of each test dies once, at the point written beside it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine

from lokisi.enums import DocumentFamily, DocumentStatus
from lokisi.models import Client, Document
from lokisi.schemas import ClientView
from lokisi.services import Services
from tests.factories import private_person, professional, unnumbered
from tests.support import fake_bot_api
from tests.support.bot_lives import BotLives, on_database, on_engine
from tests.support.fake_bot_api import FakeBotApi, FakeUser, free_port

MARIE = 1001
YEAR = date.today().year


@pytest.fixture
def api() -> Iterator[FakeBotApi]:
    with fake_bot_api.fake_bot_api() as running:
        yield running


def account_of_marie(url: str) -> None:
    on_database(
        url,
        lambda services: services.accounts.create_account(
            "Dupont Chauffage", manager_telegram_id=MARIE, manager_name="Marie"
        ),
    )


def clients_of_marie(url: str) -> list[ClientView]:
    """Every live client of Marie's account, read back whole."""

    async def read(services: Services) -> list[ClientView]:
        member = await services.accounts.member_for(MARIE)
        assert member is not None
        page = await services.clients.list_page(member, limit=100)
        return [await services.clients.get(member, c.id) for c in page.items]

    return on_database(url, read)


@dataclass(frozen=True)
class Step:
    """What Marie does (presses a button, or sends a text), where the bot dies meanwhile
    (if anywhere), and what her latest message shows once the bot is back."""

    point: str | None
    tap: str | None = None
    send: str | None = None
    then: tuple[str, ...] = ()
    # Telegram does not hear that the update arrived until the bot is dead.
    unconfirmed: bool = False


def take(steps: list[Step], marie: FakeUser, api: FakeBotApi, bot: BotLives) -> None:
    for step in steps:
        bot.wait_until_handled()
        if api.telegram.webhook is None:
            api.wait_for_poll()
        if step.unconfirmed:
            api.fail_polling("502")
        if step.point is not None:
            bot.arm(step.point)
        if step.tap is not None:
            marie.wait_for_button(step.tap)
            marie.press(step.tap)
        if step.send is not None:
            marie.send(step.send)
        if step.point is not None:
            bot.dies(step.point)
        marie.wait_for_latest(*step.then)


def points(steps: list[Step]) -> list[str]:
    return [step.point for step in steps if step.point is not None]


NEW_CLIENT = [
    Step("fetched", tap="+ Nouveau client", then=("Créer un nouveau client ?",)),
    Step("before:editMessageText", tap="Oui", then=("Tapez « Raison sociale »",)),
    # Shown, not yet marked handled: handled again, the name would be taken for the mobile.
    Step(
        "after:editMessageText",
        send="Chaudronnerie Vasseur",
        then=("Chaudronnerie Vasseur", "Tapez « Mobile »"),
    ),
    Step("stored", send="06 12 34 56 78", then=("6 12 34 56 78", "Tapez « Adresse »")),
    Step("state-written", send="12 rue des Forges", then=("Forges", "Tapez « Code postal »")),
    # Handled, and Telegram still delivers it again: the postal code would become the town.
    Step("handled", send="69003", unconfirmed=True, then=("69003", "Tapez « Ville »")),
    Step("before:editMessageText", send="Lyon", then=("Lyon", "Touchez un champ")),
    Step("before:answerCallbackQuery", tap="E-mail", then=("Tapez « E-mail »",)),
    # The last awaited field: the form's state moves on, and the same text delivered again
    # must still reach the form, not the search.
    Step("after:editMessageText", send="contact@vasseur.fr", then=("contact@vasseur.fr",)),
    Step("committed", tap="Enregistrer", then=("FICHE CLIENT", "CLI-000001")),
    Step("before:sendMessage", send="Chaudronnerie", then=("« Chaudronnerie »",)),
]

EDIT_CLIENT = [
    Step(None, tap="Chaudronnerie Vasseur", then=("FICHE CLIENT",)),
    Step("after:answerCallbackQuery", tap="Modifier", then=("Modifier le client",)),
    Step("stored", tap="Ville", then=("Tapez « Ville »",)),
    Step("after:editMessageText", send="Villeurbanne", then=("Villeurbanne",)),
    # The card shown, the form's end not stored: the same press shows the card again.
    Step("after:editMessageText", tap="Enregistrer", then=("FICHE CLIENT", "Villeurbanne")),
]


def test_killed_at_every_step_of_a_form_it_loses_nothing_shown_and_saves_once(
    tmp_path: Path, api: FakeBotApi, database_url: str, engine: object
) -> None:
    account_of_marie(database_url)
    marie = api.user(MARIE)
    with BotLives(tmp_path, api, database_url) as bot:
        marie.send("/start")
        marie.wait_for_latest("Dupont Chauffage")
        take(NEW_CLIENT, marie, api, bot)
        [created] = clients_of_marie(database_url)
        assert (created.name, created.mobile, created.address_line1) == (
            "Chaudronnerie Vasseur",
            "+33612345678",
            "12 rue des Forges",
        )
        assert (created.postal_code, created.city, created.email) == (
            "69003",
            "Lyon",
            "contact@vasseur.fr",
        )
        take(EDIT_CLIENT, marie, api, bot)
    [edited] = clients_of_marie(database_url)
    assert (edited.code, edited.city, edited.version) == ("CLI-000001", "Villeurbanne", 2)
    assert bot.deaths == points(NEW_CLIENT + EDIT_CLIENT)


# Each "Oui", killed once its effect is committed (before anything shows) or once it shows
# (before the update is marked handled): delivered again, it shows what it made.
EVERY_OUI = [
    # The first /start also shows the shortcuts keyboard, once: later screens are the latest.
    Step(None, send="/start", then=("Dupont Chauffage",)),
    Step(None, send="Boulangerie", then=("« Boulangerie »",)),
    Step(None, tap="Boulangerie Dupont", then=("FICHE CLIENT",)),
    Step(None, tap="Créer une facture", then=("Créer une facture pour",)),
    Step("committed", tap="Oui", then=(f"FA-{YEAR}-0001 — Facture",)),
    Step(None, tap="Ouvrir le document", then=(f"FA-{YEAR}-0001", "Créé par")),
    Step(None, tap="Clôturer", then=("Clôturer le document",)),
    Step("after:editMessageText", tap="Oui", then=("Facture — clôturé",)),
    Step(None, send="Élodie", then=("« Élodie »",)),
    Step(None, tap="Élodie Martin", then=("FICHE CLIENT",)),
    Step(None, tap="Créer une intervention", then=("Créer une intervention pour",)),
    Step(None, tap="Oui", then=("un devis ou un ordre",)),
    Step("committed", tap="Ordre", then=(f"OI-{YEAR}-0001 — Ordre d'intervention",)),
    Step(None, send="Garage", then=("« Garage »",)),
    Step(None, tap="Garage Martin", then=("FICHE CLIENT",)),
    Step(None, tap="Supprimer", then=("Supprimer Garage Martin",)),
    Step("committed", tap="Oui", then=("Garage Martin (CLI-000003) a été supprimé",)),
    Step(None, tap="Sélection", then=("Clients sélectionnés : 0",)),
    Step(None, tap="Boulangerie", then=("Clients sélectionnés : 1",)),
    Step(None, tap="Élodie", then=("Clients sélectionnés : 2",)),
    Step(None, tap="Supprimer (2)", then=("Supprimer ces clients (2) ?",)),
    Step("committed", tap="Oui", then=("Supprimé (1)", "Non supprimé (1)")),
    Step(None, tap="Menu", then=("Dupont Chauffage",)),
    Step(None, tap="Corbeille", then=("supprimés depuis moins de 30 jours",)),
    Step(None, tap="Garage Martin", then=("Restaurer Garage Martin",)),
    Step("committed", tap="Oui", then=("FICHE CLIENT", "Garage Martin")),
]


def test_killed_at_each_oui_it_does_the_action_once_and_shows_what_it_made(
    tmp_path: Path, api: FakeBotApi, database_url: str, engine: object
) -> None:
    account_of_marie(database_url)

    async def furnish(services: Services) -> None:
        member = await services.accounts.member_for(MARIE)
        assert member is not None
        await services.clients.create(member, professional())
        busy = await services.clients.create(member, private_person())
        await services.documents.create(member, busy.id, DocumentFamily.VENTE)
        await services.clients.create(member, unnumbered(name="Garage Martin"))

    on_database(database_url, furnish)
    marie = api.user(MARIE)
    with BotLives(tmp_path, api, database_url) as bot:
        take(EVERY_OUI, marie, api, bot)
    assert bot.deaths == points(EVERY_OUI)
    assert [c.name for c in clients_of_marie(database_url)] == ["Élodie Martin", "Garage Martin"]
    assert documents_of_marie(database_url) == [
        ("Boulangerie Dupont", f"FA-{YEAR}-0001", DocumentStatus.CLOTURE),
        ("Élodie Martin", f"VE-{YEAR}-0001", DocumentStatus.BROUILLON),
        ("Élodie Martin", f"OI-{YEAR}-0001", DocumentStatus.BROUILLON),
    ]


def documents_of_marie(url: str) -> list[tuple[str, str, DocumentStatus]]:
    """Every document of Marie's account, deleted clients' too: (client, number, status)."""

    async def read(engine: AsyncEngine) -> list[tuple[str, str, DocumentStatus]]:
        statement = (
            select(Client.name, Document.number, Document.status)
            .join(Client, Client.id == Document.client_id)
            .order_by(Client.name, Document.id)
        )
        async with engine.connect() as connection:
            return [tuple(row) for row in await connection.execute(statement)]  # type: ignore[misc]

    return on_engine(url, read)


# By webhook: Telegram posts each update until it gets a 200, which the bot answers once the
# update is stored.
BY_WEBHOOK = [
    Step(None, tap="+ Nouveau client", then=("Créer un nouveau client ?",)),
    # Stored, and killed before the 200: Telegram posts it again, and it is handled once.
    Step("stored", tap="Oui", then=("Tapez « Raison sociale »",)),
    Step("after:editMessageText", send="Hôtel du Nord", then=("Hôtel du Nord", "Mobile")),
    Step("committed", tap="Enregistrer", then=("FICHE CLIENT", "CLI-000001")),
    Step("before:sendMessage", send="Hôtel", then=("« Hôtel »",)),
]


def test_killed_while_serving_a_webhook_it_handles_each_update_once(
    tmp_path: Path, api: FakeBotApi, database_url: str, engine: object
) -> None:
    account_of_marie(database_url)
    port = free_port()
    webhook = ("--webhook", "--webhook-url", "https://bot.example.org/telegram")
    local = ("--listen", "127.0.0.1", "--port", str(port))
    marie = api.user(MARIE)
    with BotLives(tmp_path, api, database_url, *webhook, *local) as bot:
        api.push_to(f"http://127.0.0.1:{port}/telegram")
        marie.send("/start")
        marie.wait_for_latest("Dupont Chauffage")
        take(BY_WEBHOOK, marie, api, bot)
    assert bot.deaths == points(BY_WEBHOOK)
    [hotel] = clients_of_marie(database_url)
    assert (hotel.code, hotel.name) == ("CLI-000001", "Hôtel du Nord")
