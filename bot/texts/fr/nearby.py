"""Texts of the nearest clients to a shared location."""

TEXTS: dict[str, str] = {
    "nearby.title": "📍 Les clients les plus proches de vous :",
    "nearby.none": (
        "Aucun client de votre compte n'a encore de position GPS. Sur place, ouvrez la fiche du "
        "client, « Modifier », puis partagez votre position."
    ),
    "nearby.metres": "{distance} m",
    "nearby.kilometres": "{distance} km",
    "nearby.needs_location": (
        "📍 Pour voir les clients autour de vous, partagez votre position : sur téléphone, "
        "touchez « 📍 Autour de moi » en bas de l'écran (ou trombone 📎 → Position)."
    ),
}
