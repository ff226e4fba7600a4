"""Settings and the database as the commands get them: a mistake in either is one line
saying what to fix."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncEngine

from bot import runtime
from bot.cli.failures import ConfigurationError, Failure
from bot.settings import Settings
from lokisi import migrate
from lokisi.db import is_sqlite, session_factory
from lokisi.services import Services


def _problem(error: ErrorDetails) -> str:
    """One invalid setting, as `NAME: what is wrong`."""
    location = error["loc"]
    name = str(location[0]).upper() if location else "configuration"
    return f"{name}: {error['msg'].removeprefix('Value error, ')}"


def load_settings(env_file: Path | None) -> Settings:
    """Settings from the environment and .env (or the file given), or one line saying what
    is wrong; a file given that is not there is wrong too (.env may be absent)."""
    if env_file is not None and not env_file.is_file():
        raise ConfigurationError(f"--env-file {env_file}: no such file")
    try:
        return Settings(_env_file=env_file or ".env")
    except ValidationError as invalid:
        raise ConfigurationError("; ".join(map(_problem, invalid.errors()))) from None


def revalidated(settings: Settings, overrides: dict[str, Any]) -> Settings:
    """Command-line options checked by the same rules as the environment."""
    values = settings.model_dump() | overrides
    try:
        return Settings.model_validate(values)
    except ValidationError as invalid:
        raise ConfigurationError(_problem(invalid.errors()[0])) from None


def shown_url(url: str) -> str:
    """A database URL fit for a terminal: no password."""
    return make_url(url).render_as_string(hide_password=True)


@asynccontextmanager
async def connected(settings: Settings, *, upgrade: bool) -> AsyncIterator[AsyncEngine]:
    """The configured database, brought up to date when asked; without `upgrade`, it must
    exist and be up to date already (nothing is created). A database that cannot be reached
    is a configuration error."""
    if not upgrade:
        _must_exist(settings.database_url)
    engine = runtime.engine_for(settings)
    try:
        try:
            if upgrade:
                await migrate.upgrade(engine)
            current = upgrade or await migrate.is_current(engine)
        except (OSError, SQLAlchemyError) as error:
            raise ConfigurationError(
                f"database {shown_url(settings.database_url)} unreachable: {reason(error)}"
            ) from None
        if not current:
            raise Failure(
                f"the database {shown_url(settings.database_url)} is not up to date: "
                "run `lokisi-bot db upgrade`"
            )
        yield engine
    finally:
        await engine.dispose()


@asynccontextmanager
async def database(settings: Settings, *, upgrade: bool) -> AsyncIterator[Services]:
    """Services over the configured database (see `connected`)."""
    async with (
        connected(settings, upgrade=upgrade) as engine,
        services_over(engine, settings) as services,
    ):
        yield services


@asynccontextmanager
async def services_over(engine: AsyncEngine, settings: Settings) -> AsyncIterator[Services]:
    """The services over an engine, with the public look-ups the settings configure."""
    lookups = runtime.lookups_for(settings)
    try:
        yield Services.over(session_factory(engine), lookups)
    finally:
        await lookups.aclose()


def _must_exist(url: str) -> None:
    """An SQLite file is created by connecting to it: refuse one that is not there yet."""
    if not is_sqlite(url):
        return
    path = Path(make_url(url).database or "")
    if not path.is_file():
        raise Failure(
            f"no database at {path.resolve()}: run `lokisi-bot db upgrade` to create it, "
            "or set DATABASE_URL (relative paths start from the current folder)"
        )


def reason(error: BaseException) -> str:
    """The driver's own words, on one line."""
    original = getattr(error, "orig", None) or error
    text = str(original).strip().splitlines()
    return text[0] if text else type(original).__name__
