"""Texts of localiser."""

FR: dict[str, str] = {}

EN: dict[str, str] = {}
