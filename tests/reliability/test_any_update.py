"""Any update the Bot API describes, survived: updates built from the Bot API 10.1 description
itself (tests/support/update_strategies.py) — every kind of update (messages, edits, channel
posts, business messages, reactions, chat member changes, inline queries with any offset,
callback queries from inline messages...), every optional field, any value the types allow,
and forged button data and offsets beyond them — from members of two companies, an outsider
and people nobody knows, in their chats, groups linked or not, and chats of any kind.

After each update: no handler raised, every callback and inline query was answered exactly
once, every Bot API call was valid, and nothing of one company reached anyone of the other.
A short run is part of the suite; LOKISI_ANY_UPDATE_EXAMPLES selects a long one (README,
"Reliability").
"""

from __future__ import annotations

import asyncio
import itertools
import json
import os
import time
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from telegram import Update
from telegram.error import Forbidden

from bot.app import BotApplication, build_application
from lokisi.db import create_engine, session_factory
from lokisi.enums import DocumentFamily, Role
from lokisi.services import Services
from tests.bot.conftest import offline_settings
from tests.conftest import empty_tables
from tests.factories import private_person, professional
from tests.reliability.test_property import commands, forged_data, texts
from tests.support import builders
from tests.support.driver import TelegramUser
from tests.support.recording_request import RecordedCall, RecordingRequest
from tests.support.update_strategies import DATES, IDS, STRINGS, update_fields, updates

LONG_RUN = "LOKISI_ANY_UPDATE_EXAMPLES"
UPDATES_PER_EXAMPLE = 8
# Seeded names no random input produces: seeing one where the other company is, is a leak.
NAMES = {
    "Dupont Chauffage": ("Chaudronnerie Vasseur", "Plomberie Lefèvre"),
    "Autre Société": ("Secret Industries SA", "Confidentiel Dubois"),
}
LINKED_GROUP = -1001234567890
UNLINKED_GROUP = -1009876543210
# Callback data "<seen:N>" becomes the N-th button the bot really sent (modulo their number).
SEEN = "<seen:"

PEOPLE = {
    "marie": builders.user_dict(1001, "Marie"),
    "theo": builders.user_dict(1002, "Théo"),
    "olga": builders.user_dict(2001, "Olga", "en"),
    "stranger": builders.user_dict(3003, "Inconnu", None),
}
ACCOUNT_OF_PERSON = {1001: "Dupont Chauffage", 1002: "Dupont Chauffage", 2001: "Autre Société"}
CHATS = [
    builders.group_chat(LINKED_GROUP, chat_type="supergroup"),
    builders.group_chat(UNLINKED_GROUP, "Autre groupe", chat_type="supergroup"),
    {"id": -1001111111111, "type": "channel", "title": "Canal"},
]
users = st.one_of(
    st.sampled_from(list(PEOPLE.values())),
    st.fixed_dictionaries(
        {"id": IDS, "is_bot": st.booleans(), "first_name": STRINGS},
        optional={"language_code": st.sampled_from(["fr", "en", "de", ""]) | STRINGS},
    ),
)
chats = st.one_of(
    st.sampled_from([builders.private_chat(p) for p in PEOPLE.values()] + CHATS),
    st.fixed_dictionaries(
        {"id": IDS, "type": st.sampled_from(["private", "group", "supergroup", "channel"])}
    ),
)
# Telegram's query ids are never empty, and never repeat.
query_ids = st.uuids().map(str)
OVERRIDES: dict[Any, st.SearchStrategy[Any]] = {
    "User": users,
    ("CallbackQuery", "id"): query_ids,
    ("InlineQuery", "id"): query_ids,
    "Chat": chats,
    ("CallbackQuery", "data"): st.one_of(
        st.integers(0, 10_000).map(lambda n: f"{SEEN}{n}>"), forged_data
    ),
    ("Message", "text"): st.one_of(texts, commands),
    ("InlineQuery", "query"): st.one_of(
        st.sampled_from(["", "dupont", "Chaudronnerie", "Secret", "lefèvre"]),
        texts.map(lambda text: text[:256]),
    ),
    # The bot's own offsets are client ids; a modified client may send any text, numbers no
    # database column holds included.
    ("InlineQuery", "offset"): st.one_of(
        st.just(""),
        st.text(max_size=30),
        st.integers(1, 50).map(str),
        st.integers(-(2**80), 2**80).map(str),
        # Past PostgreSQL's INTEGER, past SQLite's, Unicode digits.
        st.sampled_from([str(2**31), str(2**63), "9" * 20, "١٢"]),
    ),
}
# Updates the bot acts on come more often: they are where its code is. Besides whatever the
# description allows, the plain shapes users send most: a text, a press on a message of a
# chat or on a card shared through inline mode (no chat), an inline query.
MAIN_KINDS = ["message", "callback_query", "inline_query", "edited_message"]
MESSAGE_IDS = st.integers(1, 60)
BUTTON_DATA = OVERRIDES["CallbackQuery", "data"]
# (Made the sender's own by `coherent`.)
PRIVATE = {"id": 0, "type": "private"}
their_chats = st.one_of(st.just(PRIVATE), st.just(CHATS[0]), chats)
typed = st.fixed_dictionaries(
    {
        "message_id": MESSAGE_IDS,
        "date": DATES,
        "chat": their_chats,
        "from": users,
        "text": st.one_of(commands, OVERRIDES["Message", "text"]),
    }
).map(lambda message: {"message": message})
pressed = st.fixed_dictionaries(
    {"id": query_ids, "from": users, "chat_instance": STRINGS, "data": BUTTON_DATA},
    optional={
        "message": st.fixed_dictionaries({"message_id": MESSAGE_IDS, "date": DATES, "chat": chats}),
        "inline_message_id": STRINGS,
    },
).map(lambda query: {"callback_query": query})
asked = st.fixed_dictionaries(
    {
        "id": query_ids,
        "from": users,
        "query": OVERRIDES["InlineQuery", "query"],
        "offset": OVERRIDES["InlineQuery", "offset"],
    }
).map(lambda query: {"inline_query": query})
any_update = st.tuples(
    st.one_of(
        typed,
        pressed,
        asked,
        updates(OVERRIDES, MAIN_KINDS),
        updates(OVERRIDES, update_fields()),
    ),
    st.sampled_from(list(PEOPLE.values())),
)


