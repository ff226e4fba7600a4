"""What ends a command early, and the exit code it ends with."""

from __future__ import annotations

PROG = "lokisi-bot"
CONFIG_ERROR = 2
NOT_RIGHT = 1
NO_TOKEN = (
    "no TELEGRAM_BOT_TOKEN configured: get a token from @BotFather and put it in .env "
    "(see .env.example), or try the bot locally with `lokisi-bot console`"
)

SHARED_SECRET_NEEDED = (
    "another process serves this bot from the same database: processes in webhook mode "
    "need WEBHOOK_SECRET_TOKEN (or --secret-token) set, the same for each, instead of a "
    "random one per start"
)


class ConfigurationError(Exception):
    """Something the administrator must fix in the configuration or the environment."""


class Failure(Exception):
    """The command ran but could not do what was asked (exit code 1)."""
