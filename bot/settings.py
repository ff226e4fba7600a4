"""Configuration from the environment and a .env file (pydantic-settings)."""

from __future__ import annotations

import logging
import re
from typing import Any, Literal
from urllib.parse import urlsplit

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import (
    BaseSettings,
    DotEnvSettingsSource,
    EnvSettingsSource,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
)
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from bot.languages import CODES, DEFAULT_LANGUAGE

OFFICIAL_API = "https://api.telegram.org/bot"
# Under var/ (ignored by git) so that a fresh clone's top level stays as it is.
DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///var/lokisi.sqlite3"

# The asyncio driver each database needs; plain URLs are completed with it.
_ASYNC_DRIVERS = {"sqlite": "aiosqlite", "postgresql": "asyncpg"}
_TOKEN = re.compile(r"^\d+:[A-Za-z0-9_-]+$")
# What Telegram accepts in X-Telegram-Bot-Api-Secret-Token.
_SECRET_TOKEN = re.compile(r"^[A-Za-z0-9_-]{1,256}$")
# The public services looked up; an empty URL turns one off (lokisi.lookups).
COMPANY_LOOKUP_URL = "https://recherche-entreprises.api.gouv.fr"
GEOCODER_URL = "https://data.geopf.fr/geocodage"
_SWITCHES = frozenset({"company_lookup_url", "geocoder_url"})


class Settings(BaseSettings):
    """Every setting has a safe default except the token, which only the real bot needs."""

    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", env_ignore_empty=True
    )

    telegram_bot_token: SecretStr | None = None
    telegram_api_base_url: str = OFFICIAL_API
    database_url: str = DEFAULT_DATABASE_URL
    default_language: str = DEFAULT_LANGUAGE
    log_level: str = "INFO"
    webhook_url: str | None = None
    webhook_listen: str = "0.0.0.0"
    webhook_port: int = Field(default=8443, ge=1, le=65535)
    webhook_secret_token: SecretStr | None = None
    rate_limit: bool = True
    metrics_port: int | None = Field(default=None, ge=1, le=65535)
    metrics_listen: str = "127.0.0.1"
    log_format: Literal["text", "json"] = "text"
    company_lookup_url: str = COMPANY_LOOKUP_URL
    geocoder_url: str = GEOCODER_URL

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        """Empty values mean "the default", except for the look-ups' URLs, where empty means
        "off": those are read again, empty ones kept, each before its source."""
        assert isinstance(dotenv_settings, DotEnvSettingsSource)
        switches_in_env = _Switches(settings_cls, env_ignore_empty=False)
        switches_in_dotenv = _DotEnvSwitches(
            settings_cls,
            env_file=dotenv_settings.env_file,
            env_file_encoding=dotenv_settings.env_file_encoding,
            env_ignore_empty=False,
        )
        return (
            init_settings,
            switches_in_env,
            env_settings,
            switches_in_dotenv,
            dotenv_settings,
            file_secret_settings,
        )

    @field_validator("telegram_bot_token")
    @classmethod
    def _looks_like_a_token(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and not _TOKEN.match(value.get_secret_value()):
            raise ValueError("not a bot token: expected digits:letters, as @BotFather gives it")
        return value

    @field_validator("telegram_api_base_url")
    @classmethod
    def _is_http(cls, value: str) -> str:
        if urlsplit(value).scheme not in ("http", "https"):
            raise ValueError("must start with https:// (or http:// for a local Bot API server)")
        return value

    @field_validator("database_url")
    @classmethod
    def _is_a_supported_database(cls, value: str) -> str:
        return async_database_url(value)

    @field_validator("default_language")
    @classmethod
    def _is_spoken(cls, value: str) -> str:
        if value not in CODES:
            raise ValueError(f"Input should be {_one_of(CODES)}, a language the bot speaks")
        return value

    @field_validator("log_level")
    @classmethod
    def _is_a_log_level(cls, value: str) -> str:
        level = value.strip().upper()
        if not isinstance(logging.getLevelName(level), int):
            raise ValueError("must be DEBUG, INFO, WARNING or ERROR")
        return level

    @field_validator("company_lookup_url", "geocoder_url")
    @classmethod
    def _is_a_service_url(cls, value: str) -> str:
        if value and (
            urlsplit(value).scheme not in ("http", "https") or not urlsplit(value).netloc
        ):
            raise ValueError("must be an https:// URL, or empty to turn the look-up off")
        return value.rstrip("/")

    @field_validator("webhook_url")
    @classmethod
    def _is_https(cls, value: str | None) -> str | None:
        if value is not None and (urlsplit(value).scheme != "https" or not urlsplit(value).netloc):
            raise ValueError(
                "Telegram only calls https:// webhooks (e.g. https://bot.example.com/tg)"
            )
        return value

    @field_validator("webhook_secret_token")
    @classmethod
    def _is_a_secret_token(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and not _SECRET_TOKEN.match(value.get_secret_value()):
            raise ValueError("1 to 256 characters among A-Z, a-z, 0-9, _ and -")
        return value


class _Switches(EnvSettingsSource):
    """The look-ups' URLs from the environment, empty ones too."""

    def __call__(self) -> dict[str, Any]:
        return {k: v for k, v in super().__call__().items() if k in _SWITCHES}


class _DotEnvSwitches(DotEnvSettingsSource):
    """The look-ups' URLs from the .env file, empty ones too."""

    def __call__(self) -> dict[str, Any]:
        return {k: v for k, v in super().__call__().items() if k in _SWITCHES}


def _one_of(codes: tuple[str, ...]) -> str:
    """'fr' or 'en'; 'fr', 'en' or 'de'."""
    quoted = [repr(code) for code in codes]
    return " or ".join([", ".join(quoted[:-1]), quoted[-1]] if len(quoted) > 1 else quoted)


def async_database_url(url: str) -> str:
    """The URL with its asyncio driver (postgresql:// → postgresql+asyncpg://)."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise ValueError(
            "not a database URL: expected sqlite+aiosqlite:///path/to/file.sqlite3 "
            "or postgresql+asyncpg://user:password@host:5432/database"
        ) from None
    backend, _, given_driver = parsed.drivername.partition("+")
    backend = "postgresql" if backend == "postgres" else backend
    driver = _ASYNC_DRIVERS.get(backend)
    if driver is None:
        raise ValueError(f"unsupported database {backend!r}: use SQLite or PostgreSQL")
    if given_driver not in ("", driver):
        raise ValueError(f"{backend} needs the {driver} driver: {backend}+{driver}://...")
    return parsed.set(drivername=f"{backend}+{driver}").render_as_string(hide_password=False)
