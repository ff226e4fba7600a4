"""The realistic mix: what members do all day, as journeys that press the buttons the bot sent.

A journey is a generator of steps; after each step it is sent back what the bot answered
(the buttons of its latest message in the chat), so that the next step presses a button the
bot really showed: a client of the results, "Suivant", "Oui" with its single-use token...
Steps only fall back to a payload built here when the bot showed no such button.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Generator
from dataclasses import dataclass, field
from typing import Any

from benchmarks import data
from benchmarks.seed import Manifest, Member
from bot.callbacks import CallbackData
from bot.payloads import (
    Call,
    Card,
    Delete,
    DocumentKindChoice,
    DocumentOpen,
    Documents,
    DocumentStart,
    Edit,
    FormField,
    FormSave,
    FormType,
    ListPage,
    Locate,
    NewClient,
    SearchPage,
)
from lokisi.enums import ClientType, DocumentFamily

Pick = Callable[[str], bool]


@dataclass(frozen=True)
class Step:
    """One update a member sends: a text, or a press on a button of the bot's latest message."""

    label: str
    text: str | None = None
    pick: Pick | None = None
    fallback: str | None = None


@dataclass
class Outcome:
    """What the member sees after a step: the data pressed and the buttons now shown."""

    pressed: str | None = None
    buttons: list[str] = field(default_factory=list)
    alert: str | None = None


Journey = Generator[Step, Outcome, None]
OpeningJourney = Generator[Step, Outcome, int | None]


def kind(payload: type[CallbackData], test: Callable[[Any], bool] | None = None) -> Pick:
    """Buttons carrying this payload class (and passing `test`, if given)."""
    head = payload.prefix + ":"

    def pick(data: str) -> bool:
        if not (data == payload.prefix or data.startswith(head)):
            return False
        return test is None or test(payload.unpack(data))

    return pick


def client_of(outcome: Outcome) -> int | None:
    """The client whose card was just opened, from the data of the press."""
    pressed = outcome.pressed or ""
    return Card.unpack(pressed).client_id if kind(Card)(pressed) else None


class World:
    """The seeded data as journeys see it: whom to look for, and with what words."""

    def __init__(self, manifest: Manifest, rng: random.Random) -> None:
        self.manifest = manifest
        self.rng = rng
        self.queries = data.search_queries(rng, 2_000)

    def query(self) -> str:
        return self.rng.choice(self.queries)

    def broad_query(self) -> str:
        """A town or a frequent name: many pages of results."""
        return self.rng.choice(("Paris", "Martin", "Lyon", "boul", "garage", "Marseille"))

    def any_client(self) -> int:
        return self.rng.randint(self.manifest.first_client_id, self.manifest.last_client_id)

    def code_of(self, client_id: int) -> str:
        return f"CLI-{client_id - self.manifest.first_client_id + 1:06d}"

    def blocked_client(self) -> int:
        blocked = self.manifest.blocked_client_ids
        return self.rng.choice(blocked) if blocked else self.any_client()


def open_a_client(world: World) -> OpeningJourney:
    """Type part of a name, then open one of the clients found."""
    yield Step("search", text=world.query())
    outcome = yield Step("card", pick=kind(Card), fallback=Card(world.any_client()).pack())
    return client_of(outcome)


def find_and_reach(world: World, member: Member) -> Journey:
    """The technician's daily task: find the client, then navigate to it or call it."""
    client_id = yield from open_a_client(world)
    roll = world.rng.random()
    if client_id is not None and roll < 0.6:
        yield Step("locate", pick=kind(Locate), fallback=Locate(client_id).pack())
    elif client_id is not None and roll < 0.8:
        yield Step("call", pick=kind(Call))


def browse(world: World, member: Member) -> Journey:
    """A broad search or the whole list, paged through, then one client opened."""
    if world.rng.random() < 0.7:
        yield Step("search", text=world.broad_query())
        next_page = kind(SearchPage, lambda p: p.after is not None)
    else:
        yield Step("menu", text="/start")
        yield Step("list", pick=kind(ListPage, lambda p: not p.select), fallback=ListPage().pack())
        next_page = kind(ListPage, lambda p: p.after is not None)
    for _ in range(world.rng.randint(1, 4)):
        yield Step("page", pick=next_page)
    yield Step("card", pick=kind(Card), fallback=Card(world.any_client()).pack())


