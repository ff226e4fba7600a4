"""Texts of delete."""

FR: dict[str, str] = {}

EN: dict[str, str] = {}
