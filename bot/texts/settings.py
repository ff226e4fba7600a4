"""Texts of settings."""

FR: dict[str, str] = {}

EN: dict[str, str] = {}
