"""Texts of form."""

FR: dict[str, str] = {}

EN: dict[str, str] = {}
