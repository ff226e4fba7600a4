"""The process dies: killed (SIGKILL) in the middle of a form or of a save, or its network to
Telegram fails while polling. After a restart no client is half-written, the form resumes,
and the updates sent meanwhile are all processed."""

from __future__ import annotations

import asyncio
import signal
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from bot.persistence import SqlPersistence
from lokisi.db import create_engine, session_factory
from lokisi.schemas import ClientView, MemberView
from lokisi.services import Services
from tests.bot.conftest import started_application
from tests.factories import professional
from tests.support import fake_bot_api
from tests.support.driver import TelegramUser
from tests.support.fake_bot_api import TOKEN, FakeBotApi, FakeUser
from tests.support.processes import LOKISI_BOT, kill, new_client_half_filled, tap
from tests.support.recording_request import RecordingRequest
from tests.support.serving import serving

MARIE = 1001


@pytest.fixture
def api() -> Iterator[FakeBotApi]:
    with fake_bot_api.fake_bot_api() as running:
        yield running


# Polling through network faults


async def test_polling_rides_out_network_faults_and_catches_up(
    api: FakeBotApi, services: Services, manager: MemberView
) -> None:
    await services.clients.create(manager, professional())
    api.fail_polling("502", "drop", "429", "drop", "502")
    marie = api.user(MARIE)
    marie.send("/start")
    marie.send("Boulangerie")
    async with serving(api, services):
        await asyncio.to_thread(marie.wait_for_text, "Dupont Chauffage")
        await asyncio.to_thread(marie.wait_for_text, "« Boulangerie »")
        marie.send("/menu")
        await asyncio.to_thread(
            api.wait_until,
            lambda: sum("Dupont Chauffage" in m.text for m in marie.messages) == 2,
            lambda: "the menu a second time",
        )
    assert api.telegram.polling_faults == []


# A crash between the save and the write of the form's state


async def test_a_crash_just_after_a_save_does_not_save_the_client_twice(
    services: Services, manager: MemberView, monkeypatch: pytest.MonkeyPatch
) -> None:
    telegram = RecordingRequest()
    before = await started_application(services, telegram)
    marie = TelegramUser(before, telegram, MARIE, "Marie")
    await marie.send("/start")
    await marie.press("+ Nouveau client")
    await marie.press("Oui")
    await marie.send("Chaudronnerie Vasseur")
    # The process dies once the client is committed, before the form's end is stored.
    with monkeypatch.context() as crash:
        crash.setattr(SqlPersistence, "_save", nothing_stored)
        crash.setattr(SqlPersistence, "_drop", nothing_stored)
        await marie.press("Enregistrer")
    after = await started_application(services, telegram)
    marie = TelegramUser(after, telegram, MARIE, "Marie")
    await marie.send("/start")
    if any("Enregistrer" in label for row in marie.buttons() for label in row):
        await marie.press("Enregistrer")
    await after.shutdown()
    found = await services.clients.search(manager, "Chaudronnerie")
    assert [c.name for c in found.items] == ["Chaudronnerie Vasseur"]


async def nothing_stored(*_: object) -> None:
    """A persistence write that never happens: the process is gone."""


# The real program, killed


@contextmanager
def bot_process(env: dict[str, str], cwd: Path, log: Path) -> Iterator[subprocess.Popen[bytes]]:
    """`lokisi-bot run` until the block ends (then SIGTERM), unless the test killed it."""
    with log.open("a") as output:
        process = subprocess.Popen(
            [LOKISI_BOT, "run"], env=env, cwd=cwd, stdout=output, stderr=subprocess.STDOUT
        )
        try:
            yield process
        finally:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
                try:
                    process.wait(timeout=15)
                finally:
                    process.kill()


def saved_or_resumed(user: FakeUser) -> str | None:
    for message in user.messages:
        if "Hôtel du Nord" in message.text and "FICHE CLIENT" in message.text:
            return "saved"
        if "Hôtel du Nord" in message.text and "formulaire est en cours" in message.text:
            return "resumed"
    return None


def clients_named(url: str, name: str) -> list[ClientView]:
    """The clients of Marie's account found by searching their name (so with their terms)."""

    async def find() -> list[ClientView]:
        engine = create_engine(url)
        try:
            services = Services.over(session_factory(engine))
            member = await services.accounts.member_for(MARIE)
            assert member is not None
            page = await services.clients.search(member, name)
            return [await services.clients.get(member, c.id) for c in page.items]
        finally:
            await engine.dispose()

    return asyncio.run(find())


def test_the_real_bot_killed_mid_form_and_mid_save_loses_nothing_and_writes_no_half_client(
    tmp_path: Path, api: FakeBotApi, database_url: str, engine: object
) -> None:
    env = {
        "PATH": "/usr/bin:/bin",
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "TELEGRAM_API_BASE_URL": api.base_url,
        # The public registers stay off: tests never reach the internet.
        "COMPANY_LOOKUP_URL": "",
        "GEOCODER_URL": "",
        "DATABASE_URL": database_url,
    }
    log = tmp_path / "bot.log"
    subprocess.run(
        [LOKISI_BOT, "account", "create", "Dupont Chauffage", "--manager", str(MARIE)],
        env=env,
        cwd=tmp_path,
        check=True,
        capture_output=True,
    )
    marie = api.user(MARIE)

    with bot_process(env, tmp_path, log) as bot:
        new_client_half_filled(marie, "Chaudronnerie Vasseur", database_url)
        kill(bot)

    with bot_process(env, tmp_path, log) as bot:
        marie.send("06 12 34 56 78")
        marie.wait_for_text("Chaudronnerie Vasseur", "6 12 34 56 78")
        tap(marie, "Enregistrer")
        marie.wait_for_text("FICHE CLIENT", "Chaudronnerie Vasseur")
        new_client_half_filled(marie, "Hôtel du Nord", database_url)
        # Killed as the save arrives: before, during or after its transaction.
        marie.press("Enregistrer")
        kill(bot)

    assert len(clients_named(database_url, "Hôtel du Nord")) <= 1
    with bot_process(env, tmp_path, log):
        # Telegram delivers again what the killed process had not confirmed: the press may
        # be saved now; if it was lost, the form is still there to save.
        marie.send("/start")
        api.wait_until(
            lambda: saved_or_resumed(marie) is not None,
            lambda: f"the card or the form of Hôtel du Nord: {marie.describe()}",
        )
        if saved_or_resumed(marie) == "resumed":
            tap(marie, "Enregistrer")
            marie.wait_for_text("FICHE CLIENT", "Hôtel du Nord")
        marie.send("Chaudronnerie")
        marie.wait_for_text("« Chaudronnerie »")
    [vasseur] = clients_named(database_url, "Chaudronnerie Vasseur")
    assert (vasseur.code, vasseur.mobile) == ("CLI-000001", "+33612345678")
    [hotel] = clients_named(database_url, "Hôtel du Nord")
    assert hotel.code == "CLI-000002"
