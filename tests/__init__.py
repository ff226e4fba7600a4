"""LoKisi Bot test suite."""
