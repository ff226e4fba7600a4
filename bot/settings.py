"""Configuration from the environment and a .env file (pydantic-settings)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from lokisi.db import DEFAULT_DATABASE_URL

OFFICIAL_API = "https://api.telegram.org/bot"


class Settings(BaseSettings):
    """Every setting has a safe default except the token, which only the real bot needs."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    telegram_bot_token: SecretStr | None = None
    telegram_api_base_url: str = OFFICIAL_API
    database_url: str = DEFAULT_DATABASE_URL
    default_language: Literal["fr", "en"] = "fr"
    log_level: str = "INFO"
    webhook_url: str | None = None
    webhook_listen: str = "0.0.0.0"
    webhook_port: int = Field(default=8443, ge=1, le=65535)
    webhook_secret_token: SecretStr | None = None
    rate_limit: bool = True
