"""Texts of inline."""

FR: dict[str, str] = {}

EN: dict[str, str] = {}
