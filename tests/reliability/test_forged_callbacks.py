"""Forged, garbled and outdated callback data: a modified Telegram client can send any text
as a button's data. Whatever it sends, the member gets a short alert or a harmless screen of
their own account; nothing of another account is shown or changed, and refusals are logged.

Every payload class of bot/payloads.py is attacked through the codec's registry, so a button
added later is covered without touching this file.
"""

from __future__ import annotations

import dataclasses
import itertools
import logging
import typing
from collections import defaultdict
from collections.abc import Iterator
from enum import StrEnum
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine

from bot import payloads
from bot.callbacks import SEPARATOR, CallbackData, InvalidCallbackData, _encode
from bot.i18n import t
from lokisi.models import AuditEvent
from lokisi.schemas import MemberView
from lokisi.services import Services
from tests.reliability.world import Company, leaks, snapshot
from tests.support.driver import TelegramUser
from tests.support.recording_request import RecordedCall

# What a technicien may do (the audit names every change): everything else is a manager's.
TECHNICIEN_ACTIONS = {
    "member.join",
    "client.create",
    "client.update",
    "document.create",
    "document.en_cours",
}
# Buttons whose handler is for managers: a technicien pressing them gets this alert.
MANAGER_BUTTONS = (
    payloads.Delete,
    payloads.SelectionDelete,
    payloads.Settings,
    payloads.SetInterventionStart,
    payloads.SetRentalStart,
    payloads.SetActivityFeed,
    payloads.Invite,
    payloads.DocumentClose,
    payloads.DocumentCancel,
    payloads.Trash,
    payloads.Restore,
)
REFUSALS = {
    t("fr", "errors.not_found_client"),
    t("fr", "errors.not_found_document"),
    t("fr", "errors.not_found_attachment"),
    t("fr", "errors.not_found_note"),
    t("fr", "access.invalid_button"),
}

Ids = dict[str, list[int]]
Strings = dict[str, list[str]]


def _values(name: str, hint: Any, ids: Ids, strings: Strings) -> list[Any]:
    """Values to forge for one field: the given ids, every enum value, both booleans, and
    for text the values seen on real buttons (query ids...) besides a made-up one."""
    options = typing.get_args(hint)
    if type(None) in options:
        inner = next(option for option in options if option is not type(None))
        return [None, *_values(name, inner, ids, strings)]
    if hint is bool:
        return [False, True]
    if hint is int:
        # "document_id" gets document ids, "note_id" note ids...; cursors ("after") client ids.
        return ids.get(name.removesuffix("_id"), ids["client"])
    if isinstance(hint, type) and issubclass(hint, StrEnum):
        return list(hint)
    if hint is str:
        return ["forged", *strings.get(name, [])]
    raise AssertionError(f"no forgery for {name}: {hint!r}; teach this test the new type")


def company_ids(company: Company) -> Ids:
    """The ids of every kind of record of a company, to forge buttons with."""
    return {
        "client": [company.client.id, company.deleted.id],
        "document": [company.document.id],
        "attachment": [company.attachment.id],
        "note": [company.note.id],
    }


def forgeries(cls: type[CallbackData], ids: Ids, strings: Strings) -> Iterator[str]:
    """Every combination of forged values for the fields of one payload class, packed; those
    the codec refuses to build (a form field that does not exist) are written out by hand, as
    a modified client would send them."""
    hints = typing.get_type_hints(cls)
    fields = dataclasses.fields(cls)  # type: ignore[arg-type]
    choices = [_values(f.name, hints[f.name], ids, strings) for f in fields]
    for combination in itertools.product(*choices):
        try:
            yield cls(*combination).pack()
        except ValueError:
            yield SEPARATOR.join([cls.prefix, *(_encode(v, "") for v in combination)])


def every_forgery(ids: Ids, strings: Strings | None = None) -> list[str]:
    return [
        data
        for cls in CallbackData._registry.values()
        for data in forgeries(cls, ids, strings or {})
    ]


def texts_on_buttons(user: TelegramUser) -> Strings:
    """The text fields of the payloads on every button the bot showed the user."""
    seen: dict[str, set[str]] = defaultdict(set)
    for message in user.messages:
        for row in message.keyboard:
            for button in row:
                data = button.get("callback_data")
                cls = CallbackData._registry.get(str(data).split(":")[0])
                if data is None or cls is None:
                    continue
                payload = cls.unpack(data)
                for field in dataclasses.fields(payload):
                    value = getattr(payload, field.name)
                    if isinstance(value, str) and not isinstance(value, StrEnum):
                        seen[field.name].add(value)
    return {name: sorted(values) for name, values in seen.items()}


def alerts(calls: list[RecordedCall]) -> list[str]:
    return [
        call.params.get("text", "")
        for call in calls
        if call.method == "answerCallbackQuery" and call.params.get("show_alert")
    ]


def screens(calls: list[RecordedCall]) -> list[RecordedCall]:
    return [call for call in calls if call.method.startswith(("send", "edit"))]


async def test_buttons_forged_with_another_accounts_ids_show_and_change_nothing_of_it(
    marie: TelegramUser,
    ours: Company,
    theirs: Company,
    engine: AsyncEngine,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO, logger="bot")
    await marie.send("/start")
    await marie.send("Boulangerie")
    ids = company_ids(theirs)
    before = await snapshot(engine, theirs.manager.account_id)
    forged = every_forgery(ids, texts_on_buttons(marie))
    assert len(forged) > len(CallbackData._registry)
    for data in forged:
        caplog.clear()
        calls = await marie.press_data(data, marie.last_message.message_id)
        assert leaks(calls, theirs.secrets) == [], data
        if set(alerts(calls)) & REFUSALS:
            assert any(r.name.startswith("bot.") for r in caplog.records), f"{data}: not logged"
        assert await snapshot(engine, theirs.manager.account_id) == before, data


