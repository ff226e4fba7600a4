"""Texts of nearby."""

FR: dict[str, str] = {}

EN: dict[str, str] = {}
