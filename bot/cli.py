"""`lokisi-bot`: the administrator's command line.

Wrong or missing configuration ends with one line on stderr and exit code 2, never a
traceback; 1 means the command ran and something is not right (e.g. `check`).
"""

from __future__ import annotations

import argparse
import asyncio
import secrets
import sys
import warnings
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, NoReturn

from pydantic import ValidationError
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError
from telegram import Bot
from telegram.error import InvalidToken, NetworkError, TelegramError
from telegram.warnings import PTBUserWarning

from bot import runtime
from bot.app import build_application
from bot.console import DEMO_DATABASE, ConsoleOptions, run_console
from bot.languages import CODES, DEFAULT_LANGUAGE
from bot.settings import Settings
from lokisi import importer, migrate
from lokisi.db import session_factory
from lokisi.enums import Role
from lokisi.errors import AlreadyMember, NotFound
from lokisi.importer import ImportReport
from lokisi.services import Services

PROG = "lokisi-bot"
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


# --- settings and database --------------------------------------------------------------


def _setting_name(location: tuple[Any, ...]) -> str:
    return str(location[0]).upper() if location else "configuration"


def load_settings(env_file: Path | None) -> Settings:
    """Settings from the environment and .env, or one line saying what is wrong."""
    try:
        return Settings(_env_file=env_file or ".env")
    except ValidationError as invalid:
        problems = [
            f"{_setting_name(error['loc'])}: {error['msg'].removeprefix('Value error, ')}"
            for error in invalid.errors()
        ]
        raise ConfigurationError("; ".join(problems)) from None


def shown_url(url: str) -> str:
    """A database URL fit for a terminal: no password."""
    return make_url(url).render_as_string(hide_password=True)


@asynccontextmanager
async def database(settings: Settings, *, upgrade: bool) -> AsyncIterator[Services]:
    """Services over the configured database, brought up to date when asked; a database
    that cannot be reached is a configuration error."""
    engine = runtime.engine_for(settings)
    try:
        try:
            if upgrade:
                await migrate.upgrade(engine)
            current = upgrade or await migrate.is_current(engine)
        except (OSError, SQLAlchemyError) as error:
            raise ConfigurationError(
                f"database {shown_url(settings.database_url)} unreachable: {_reason(error)}"
            ) from None
        if not current:
            raise Failure(
                f"the database {shown_url(settings.database_url)} is not up to date: "
                "run `lokisi-bot db upgrade`"
            )
        yield Services.over(session_factory(engine))
    finally:
        await engine.dispose()


def _reason(error: BaseException) -> str:
    """The driver's own words, on one line."""
    original = getattr(error, "orig", None) or error
    text = str(original).strip().splitlines()
    return text[0] if text else type(original).__name__


# --- commands -------------------------------------------------------------------------


def cmd_start(args: argparse.Namespace, settings: Settings) -> int:
    """The bot if a token is configured, else the console on demo data."""
    if settings.telegram_bot_token is None:
        print(
            "No TELEGRAM_BOT_TOKEN configured: starting the local console on demo data "
            f"({args.database or DEMO_DATABASE}). Put a token in .env to run the real bot.",
            flush=True,
        )
        return cmd_console(args, settings)
    return cmd_run(args, settings)


def cmd_run(args: argparse.Namespace, settings: Settings) -> int:
    """Run the bot until SIGINT or SIGTERM."""
    if settings.telegram_bot_token is None:
        raise ConfigurationError(NO_TOKEN)
    webhook = _webhook(args, settings)
    runtime.configure_logging(settings, more_secrets=[webhook.secret_token] if webhook else [])

    async def main() -> None:
        stop = asyncio.Event()
        runtime.stop_on_signals(stop)
        async with database(settings, upgrade=True) as services:
            application = build_application(settings, services)
            try:
                await runtime.serve(application, stop, webhook)
            except InvalidToken:
                raise ConfigurationError("Telegram refused TELEGRAM_BOT_TOKEN (revoked?)") from None
            except NetworkError as error:
                raise ConfigurationError(
                    f"cannot reach the Bot API at {settings.telegram_api_base_url}: {error}"
                ) from None
            except OSError as error:
                if webhook is None:
                    raise
                raise ConfigurationError(
                    f"cannot listen on {webhook.listen}:{webhook.port}: {error.strerror}"
                ) from None

    asyncio.run(main())
    return 0