def create_document(world: World, member: Member) -> Journey:
    """Créer une intervention (or a rental, a sale, an invoice): card → "Oui" → maybe a kind."""
    client_id = yield from open_a_client(world)
    if client_id is None:
        return
    family = world.rng.choice(tuple(DocumentFamily))
    yield Step(
        "document.ask",
        pick=kind(DocumentStart, lambda p: p.family is family and p.token is None),
        fallback=DocumentStart(family, client_id).pack(),
    )
    outcome = yield Step("document.create", pick=kind(DocumentStart, _confirmed))
    if any(kind(DocumentKindChoice)(b) for b in outcome.buttons):
        yield Step("document.kind", pick=kind(DocumentKindChoice))


def read_documents(world: World, member: Member) -> Journey:
    """A client's documents, then one of them."""
    client_id = world.blocked_client()
    yield Step("search", text=world.code_of(client_id))
    yield Step("card", pick=kind(Card), fallback=Card(client_id).pack())
    yield Step("documents", pick=kind(Documents), fallback=Documents(client_id).pack())
    yield Step("document.open", pick=kind(DocumentOpen))


def try_delete(world: World, member: Member) -> Journey:
    """A manager deletes a client whose documents are in progress: refused, documents named."""
    client_id = world.blocked_client()
    yield Step("search", text=world.code_of(client_id))
    yield Step("card", pick=kind(Card), fallback=Card(client_id).pack())
    yield Step("delete.ask", pick=kind(Delete, _asking), fallback=Delete(client_id).pack())
    yield Step("delete.confirm", pick=kind(Delete, _confirmed))


def _asking(payload: Any) -> bool:
    """The button that asks "Oui" / "Non" (bot.confirmation)."""
    return payload.token is None


def _confirmed(payload: Any) -> bool:
    """Its "Oui"."""
    return payload.token is not None


def _field_is(name: str) -> Callable[[Any], bool]:
    return lambda payload: payload.field == name


def fill_form(world: World, values: dict[str, str], label: str) -> Journey:
    """Each field through the form's buttons: "Raison sociale" → typed value, ... → save."""
    for name, value in values.items():
        outcome = yield Step(f"{label}.field", pick=kind(FormField, _field_is(name)))
        if outcome.pressed is not None:
            yield Step(f"{label}.value", text=value)
    yield Step(f"{label}.save", pick=kind(FormSave), fallback=FormSave().pack())


def create_client(world: World, member: Member) -> Journey:
    """Créer un client: "+ Nouveau client" → "Oui" → the form → "Enregistrer"."""
    rng = world.rng
    fields = data.client_fields(rng)
    yield Step("menu", text="/start")
    yield Step("form.new", pick=kind(NewClient, _asking), fallback=NewClient().pack())
    yield Step("form.confirm", pick=kind(NewClient, _confirmed))
    client_type = fields["type"]
    yield Step("form.type", pick=kind(FormType, lambda p: p.client_type is ClientType(client_type)))
    typed = {
        "name": fields["name"],
        "mobile": "06 " + " ".join(f"{rng.randrange(100):02d}" for _ in range(4)),
        "address_line1": data.street(rng),
        "postal_code": data.town(rng).postal_code,
        "city": fields["city"],
    }
    yield from fill_form(world, typed, "form")


def edit_client(world: World, member: Member) -> Journey:
    """Modifier un client: card → "Modifier" → a field → "Enregistrer"."""
    client_id = yield from open_a_client(world)
    if client_id is None:
        return
    yield Step("edit.open", pick=kind(Edit), fallback=Edit(client_id).pack())
    rng = world.rng
    yield from fill_form(world, {"phone": data.landline(rng).replace("+33", "0")}, "edit")


JOURNEYS: tuple[tuple[Callable[[World, Member], Journey], int, bool], ...] = (
    # (journey, weight, managers only)
    (find_and_reach, 40, False),
    (browse, 15, False),
    (create_document, 12, False),
    (read_documents, 6, False),
    (edit_client, 10, False),
    (create_client, 10, True),
    (try_delete, 7, True),
)


def next_journey(world: World, member: Member) -> tuple[str, Journey]:
    allowed = [(j, w) for j, w, managers in JOURNEYS if member.role == "manager" or not managers]
    journey = world.rng.choices([j for j, _ in allowed], [w for _, w in allowed])[0]
    return journey.__name__, journey(world, member)
