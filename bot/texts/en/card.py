"""Texts of the client card ("FICHE CLIENT")."""

TEXTS: dict[str, str] = {
    "card.title": "CLIENT CARD",
    "card.edit": "✏️ Edit",
    "card.delete": "🗑 Delete",
    "card.locate": "📍 Locate",
    "card.directions": "🧭 Directions",
    "card.position_button": "📌 Position",
    "card.call": "📞 Call",
    "card.documents": "📂 Documents",
    "card.create_intervention": "🛠 Create an intervention",
    "card.create_location": "📦 Create a rental",
    "card.create_vente": "🛒 Create a sale",
    "card.create_facture": "🧾 Create an invoice",
    "card.copy_mobile": "📋 Mobile",
    "card.copy_phone": "📋 Landline",
    "card.copy_address": "📋 Address",
    "card.copy_siret": "📋 SIRET",
}