def _webhook(args: argparse.Namespace, settings: Settings) -> runtime.Webhook | None:
    """Webhook mode if asked on the command line or configured with WEBHOOK_URL."""
    url = getattr(args, "webhook_url", None) or settings.webhook_url
    if getattr(args, "polling", False) or not (getattr(args, "webhook", False) or url):
        return None
    if url is None:
        raise ConfigurationError("--webhook needs a public https URL: WEBHOOK_URL or --webhook-url")
    overrides = {"webhook_url": url}
    if getattr(args, "port", None) is not None:
        overrides["webhook_port"] = args.port
    if getattr(args, "listen", None):
        overrides["webhook_listen"] = args.listen
    if getattr(args, "secret_token", None):
        overrides["webhook_secret_token"] = args.secret_token
    checked = _revalidated(settings, overrides)
    secret = checked.webhook_secret_token
    return runtime.Webhook(
        url=url,
        listen=checked.webhook_listen,
        port=checked.webhook_port,
        # Telegram is told the token at each start, so a fresh random one is as good.
        secret_token=secret.get_secret_value() if secret else secrets.token_urlsafe(32),
    )


def _revalidated(settings: Settings, overrides: dict[str, Any]) -> Settings:
    """Command-line options checked by the same rules as the environment."""
    values = settings.model_dump() | overrides
    try:
        return Settings.model_validate(values)
    except ValidationError as invalid:
        error = invalid.errors()[0]
        raise ConfigurationError(
            f"{_setting_name(error['loc'])}: {error['msg'].removeprefix('Value error, ')}"
        ) from None


def cmd_console(args: argparse.Namespace, settings: Settings) -> int:
    """Talk to the real handlers in the terminal, as a demo member."""
    url = args.database or f"sqlite+aiosqlite:///{DEMO_DATABASE}"
    checked = _revalidated(settings, {"database_url": url})
    runtime.configure_logging(checked.model_copy(update={"log_level": "WARNING"}))
    options = ConsoleOptions(
        database_url=checked.database_url,
        role=args.role,
        language=args.lang or settings.default_language,
    )
    try:
        asyncio.run(run_console(checked, options))
    except KeyboardInterrupt:
        print()
    except (OSError, SQLAlchemyError) as error:
        raise ConfigurationError(
            f"database {shown_url(checked.database_url)} unreachable: {_reason(error)}"
        ) from None
    return 0


def cmd_db_upgrade(args: argparse.Namespace, settings: Settings) -> int:
    """Create or migrate the database to the current model."""

    async def main() -> None:
        async with database(settings, upgrade=True):
            pass

    asyncio.run(main())
    print(f"database {shown_url(settings.database_url)} is up to date")
    return 0


def cmd_account_create(args: argparse.Namespace, settings: Settings) -> int:
    """Create an account with its first manager."""

    async def main() -> str:
        async with database(settings, upgrade=True) as services:
            try:
                account, member = await services.accounts.create_account(
                    args.name,
                    manager_telegram_id=args.manager,
                    manager_name=args.manager_name or f"Manager {args.manager}",
                    language=args.language,
                )
            except AlreadyMember as refused:
                raise Failure(
                    f"Telegram user {args.manager} is already a member of "
                    f"account {refused.account_name!r}"
                ) from None
        return (
            f"account #{account.id} {account.name!r} created; its manager is Telegram user "
            f"{member.telegram_user_id} ({member.name}), who can now send /start to the bot"
        )

    print(asyncio.run(main()))
    return 0


def cmd_check(args: argparse.Namespace, settings: Settings) -> int:
    """Configuration, database and token, each on its own line."""
    print(f"ok    configuration (database {shown_url(settings.database_url)})")

    async def main() -> None:
        async with database(settings, upgrade=False):
            print("ok    database reachable and at the newest migration")
        if settings.telegram_bot_token is None:
            raise ConfigurationError(NO_TOKEN)
        username = await _bot_username(settings)
        print(f"ok    token accepted by Telegram: the bot is @{username}")

    asyncio.run(main())
    return 0


async def _bot_username(settings: Settings) -> str:
    assert settings.telegram_bot_token is not None
    bot = Bot(
        settings.telegram_bot_token.get_secret_value(), base_url=settings.telegram_api_base_url
    )
    try:
        async with bot:
            return bot.username
    except InvalidToken:
        raise ConfigurationError("Telegram refused TELEGRAM_BOT_TOKEN (revoked?)") from None
    except TelegramError as error:
        raise ConfigurationError(
            f"cannot reach the Bot API at {settings.telegram_api_base_url}: {error}"
        ) from None


