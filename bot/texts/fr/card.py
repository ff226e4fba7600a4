"""Texts of the client card ("FICHE CLIENT")."""

TEXTS: dict[str, str] = {
    "card.title": "FICHE CLIENT",
    "card.edit": "✏️ Modifier",
    "card.delete": "🗑 Supprimer",
    "card.locate": "📍 Localiser",
    "card.directions": "🧭 Itinéraire",
    "card.position_button": "📌 Position",
    "card.call": "📞 Appeler",
    "card.documents": "📂 Documents",
    "card.create_intervention": "🛠 Créer une intervention",
    "card.create_location": "📦 Créer une location",
    "card.create_vente": "🛒 Créer une vente",
    "card.create_facture": "🧾 Créer une facture",
    "card.copy_mobile": "📋 Mobile",
    "card.copy_phone": "📋 Fixe",
    "card.copy_address": "📋 Adresse",
    "card.copy_siret": "📋 SIRET",
}
