"""The national address base, through the IGN Géoplateforme geocoder (data.geopf.fr/geocodage,
50 requests/s per IP): completing a street as it is typed (`/search?autocomplete=1`), the
address nearest to a point (`/reverse`), placing one address (`/search`) or thousands at once
(`POST /search/csv`). Positions come as GeoJSON [longitude, latitude].
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from lokisi.lookups.service import PublicService
from lokisi.schemas import Address

MAX_SUGGESTIONS = 5
MIN_QUERY_LENGTH = 3
# A result below this score is a guess (the geocoder always answers something), and a town's
# centre is no client's door.
MIN_SCORE = 0.5
PLACED_KINDS = frozenset({"housenumber", "street", "locality"})
# Addresses sent in one batch request (the service takes up to 200,000 lines or 50 MB).
BATCH_SIZE = 1_000


@dataclass(frozen=True)
class ToPlace:
    """One address of a batch, under the key its answer comes back with."""

    key: int
    street: str
    postal_code: str | None
    city: str | None


class Geocoder:
    RATE_PER_SECOND = 50

    def __init__(self, service: PublicService) -> None:
        self.service = service

    async def complete(self, text: str, *, postal_code: str | None = None) -> list[Address]:
        """Up to five addresses that start like `text`, within a postal code if known."""
        query = " ".join(text.split())
        if len(query) < MIN_QUERY_LENGTH or not query[0].isalnum():
            return []
        params: dict[str, str | int] = {
            "q": query,
            "autocomplete": 1,
            "limit": MAX_SUGGESTIONS,
            "index": "address",
        }
        if postal_code:
            params["postcode"] = postal_code
        answer = await self.service.get_json("/search", params)
        return [a for a in map(_feature_address, answer.get("features") or []) if a is not None]

    async def reverse(self, latitude: float, longitude: float) -> Address | None:
        """The address nearest to a point, if there is one."""
        params: dict[str, str | int] = {
            "lat": f"{latitude:.6f}",
            "lon": f"{longitude:.6f}",
            "limit": 1,
            "index": "address",
        }
        answer = await self.service.get_json("/reverse", params)
        features = answer.get("features") or []
        return _feature_address(features[0]) if features else None

    async def locate(
        self, street: str, postal_code: str | None, city: str | None
    ) -> Address | None:
        """Where one address is, when the base knows it well enough."""
        query = " ".join(part for part in (street, postal_code, city) if part)
        params: dict[str, str | int] = {"q": query, "limit": 1, "index": "address"}
        if postal_code:
            params["postcode"] = postal_code
        answer = await self.service.get_json("/search", params)
        for feature in answer.get("features") or []:
            properties = feature.get("properties") or {}
            if properties.get("score", 0) >= MIN_SCORE and properties.get("type") in PLACED_KINDS:
                return _feature_address(feature)
        return None

    async def locate_many(self, addresses: Sequence[ToPlace]) -> dict[int, Address | None]:
        """Where each address is (None where the base does not know it well enough), one batch
        request per BATCH_SIZE addresses."""
        placed: dict[int, Address | None] = {}
        for start in range(0, len(addresses), BATCH_SIZE):
            placed.update(await self._batch(addresses[start : start + BATCH_SIZE]))
        return placed

    async def _batch(self, addresses: Sequence[ToPlace]) -> dict[int, Address | None]:
        sent = io.StringIO()
        writer = csv.writer(sent)
        writer.writerow(["key", "address", "postcode", "city"])
        for item in addresses:
            writer.writerow([item.key, item.street, item.postal_code or "", item.city or ""])
        text = await self.service.post_batch(
            "/search/csv",
            files={"data": ("addresses.csv", sent.getvalue().encode(), "text/csv")},
            data={"columns": ["address", "city"], "postcode": "postcode", "index": "address"},
        )
        placed: dict[int, Address | None] = {item.key: None for item in addresses}
        for row in csv.DictReader(io.StringIO(text)):
            if row.get("key", "").isdigit() and int(row["key"]) in placed:
                placed[int(row["key"])] = _csv_address(row)
        return placed


def _feature_address(feature: dict[str, Any]) -> Address | None:
    properties = feature.get("properties") or {}
    coordinates = (feature.get("geometry") or {}).get("coordinates") or []
    if len(coordinates) != 2 or not properties.get("label"):
        return None
    longitude, latitude = coordinates
    return Address(
        label=properties["label"],
        street=properties.get("name"),
        postal_code=properties.get("postcode"),
        city=properties.get("city"),
        latitude=float(latitude),
        longitude=float(longitude),
    )


def _csv_address(row: dict[str, str]) -> Address | None:
    try:
        score = float(row.get("result_score") or 0)
        latitude, longitude = float(row["latitude"]), float(row["longitude"])
    except (KeyError, ValueError):
        return None
    if (
        row.get("result_status") != "ok"
        or score < MIN_SCORE
        or row.get("result_type") not in PLACED_KINDS
    ):
        return None
    return Address(
        label=row.get("result_label") or "",
        street=row.get("result_name") or None,
        postal_code=row.get("result_postcode") or None,
        city=row.get("result_city") or None,
        latitude=latitude,
        longitude=longitude,
    )