def cmd_import(args: argparse.Namespace, settings: Settings) -> int:
    """Import clients from a CSV file into an account."""
    path: Path = args.file
    if not path.is_file():
        raise Failure(f"no such file: {path}")
    try:
        client_file = importer.read_client_file(path)
    except importer.UnusableFile as unusable:
        raise Failure(str(unusable)) from None
    if client_file.ignored_headers:
        print(f"ignored columns: {', '.join(client_file.ignored_headers)}", file=sys.stderr)
    total = len(client_file.rows)
    show_progress = _progress_printer(total)

    async def main() -> ImportReport:
        async with database(settings, upgrade=True) as services:
            try:
                return await importer.import_clients(
                    services, args.account, client_file, show_progress
                )
            except NotFound:
                raise Failure(f"no account #{args.account} (or it has no manager)") from None

    report = asyncio.run(main())
    print(f"{report.imported} of {total} clients imported into account #{args.account}")
    if report.rejected:
        target = args.rejected or importer.rejected_path(path)
        importer.write_rejected(target, client_file.headers, report.rejected)
        print(f"{len(report.rejected)} rows rejected, with their reasons, in {target}")
    return 0


def _progress_printer(total: int) -> Callable[[int, ImportReport], None]:
    """A line that updates in place on a terminal, or one line per 10% in a log."""
    interactive = sys.stderr.isatty()
    step = max(total // 10, 1)

    def show(done: int, report: ImportReport) -> None:
        if not interactive and done % step and done != total:
            return
        line = f"{done}/{total} rows: {report.imported} imported, {len(report.rejected)} rejected"
        end = "\n" if not interactive or done == total else ""
        print(f"\r{line}" if interactive else line, end=end, file=sys.stderr, flush=True)

    return show


# --- parser ---------------------------------------------------------------------------


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        """Usage mistakes: one line, and where to find help."""
        self.exit(CONFIG_ERROR, f"{self.prog}: {message} (see {self.prog} --help)\n")


def _port(value: str) -> int:
    if not value.isdigit() or not 1 <= int(value) <= 65535:
        raise argparse.ArgumentTypeError(f"{value!r} is not a port (1-65535)")
    return int(value)


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
    parser.add_argument("--env-file", type=Path, help="read settings from this file (.env)")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(
        name: str, handler: Callable[..., int] | None, help_: str
    ) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_, description=help_)
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
    upgrade = db_commands.add_parser("upgrade", help="create or migrate the database")
    upgrade.set_defaults(handler=cmd_db_upgrade)

    account = command("account", None, "accounts (companies)")
    account_commands = account.add_subparsers(dest="account_command", required=True)
    create = account_commands.add_parser(
        "create",
        help="create an account and its first manager",
        description="Create an account and its first manager, who then invites the others.",
    )
    create.set_defaults(handler=cmd_account_create)
    create.add_argument("name", help="the company's name, e.g. 'Dupont Chauffage'")
    create.add_argument(
        "--manager",
        type=int,
        required=True,
        metavar="TELEGRAM_USER_ID",
        help="the manager's numeric Telegram user id (e.g. from @userinfobot)",
    )
    create.add_argument("--name", dest="manager_name", help="the manager's name")
    create.add_argument("--language", choices=CODES, default=DEFAULT_LANGUAGE)

    command("check", cmd_check, "check the configuration, the database and the token")

    imports = command("import", cmd_import, "import clients from a CSV file")
    imports.add_argument("file", type=Path, metavar="FILE.csv")
    imports.add_argument("--account", type=int, required=True, metavar="ID", help="account id")
    imports.add_argument(
        "--rejected", type=Path, metavar="PATH", help="where to write rejected rows"
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


def main(argv: Sequence[str] | None = None) -> int:
    # The client form's ConversationHandler is per chat on purpose; PTB's advice does not apply.
    warnings.filterwarnings("ignore", message="If 'per_", category=PTBUserWarning)
    args = build_parser().parse_args(argv)
    try:
        settings = load_settings(args.env_file)
        return int(args.handler(args, settings))
    except ConfigurationError as error:
        print(f"{PROG}: {error}", file=sys.stderr)
        return CONFIG_ERROR
    except Failure as error:
        print(f"{PROG}: {error}", file=sys.stderr)
        return NOT_RIGHT


if __name__ == "__main__":
    sys.exit(main())
