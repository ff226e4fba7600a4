"""What ends a command early, and the exit code it ends with."""

from __future__ import annotations

CONFIG_ERROR = 2
NOT_RIGHT = 1
NO_TOKEN = (
    "no TELEGRAM_BOT_TOKEN configured: get a token from @BotFather and put it in .env "
    "(see .env.example), or try the bot locally with `lokisi-bot console`"
)


class ConfigurationError(Exception):
    """Something the administrator must fix in the configuration or the environment."""


class Failure(Exception):
    """The command ran but could not do what was asked (exit code 1)."""
