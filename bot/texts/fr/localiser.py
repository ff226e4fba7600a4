"""Texts of Localiser: Google Maps links for a client's postal address."""

TEXTS: dict[str, str] = {
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
