"""Texts of Localiser: Google Maps links for a client's postal address."""

TEXTS: dict[str, str] = {
    "localiser.title": "📍 {client}\n{address}",
    "localiser.open_maps": "🗺 Open in Google Maps",
    "localiser.directions": "🧭 Directions",
    "localiser.no_address": (
        "📍 {client}\nLocating a client needs its postal address.\n"
        "Fill in at least address line 1 and the town (or the postal code)."
    ),
    "localiser.fill_address": "✏️ Fill in the address",
    "localiser.back_to_card": "⬅️ Client card",
}
