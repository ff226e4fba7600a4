"""The performance benchmark: the bot's own cost per update against python-telegram-bot's floor.

Run it with `python -m benchmarks.run` (see benchmarks/README.md).
"""
