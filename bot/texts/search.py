"""Texts of search."""

FR: dict[str, str] = {}

EN: dict[str, str] = {}
