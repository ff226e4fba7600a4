"""Localiser: Google Maps URLs (documented "Maps URLs", api=1) for a client's postal address."""

from __future__ import annotations

from urllib.parse import urlencode

from lokisi.enums import ClientType
from lokisi.schemas import ClientView

SEARCH = "https://www.google.com/maps/search/"
DIRECTIONS = "https://www.google.com/maps/dir/"


def postal_address(client: ClientView) -> str | None:
    """One line: street, complement, postal code and town, country; None without an address."""
    if not client.has_postal_address:
        return None
    town = " ".join(p for p in (client.postal_code, client.city) if p)
    parts = [client.address_line1, client.address_line2, town, client.country]
    return ", ".join(p for p in parts if p)


def place_query(client: ClientView) -> str | None:
    """For a business, its name first, so that Maps shows the establishment itself."""
    address = postal_address(client)
    if address is None:
        return None
    if client.type is ClientType.PROFESSIONNEL:
        return f"{client.name}, {address}"
    return address


def search_url(client: ClientView) -> str | None:
    query = place_query(client)
    return f"{SEARCH}?{urlencode({'api': 1, 'query': query})}" if query else None


def directions_url(client: ClientView) -> str | None:
    query = place_query(client)
    return f"{DIRECTIONS}?{urlencode({'api': 1, 'destination': query})}" if query else None
