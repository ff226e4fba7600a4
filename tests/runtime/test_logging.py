"""The bot token never reaches a log, whatever writes it."""

from __future__ import annotations

import io
import json
import logging

import pytest
from pydantic import SecretStr

from bot.runtime import REDACTED, configure_logging
from bot.settings import Settings

TOKEN = "4242:AAFsecret-Part_of-the-token"


@pytest.fixture
def log_output() -> io.StringIO:
    stream = io.StringIO()
    settings = Settings(_env_file=None, telegram_bot_token=SecretStr(TOKEN), log_level="DEBUG")  # type: ignore[call-arg]
    configure_logging(settings, stream)
    return stream


def test_the_token_is_redacted_from_messages_arguments_and_tracebacks(
    log_output: io.StringIO,
) -> None:
    log = logging.getLogger("telegram.ext.Updater")
    log.warning("POST https://api.telegram.org/bot%s/getUpdates", TOKEN)
    log.info("url-encoded: %s", TOKEN.replace(":", "%3A"))
    try:
        raise ConnectionError(f"cannot reach https://api.telegram.org/bot{TOKEN}/getMe")
    except ConnectionError:
        log.exception("network loop failed")
    written = log_output.getvalue()
    assert TOKEN not in written and "AAFsecret" not in written
    assert written.count(REDACTED) == 3
    assert "ConnectionError: cannot reach https://api.telegram.org/bot<redacted>/getMe" in written


def test_http_client_request_lines_are_not_logged(log_output: io.StringIO) -> None:
    logging.getLogger("httpx").info(
        'HTTP Request: POST https://api.telegram.org/bot%s/getMe "200 OK"', TOKEN
    )
    logging.getLogger("httpx").warning("connection pool is full")
    assert log_output.getvalue().count("\n") == 1
    assert "connection pool is full" in log_output.getvalue()


def test_the_webhook_secret_and_the_database_password_are_redacted_too() -> None:
    stream = io.StringIO()
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        webhook_secret_token=SecretStr("webhook-Secret"),
        database_url="postgresql://lokisi:db-Password@db/lokisi",
    )
    configure_logging(settings, stream, more_secrets=["generated-Secret"])
    logging.getLogger("bot").warning("webhook-Secret db-Password generated-Secret")
    assert stream.getvalue().endswith(f"bot: {REDACTED} {REDACTED} {REDACTED}\n")


def test_json_logs_are_one_object_per_line_with_the_secrets_redacted() -> None:
    stream = io.StringIO()
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        telegram_bot_token=SecretStr(TOKEN),
        log_format="json",
    )
    configure_logging(settings, stream)
    log = logging.getLogger("bot.standby")
    log.warning("standing by, token %s", TOKEN)
    try:
        raise ConnectionError(f"cannot reach https://api.telegram.org/bot{TOKEN}/getMe")
    except ConnectionError:
        log.exception("network loop failed")
    lines = [json.loads(line) for line in stream.getvalue().splitlines()]
    assert [(r["level"], r["logger"], r["message"]) for r in lines] == [
        ("WARNING", "bot.standby", f"standing by, token {REDACTED}"),
        ("ERROR", "bot.standby", "network loop failed"),
    ]
    assert all(record["time"] for record in lines)
    assert "bot<redacted>/getMe" in lines[1]["exc_info"]
    assert TOKEN not in stream.getvalue() and "AAFsecret" not in stream.getvalue()
