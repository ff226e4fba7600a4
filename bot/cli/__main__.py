"""`python -m bot.cli`, the same as `lokisi-bot`."""

import sys

from bot.cli import main

sys.exit(main())
