"""Texts of the nearest clients to a shared location."""

TEXTS: dict[str, str] = {
    "nearby.title": "📍 The clients nearest to you:",
    "nearby.none": (
        "No client of your account has a GPS position yet. On the spot, open the client's card, "
        "“Edit”, then share your location."
    ),
    "nearby.metres": "{distance} m",
    "nearby.kilometres": "{distance} km",
    "nearby.needs_location": (
        "📍 To see the clients around you, share your location: on a phone, tap “📍 Near me” at "
        "the bottom of the screen (or paperclip 📎 → Location)."
    ),
}
