"""Texts of group."""

FR: dict[str, str] = {}

EN: dict[str, str] = {}
