"""Texts of the nearest clients to a shared location."""

FR: dict[str, str] = {
    "nearby.title": "📍 Les clients les plus proches de vous :",
    "nearby.none": (
        "Aucun client de votre compte n'a encore de position GPS. Sur place, ouvrez la fiche du "
        "client, « Modifier », puis partagez votre position."
    ),
    "nearby.metres": "{distance} m",
    "nearby.kilometres": "{distance} km",
}

EN: dict[str, str] = {
    "nearby.title": "📍 The clients nearest to you:",
    "nearby.none": (
        "No client of your account has a GPS position yet. On the spot, open the client's card, "
        "“Edit”, then share your location."
    ),
    "nearby.metres": "{distance} m",
    "nearby.kilometres": "{distance} km",
}
