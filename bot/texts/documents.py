"""Texts of documents."""

FR: dict[str, str] = {}

EN: dict[str, str] = {}
