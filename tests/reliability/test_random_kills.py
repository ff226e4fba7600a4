"""A scripted day of work, with the real bot killed (SIGKILL) at random: at random named
points of its work (tests.support.kill_switch) and at random instants. Marie creates
clients through the form, invoices each one and closes the invoice, edits some, deletes
some and restores some; she never types anything twice, and the day ends with exactly the
clients and documents it asked for.

The suite runs a short day (a few kills); LOKISI_KILLS sets how many kills a long run needs
before its day ends, LOKISI_KILL_SEED its random seed (see the README, "Reliability").
"""

from __future__ import annotations

import os
import random
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine

from lokisi.enums import DocumentStatus
from lokisi.models import Client, Document
from tests.support import fake_bot_api
from tests.support.bot_lives import BotLives, on_database, on_engine
from tests.support.fake_bot_api import FakeBotApi, FakeUser

KILLS = "LOKISI_KILLS"
SEED = "LOKISI_KILL_SEED"
SHORT_RUN_KILLS = 3
MARIE = 1001
YEAR = date.today().year
# Where the switch may be armed before a step (it fires at that step or a later one).
POINTS = (
    "fetched",
    "stored",
    "committed",
    "state-written",
    "handled",
    "before:getUpdates",
    "before:editMessageText",
    "after:editMessageText",
    "before:sendMessage",
    "after:sendMessage",
    "before:answerCallbackQuery",
    "after:answerCallbackQuery",
)
ARMED = 0.3
KILLED_ANY_TIME = 0.1
UNCONFIRMED = 0.1
SHOWN_WITHIN = 90.0
WORDS = [
    "Alpha",
    "Bravo",
    "Charlie",
    "Delta",
    "Echo",
    "Foxtrot",
    "Golf",
    "Hotel",
    "India",
    "Juliett",
    "Kilo",
    "Lima",
    "Mike",
    "November",
    "Oscar",
    "Papa",
    "Quebec",
    "Romeo",
    "Sierra",
    "Tango",
    "Uniform",
    "Victor",
    "Whiskey",
    "Xray",
    "Yankee",
    "Zulu",
]


@pytest.fixture
def api() -> Iterator[FakeBotApi]:
    with fake_bot_api.fake_bot_api() as running:
        yield running


@dataclass
class Expected:
    """What the day asked for: each client's town and whether it is deleted, in code order;
    each invoice's number and client."""

    towns: list[str] = field(default_factory=list)
    deleted: list[bool] = field(default_factory=list)
    invoices: list[tuple[str, str]] = field(default_factory=list)


Step = tuple[str, str, tuple[str, ...]]  # ("tap" | "send", what, what the screen then shows)


def name_of(index: int) -> str:
    word = WORDS[index % len(WORDS)]
    return f"Atelier {word}{index // len(WORDS) or ''}"


def client_day(index: int, expected: Expected) -> list[Step]:
    """The steps of one client's day, and what they change in `expected`."""
    name, code = name_of(index), f"CLI-{index + 1:06d}"
    invoice = f"FA-{YEAR}-{index + 1:04d}"
    town = f"Lyon {index}"
    steps: list[Step] = [
        ("send", "/start", ("Dupont Chauffage",)),
        ("tap", "+ Nouveau client", ("Créer un nouveau client ?",)),
        ("tap", "Oui", ("Tapez « Raison sociale »",)),
        ("send", name, (name, "Tapez « Mobile »")),
        ("send", f"06 12 34 56 {index % 100:02d}", ("Tapez « Adresse »",)),
        ("send", f"{index + 1} rue des Forges", ("Tapez « Code postal »",)),
        ("send", "69003", ("Tapez « Ville »",)),
        ("send", town, (town, "Touchez un champ")),
        ("tap", "Enregistrer", ("FICHE CLIENT", code)),
        ("tap", "Créer une facture", ("Créer une facture pour",)),
        ("tap", "Oui", (invoice,)),
        ("tap", "Ouvrir le document", (invoice, "Créé par")),
        ("tap", "Clôturer", ("Clôturer le document",)),
        ("tap", "Oui", (invoice, "Facture — clôturé")),
        ("tap", "Fiche client", ("FICHE CLIENT", code)),
    ]
    expected.invoices.append((name, invoice))
    if index % 3 == 2:
        town = f"Villeurbanne {index}"
        steps += [
            ("tap", "Modifier", ("Modifier le client",)),
            ("tap", "Ville", ("Tapez « Ville »",)),
            ("send", town, (town, "Touchez un champ")),
            ("tap", "Enregistrer", ("FICHE CLIENT", town)),
        ]
    expected.towns.append(town)
    expected.deleted.append(False)
    if index % 4 == 1:
        steps += [
            ("tap", "Supprimer", (f"Supprimer {name}",)),
            ("tap", "Oui", (f"{name} ({code}) a été supprimé",)),
        ]
        expected.deleted[index] = True
    if index % 4 == 3:
        restored = index - 2
        steps += [
            ("send", "/start", ("Dupont Chauffage",)),
            ("tap", "Corbeille", ("supprimés depuis moins de 30 jours",)),
            ("tap", name_of(restored), (f"Restaurer {name_of(restored)}",)),
            ("tap", "Oui", ("FICHE CLIENT", name_of(restored))),
        ]
        expected.deleted[restored] = False
    return steps


