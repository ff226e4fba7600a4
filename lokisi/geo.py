"""Distances on the Earth, and the latitude/longitude box that holds a circle: what finding
the nearest clients needs, as plain numbers."""

from __future__ import annotations

import math
from dataclasses import dataclass

EARTH_RADIUS_M = 6_371_000.0


def haversine_m(latitude: float, longitude: float, other_lat: float, other_lon: float) -> float:
    """Great-circle distance in metres."""
    phi, other_phi = math.radians(latitude), math.radians(other_lat)
    half_chord = (
        math.sin((other_phi - phi) / 2) ** 2
        + math.cos(phi)
        * math.cos(other_phi)
        * math.sin(math.radians(other_lon - longitude) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(half_chord)))


Range = tuple[float, float]


@dataclass(frozen=True)
class Box:
    """Positions whose latitude is within `latitudes` and whose longitude is within one of
    `longitudes`: one range, two across the 180th meridian, none (every longitude) when a
    pole is inside the circle. Bounds are inclusive."""

    latitudes: Range
    longitudes: tuple[Range, ...]


def bounding_box(latitude: float, longitude: float, radius_m: float) -> Box:
    """The smallest latitude/longitude box that holds the circle of `radius_m` around the
    point."""
    angle = radius_m / EARTH_RADIUS_M
    spread = math.degrees(angle)
    latitudes = (latitude - spread, latitude + spread)
    sin_angle, cos_latitude = math.sin(angle), math.cos(math.radians(latitude))
    if abs(latitude) + spread >= 90 or sin_angle >= cos_latitude:
        return Box(latitudes, ())
    width = math.degrees(math.asin(sin_angle / cos_latitude))
    west, east = longitude - width, longitude + width
    if west < -180:
        return Box(latitudes, ((west + 360, 180.0), (-180.0, east)))
    if east > 180:
        return Box(latitudes, ((west, 180.0), (-180.0, east - 360)))
    return Box(latitudes, ((west, east),))
