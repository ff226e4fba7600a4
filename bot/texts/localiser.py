"""Texts of Localiser: Google Maps links for a client's postal address."""

FR: dict[str, str] = {
    "localiser.title": "📍 {client}\n{address}",
    "localiser.open_maps": "🗺 Ouvrir dans Google Maps",
    "localiser.directions": "🧭 Itinéraire",
    "localiser.no_address": (
        "📍 {client}\nLa localisation nécessite l'adresse postale du client.\n"
        "Renseignez au moins la ligne 1 de l'adresse et la ville (ou le code postal)."
    ),
    "localiser.fill_address": "✏️ Renseigner l'adresse",
    "localiser.back_to_card": "⬅️ Fiche client",
}

EN: dict[str, str] = {
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
