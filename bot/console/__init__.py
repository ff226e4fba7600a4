"""The local console: the real application, with the same handlers, in a terminal.

The bot's Bot API calls are answered here instead of by Telegram and shown as text, inline
buttons numbered; what the person types becomes the updates Telegram would send. For trying
the product without Telegram, and for demos.

One module per job: `screen` (the terminal), `transport` (the Bot API answered locally),
`chat` (typed lines become updates), `loop` (the console opened over its demo database, and
run).
"""

from __future__ import annotations

from bot.console.chat import Console
from bot.console.loop import (
    DEMO_DATABASE,
    ConsoleOptions,
    console_settings,
    open_console,
    run_console,
)

__all__ = [
    "DEMO_DATABASE",
    "Console",
    "ConsoleOptions",
    "console_settings",
    "open_console",
    "run_console",
]
