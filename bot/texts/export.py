"""Texts of export."""

FR: dict[str, str] = {}

EN: dict[str, str] = {}