class World:
    """Both companies over the test database, and the application that serves them."""

    def __init__(self, database_url: str) -> None:
        self.runner = asyncio.Runner()
        self.engine = create_engine(database_url)
        self.services = Services.over(session_factory(self.engine))
        self.recorder = RecordingRequest()
        self.update_ids = itertools.count(1)
        self.seen: list[str] = []
        self.checked = 0
        self.updates = 0
        self.run(self.seed())
        self.application: BotApplication = build_application(
            offline_settings(), self.services, request=self.recorder, with_updater=False
        )
        self.run(self.application.initialize())
        for person in PEOPLE.values():
            self.recorder.register_chat(builders.private_chat(person))
        for chat in CHATS:
            self.recorder.register_chat(chat)
        # Any update goes through one driver, whose error handler collects what handlers raise.
        # Telegram refusing a message to a chat the bot cannot write to (a channel of a forged
        # press, say) is Forbidden, which the bot's error handler logs and drops: the press
        # was answered first, and answered_once checks it.
        self.driver = TelegramUser(self.application, self.recorder, 1001, tolerate=(Forbidden,))

    def run(self, coroutine: Any) -> Any:
        return self.runner.run(coroutine)

    async def seed(self) -> None:
        await empty_tables(self.engine)
        accounts = self.services.accounts
        _, marie = await accounts.create_account(
            "Dupont Chauffage", manager_telegram_id=1001, manager_name="Marie"
        )
        invitation = await accounts.invite(marie, Role.TECHNICIEN)
        await accounts.redeem(invitation.token, telegram_user_id=1002, name="Théo")
        _, olga = await accounts.create_account(
            "Autre Société", manager_telegram_id=2001, manager_name="Olga"
        )
        for manager, names in ((marie, NAMES["Dupont Chauffage"]), (olga, NAMES["Autre Société"])):
            first = await self.services.clients.create(manager, professional(name=names[0]))
            await self.services.clients.create(manager, private_person(name=names[1]))
            await self.services.documents.create(manager, first.id, DocumentFamily.VENTE)
        await self.services.groups.link(marie, LINKED_GROUP, "Équipe Dupont")

    def close(self) -> None:
        self.run(self.application.shutdown())
        self.run(self.engine.dispose())
        self.runner.close()

    def send(self, payload: dict[str, Any], sender: dict[str, Any]) -> None:
        """Process one update, then check everything that must hold after it."""
        self.updates += 1
        kind, body = next(iter(payload.items()))
        body = self.coherent(body, sender)
        update = Update.de_json(
            {"update_id": next(self.update_ids), kind: body}, self.application.bot
        )
        assert update is not None
        # Its query id may be an earlier one's: answered_once checks this update's answers.
        self.recorder.forget_queries()
        violations = len(self.recorder.violations)
        calls = self.run(self.driver.process(update))
        assert self.recorder.violations[violations:] == []
        self.answered_once(update, calls)
        self.nothing_of_the_other_company(update, calls)
        for call in calls:
            self.remember_buttons(call)

    def coherent(self, body: Any, sender: dict[str, Any]) -> Any:
        """What Telegram guarantees however the client is modified: an update's sender is
        who sent it, a private chat is the sender's own, a pressed message of the bot is as
        the bot left it; a command has its entity. Button data is what the test drew: a
        button the bot sent, or anything."""
        if not isinstance(body, dict):
            return body
        body = dict(body)
        if "from" in body:
            body["from"] = sender
        for holder in (body, body.get("message")):
            if isinstance(holder, dict) and isinstance(holder.get("chat"), dict):
                if holder["chat"].get("type") == "private":
                    holder["chat"] = builders.private_chat(sender)
                text = holder.get("text")
                if isinstance(text, str) and text.startswith("/"):
                    holder["entities"] = builders.command_entities(text)
        pressed = body.get("message")
        if "data" in body and isinstance(pressed, dict) and isinstance(pressed.get("chat"), dict):
            shown = self.recorder.messages[pressed["chat"]["id"]].get(pressed.get("message_id"))
            if shown is not None:
                body["message"] = json.loads(json.dumps(shown.payload))
        data = body.get("data")
        if isinstance(data, str) and data.startswith(SEEN):
            number = int(data.removeprefix(SEEN).rstrip(">"))
            body["data"] = self.seen[number % len(self.seen)] if self.seen else "c:1"
        return body

    @staticmethod
    def answered_once(update: Update, calls: list[RecordedCall]) -> None:
        for query, method, key in (
            (update.callback_query, "answerCallbackQuery", "callback_query_id"),
            (update.inline_query, "answerInlineQuery", "inline_query_id"),
        ):
            if query is not None:
                answers = [c for c in calls if c.method == method and c.params[key] == query.id]
                assert len(answers) == 1, (method, query, [c.method for c in calls])

    @staticmethod
    def nothing_of_the_other_company(update: Update, calls: list[RecordedCall]) -> None:
        user = update.effective_user
        sender_account = ACCOUNT_OF_PERSON.get(user.id) if user else None
        for call in calls:
            chat_id = _chat_of(call.params)
            if chat_id is None:
                # Answers to queries, and inline results, go to whoever sent the update.
                allowed = sender_account
            elif chat_id == LINKED_GROUP:
                allowed = "Dupont Chauffage"
            elif chat_id in ACCOUNT_OF_PERSON:
                allowed = ACCOUNT_OF_PERSON[chat_id]
            else:
                allowed = sender_account
            sent = json.dumps(call.params, ensure_ascii=False, default=str)
            foreign = [n for account, names in NAMES.items() if account != allowed for n in names]
            assert not [name for name in foreign if name in sent], (call.method, sent[:300])

    def remember_buttons(self, call: RecordedCall) -> None:
        markup = call.params.get("reply_markup")
        if isinstance(markup, str):
            markup = json.loads(markup)
        for row in (markup or {}).get("inline_keyboard", []) if isinstance(markup, dict) else []:
            self.seen.extend(b["callback_data"] for b in row if "callback_data" in b)


def _chat_of(params: dict[str, Any]) -> int | None:
    try:
        return int(params["chat_id"])
    except (KeyError, TypeError, ValueError):
        return None


@pytest.fixture
def world(database_url: str, engine: object) -> Iterator[World]:
    built = World(database_url)
    yield built
    built.close()


def test_any_update_the_bot_api_describes_breaks_nothing(world: World) -> None:
    wanted = int(os.environ.get(LONG_RUN, "0"))
    started = time.monotonic()

    @settings(
        max_examples=wanted or 100,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        database=None,
    )
    @given(st.lists(any_update, min_size=1, max_size=UPDATES_PER_EXAMPLE))
    def run(sent: list[tuple[dict[str, Any], dict[str, Any]]]) -> None:
        for payload, sender in sent:
            world.send(payload, sender)

    run()
    print(
        f"\nany-update run: {world.updates} updates, {len(set(world.seen))} buttons seen, "
        f"in {time.monotonic() - started:.0f} s"
    )
    assert world.updates > 0
