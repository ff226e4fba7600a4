"""`lokisi-bot`: the administrator's command line.

Wrong or missing configuration ends with one line on stderr and exit code 2, never a
traceback; 1 means the command ran and something is not right (e.g. `check`).

One module per job: `parser` (the commands and their options), `running` (start, run,
console), `deployment` (db upgrade, check), `accounts` (account create, list, show),
`client_import` (import),
`configuration` (settings and database), `failures` (what ends a command, and its exit code).
"""

from __future__ import annotations

import sys
import warnings
from collections.abc import Sequence

from telegram.warnings import PTBUserWarning

from bot.cli.configuration import load_settings
from bot.cli.failures import CONFIG_ERROR, NOT_RIGHT, PROG, ConfigurationError, Failure
from bot.cli.parser import build_parser

__all__ = ["build_parser", "load_settings", "main"]


def main(argv: Sequence[str] | None = None) -> int:
    # The client form's ConversationHandler is per chat on purpose; PTB's advice does not apply.
    warnings.filterwarnings("ignore", message="If 'per_", category=PTBUserWarning)
    args = build_parser().parse_args(argv)
    try:
        settings = load_settings(getattr(args, "env_file", None))
        return int(args.handler(args, settings))
    except ConfigurationError as error:
        print(f"{PROG}: {error}", file=sys.stderr)
        return CONFIG_ERROR
    except Failure as error:
        print(f"{PROG}: {error}", file=sys.stderr)
        return NOT_RIGHT