async def test_a_genuine_yes_button_rewritten_for_another_accounts_client_creates_nothing(
    marie: TelegramUser, ours: Company, theirs: Company, engine: AsyncEngine
) -> None:
    before = await snapshot(engine, theirs.manager.account_id)
    for label in ("Créer une vente", "Créer une intervention"):
        await marie.send("/start")
        await marie.press_data(payloads.Card(ours.client.id).pack(), marie.last_message.message_id)
        await marie.press(label)
        yes = payloads.DocumentStart.unpack(button_data(marie, "Oui"))
        forged = dataclasses.replace(yes, client_id=theirs.client.id).pack()
        calls = await marie.press_data(forged, marie.last_message.message_id)
        assert alerts(calls) == [t("fr", "errors.not_found_client")]
        assert leaks(calls, theirs.secrets) == []
    # "Au choix": the second message's kind buttons carry their own one-time token.
    await marie.press_data(payloads.Card(ours.client.id).pack(), marie.last_message.message_id)
    await marie.press("Créer une intervention")
    await marie.press("Oui")
    devis = payloads.DocumentKindChoice.unpack(button_data(marie, "Devis"))
    forged = dataclasses.replace(devis, client_id=theirs.client.id).pack()
    calls = await marie.press_data(forged, marie.last_message.message_id)
    assert alerts(calls) == [t("fr", "errors.not_found_client")]
    assert await snapshot(engine, theirs.manager.account_id) == before


def button_data(user: TelegramUser, label: str) -> str:
    """The callback data of the latest button whose label ends with `label`."""
    for message in reversed(user.messages):
        for row in message.keyboard:
            for button in row:
                if button["text"].endswith(label) and "callback_data" in button:
                    return str(button["callback_data"])
    raise AssertionError(f"no button {label!r}")


async def test_a_technicien_pressing_any_button_of_their_account_does_no_managers_work(
    theo: TelegramUser,
    technicien: MemberView,
    ours: Company,
    services: Services,
    engine: AsyncEngine,
) -> None:
    await theo.send("/start")
    ids = company_ids(ours)
    refused = {cls.prefix for cls in MANAGER_BUTTONS}
    for data in every_forgery(ids):
        calls = await theo.press_data(data, theo.last_message.message_id)
        if data.split(":")[0] in refused:
            assert alerts(calls) == [t("fr", "errors.permission")], data
    async with engine.connect() as connection:
        actions = set(
            await connection.scalars(
                select(AuditEvent.action).where(AuditEvent.actor_member_id == technicien.id)
            )
        )
    assert actions <= TECHNICIEN_ACTIONS
    # "Passer en cours" is everyone's; closing and cancelling are a manager's.
    assert (await services.documents.get(ours.manager, ours.document.id)).status.is_open
    assert [c.id for c in await services.trash.contents(ours.manager)] == [ours.deleted.id]
    assert await services.accounts.account(ours.manager) == await services.accounts.account(
        technicien
    )


@pytest.mark.parametrize(
    "data",
    [
        "",
        ":",
        "c",
        "c:",
        "c::",
        "c:1:2",
        "dx:1",
        "dx:1:1:1",
        "c:-1",
        "c:0",
        "c:999999999999999999",
        "c:99999999999999999999",
        "c:1e3",
        "c:0x10",
        "c: 1",
        "ci:nope",
        "cf:2",
        "c:" + "1" * 70,
        "x" * 65,
        "é" * 40,
        "\x00\x01\x02",
        "c:\u0661",
        "c:１",
        bytes(range(1, 65)).decode("latin-1"),
        "c:\ud800",
    ],
    ids=repr,
)
async def test_garbled_callback_data_gets_an_alert_and_a_log_line(
    marie: TelegramUser, ours: Company, data: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="bot")
    await marie.send("/start")
    calls = await marie.press_data(data, marie.last_message.message_id)
    assert len(alerts(calls)) == 1 and not screens(calls)
    assert any(r.name.startswith("bot.") for r in caplog.records)


async def test_an_old_button_of_a_deleted_client_says_the_client_is_gone(
    marie: TelegramUser, ours: Company, services: Services
) -> None:
    await marie.send("/start")
    await marie.press_data(payloads.Card(ours.client.id).pack(), marie.last_message.message_id)
    card = marie.last_message.message_id
    await services.documents.close(ours.manager, ours.document.id)
    await services.clients.delete(ours.manager, ours.client.id)
    old_buttons = [data for data in callbacks_on(marie, card) if data != payloads.Menu().pack()]
    assert len(old_buttons) >= 7
    for data in old_buttons:
        calls = await marie.press_data(data, card)
        assert alerts(calls) == [t("fr", "errors.not_found_client")], data


def callbacks_on(user: TelegramUser, message_id: int) -> list[str]:
    message = user.message(message_id)
    return [b["callback_data"] for row in message.keyboard for b in row if "callback_data" in b]


@pytest.mark.parametrize(
    "data",
    ["c:2147483648", "c:-2147483649", "c:\u0661", "c:\uff11", "c:\ud800", "c:+1", "c:1_0"],
    ids=repr,
)
def test_the_codec_reads_only_what_pack_writes(data: str) -> None:
    with pytest.raises(InvalidCallbackData):
        payloads.Card.unpack(data)


def test_the_codec_reads_the_largest_database_id() -> None:
    assert payloads.Card.unpack("c:2147483647") == payloads.Card(2**31 - 1)
