"""The commands, their options and their help; each command names the function it runs."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn

from bot.cli.accounts import cmd_account_create, cmd_account_list, cmd_account_show
from bot.cli.client_import import cmd_import
from bot.cli.deployment import cmd_check, cmd_db_upgrade
from bot.cli.failures import CONFIG_ERROR, PROG
from bot.cli.geocoding import cmd_geocode
from bot.cli.running import cmd_console, cmd_run, cmd_start
from bot.console import DEMO_DATABASE
from bot.languages import CODES, DEFAULT_LANGUAGE
from lokisi.enums import Role
from lokisi.ids import storable

# Telegram's user ids have at most 52 significant bits (Bot API, User.id).
MAX_TELEGRAM_ID = 2**52 - 1
# The database's column for names (lokisi.models).
MAX_NAME = 120


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        """Usage mistakes: one line, and where to find help."""
        self.exit(CONFIG_ERROR, f"{self.prog}: {message} (see {self.prog} --help)\n")


def _port(value: str) -> int:
    if not value.isdigit() or not 1 <= int(value) <= 65535:
        raise argparse.ArgumentTypeError(f"{value!r} is not a port (1-65535)")
    return int(value)


def _telegram_id(value: str) -> int:
    if not value.isascii() or not value.isdigit() or not 1 <= int(value) <= MAX_TELEGRAM_ID:
        raise argparse.ArgumentTypeError(
            f"{value!r} is not a Telegram user id: a positive number of up to 16 digits, "
            "as @userinfobot gives it"
        )
    return int(value)


def _record_id(value: str) -> int:
    if not value.isascii() or not value.isdigit() or not storable(int(value)):
        raise argparse.ArgumentTypeError(f"{value!r} is not an id: see `lokisi-bot account list`")
    return int(value)


def _name(value: str) -> str:
    name = value.strip()
    if not name or len(name) > MAX_NAME or not name.isprintable():
        raise argparse.ArgumentTypeError(
            f"{value!r} is not a name: 1 to {MAX_NAME} characters, not only spaces"
        )
    return name


def _role(value: str) -> Role:
    try:
        return Role(value.lower())
    except ValueError:
        raise argparse.ArgumentTypeError("manager or technicien") from None


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog=PROG,
        description="LoKisi Bot: client management from Telegram.",
        epilog="Settings come from the environment and .env (see .env.example).",
    )
    parser.add_argument(
        "--env-file", type=Path, default=None, help="read settings from this file (.env)"
    )
    # Also after any command's name: `lokisi-bot run --env-file prod.env`.
    env_file = _Parser(add_help=False)
    env_file.add_argument(
        "--env-file", type=Path, default=argparse.SUPPRESS, help="read settings from this file"
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(
        name: str,
        handler: Callable[..., int] | None,
        help_: str,
        group: Any = commands,
        description: str | None = None,
    ) -> argparse.ArgumentParser:
        sub = group.add_parser(
            name, help=help_, description=description or help_, parents=[env_file]
        )
        if handler is not None:
            sub.set_defaults(handler=handler)
        return sub

    start = command(
        "start", cmd_start, "the bot if TELEGRAM_BOT_TOKEN is set, else the console on demo data"
    )
    _console_options(start)
    _run_options(start)
    _run_options(command("run", cmd_run, "run the bot (long polling, or a webhook)"))
    _console_options(command("console", cmd_console, "try the bot in the terminal on demo data"))

    db = command("db", None, "database administration")
    db_commands = db.add_subparsers(dest="db_command", required=True, metavar="COMMAND")
    command("upgrade", cmd_db_upgrade, "create or migrate the database", db_commands)

    account = command("account", None, "accounts (companies)")
    account_commands = account.add_subparsers(
        dest="account_command", required=True, metavar="COMMAND"
    )
    create = command(
        "create",
        cmd_account_create,
        "create an account and its first manager",
        account_commands,
        "Create an account and its first manager, who then invites the others.",
    )
    create.add_argument("name", type=_name, help="the company's name, e.g. 'Dupont Chauffage'")
    create.add_argument(
        "--manager",
        type=_telegram_id,
        required=True,
        metavar="TELEGRAM_USER_ID",
        help="the manager's numeric Telegram user id (e.g. from @userinfobot)",
    )
    create.add_argument("--name", dest="manager_name", type=_name, help="the manager's name")
    create.add_argument("--language", choices=CODES, default=DEFAULT_LANGUAGE)
    command("list", cmd_account_list, "every account: id, name, members, clients", account_commands)
    show = command(
        "show",
        cmd_account_show,
        "one account: configuration, members, clients, documents, groups",
        account_commands,
    )
    show.add_argument("id", type=_record_id, metavar="ID", help="the account's id")

    command("check", cmd_check, "check the configuration, the database and the token")

    imports = command("import", cmd_import, "import clients from a CSV file")
    imports.add_argument("file", type=Path, metavar="FILE.csv")
    imports.add_argument(
        "--account", type=_record_id, required=True, metavar="ID", help="account id"
    )
    imports.add_argument(
        "--rejected", type=Path, metavar="PATH", help="where to write rejected rows"
    )
    imports.add_argument(
        "--update",
        action="store_true",
        help="a row for a client the account has (same SIRET, phone or name) updates it",
    )
    imports.add_argument(
        "--no-geocode",
        action="store_true",
        help="do not place the imported addresses on the map (GEOCODER_URL)",
    )

    geocode = command(
        "geocode", cmd_geocode, "place on the map the clients with an address and no position"
    )
    geocode.add_argument("--account", type=int, required=True, metavar="ID", help="account id")
    geocode.add_argument(
        "--report", type=Path, metavar="PATH", help="where to list the addresses not placed"
    )
    return parser


def _run_options(sub: argparse.ArgumentParser) -> None:
    mode = sub.add_mutually_exclusive_group()
    mode.add_argument("--polling", action="store_true", help="long polling (the default)")
    mode.add_argument(
        "--webhook", action="store_true", help="receive updates on a webhook (WEBHOOK_* settings)"
    )
    sub.add_argument("--webhook-url", metavar="URL", help="public https URL (WEBHOOK_URL)")
    sub.add_argument("--listen", metavar="ADDRESS", help="address to listen on (WEBHOOK_LISTEN)")
    sub.add_argument("--port", type=_port, help="port to listen on (WEBHOOK_PORT)")
    sub.add_argument(
        "--secret-token",
        metavar="TOKEN",
        help="what Telegram must send in X-Telegram-Bot-Api-Secret-Token (WEBHOOK_SECRET_TOKEN)",
    )


def _console_options(sub: argparse.ArgumentParser) -> None:
    sub.add_argument(
        "--as",
        dest="role",
        type=_role,
        default="manager",
        metavar="manager|technicien",
        help="which demo member you are (default: manager)",
    )
    sub.add_argument("--lang", choices=CODES, help="your Telegram's language")
    sub.add_argument(
        "--database", metavar="URL", help=f"the console's database (default: {DEMO_DATABASE})"
    )