def shown(user: FakeUser, fragments: tuple[str, ...]) -> bool:
    messages = user.messages
    return bool(messages) and all(f in messages[-1].text for f in fragments)


def has_button(user: FakeUser, label: str) -> bool:
    return any(label in b["text"] for m in user.messages for row in m.keyboard for b in row)


def wait_for(user: FakeUser, seen: Callable[[], bool], what: str, bot: BotLives) -> None:
    """Until `seen()`, bringing the bot back whenever it dies."""
    deadline = time.monotonic() + SHOWN_WITHIN
    telegram = user.api.telegram
    while True:
        bot.revive()
        with telegram.lock:
            if seen():
                return
            telegram.lock.wait(0.2)
        assert time.monotonic() < deadline, f"never shown: {what}: {user.describe()}"


def take(step: Step, user: FakeUser, api: FakeBotApi, bot: BotLives, chance: random.Random) -> None:
    """One step, with maybe a kill armed, an unconfirmed fetch, or a kill at any instant."""
    action, what, then = step
    bot.wait_until_handled(reviving=True)
    if chance.random() < ARMED:
        bot.arm(f"{chance.choice(POINTS)}#{chance.choice((1, 1, 2))}")
    if chance.random() < UNCONFIRMED:
        api.fail_polling("502")
    if action == "tap":
        wait_for(user, lambda: has_button(user, what), f"a button {what!r}", bot)
        user.press(what)
    else:
        user.send(what)
    if chance.random() < KILLED_ANY_TIME:
        time.sleep(chance.uniform(0, 0.3))
        bot.kill()
    wait_for(user, lambda: shown(user, then), repr(then), bot)


def test_a_day_of_work_killed_at_random_ends_with_exactly_what_it_asked_for(
    tmp_path: Path, api: FakeBotApi, database_url: str, engine: object
) -> None:
    kills = int(os.environ.get(KILLS) or SHORT_RUN_KILLS)
    seed = int(os.environ.get(SEED) or random.randrange(1_000_000))
    chance = random.Random(seed)
    on_database(
        database_url,
        lambda services: services.accounts.create_account(
            "Dupont Chauffage", manager_telegram_id=MARIE, manager_name="Marie"
        ),
    )
    marie = api.user(MARIE)
    expected = Expected()
    started = time.monotonic()
    steps = 0
    with BotLives(tmp_path, api, database_url) as bot:
        while len(bot.deaths) < kills:
            for step in client_day(len(expected.towns), expected):
                take(step, marie, api, bot, chance)
                steps += 1
        bot.disarm()
        bot.wait_until_handled(reviving=True)
    print(
        f"\n{KILLS}={kills} {SEED}={seed}: {len(bot.deaths)} kills in {steps} steps, "
        f"{len(expected.towns)} clients, {time.monotonic() - started:.0f} s; deaths: "
        + ", ".join(f"{point} {n}" for point, n in Counter(bot.deaths).most_common())
    )
    assert clients_on(database_url) == list(
        zip(
            [name_of(i) for i in range(len(expected.towns))],
            expected.towns,
            expected.deleted,
            strict=True,
        )
    ), f"seed {seed}"
    assert invoices_on(database_url) == expected.invoices, f"seed {seed}"


def clients_on(url: str) -> list[tuple[str, str, bool]]:
    """Every client of the database, in code order: name, town, whether deleted."""

    async def read(engine: AsyncEngine) -> list[tuple[str, str, bool]]:
        statement = select(Client.name, Client.city, Client.deleted_at.is_not(None))
        async with engine.connect() as connection:
            rows = await connection.execute(statement.order_by(Client.code))
            return [(name, city, bool(deleted)) for name, city, deleted in rows]

    return on_engine(url, read)


def invoices_on(url: str) -> list[tuple[str, str]]:
    """Every document of the database in number order, each closed: client, number."""

    async def read(engine: AsyncEngine) -> list[tuple[str, str]]:
        statement = (
            select(Client.name, Document.number, Document.status)
            .join(Client, Client.id == Document.client_id)
            .order_by(Document.number)
        )
        async with engine.connect() as connection:
            rows = list(await connection.execute(statement))
        assert {row.status for row in rows} <= {DocumentStatus.CLOTURE}, rows
        return [(row.name, row.number) for row in rows]

    return on_engine(url, read)
