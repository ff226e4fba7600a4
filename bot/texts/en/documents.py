"""Texts of documents: "Créer une intervention" (etc.), a client's documents, one document."""

TEXTS: dict[str, str] = {
    "documents.confirm_intervention": "🛠 Create an intervention for {client}?",
    "documents.confirm_location": "📦 Create a rental for {client}?",
    "documents.confirm_vente": "🛒 Create a sale for {client}?",
    "documents.confirm_facture": "🧾 Create an invoice for {client}?",
    "documents.choose_intervention": (
        "Your account lets you choose what to create for {client}: a quote or an order?"
    ),
    "documents.choose_location": (
        "Your account lets you choose what to create for {client}: a quote or a contract?"
    ),
    "documents.choice_intervention_devis": "📝 Quote",
    "documents.choice_intervention_ordre": "🛠 Order",
    "documents.choice_location_devis": "📝 Quote",
    "documents.choice_location_contrat": "📄 Contract",
    "documents.created": "✅ Document created for {client}:\n<b>{number}</b> — {kind} — {status}",
    "documents.next_intervention": "What comes next: see LoKisi's “Interventions” manual.",
    "documents.next_location": "What comes next: see LoKisi's “Locations” manual (rentals).",
    "documents.next_vente": "What comes next: see LoKisi's “Ventes” manual (sales).",
    "documents.next_facture": "What comes next: see LoKisi's “Factures” manual (invoices).",
    "documents.open": "📄 Open the document",
    "documents.client_documents": "📂 Client's documents",
    "documents.back_to_card": "⬅️ Client card",
    "documents.list_title": "📂 Documents of {client}",
    "documents.list_hint": "Newest first; tap a document to open it.",
    "documents.none": "This client has no documents.",
    "documents.kind_status": "{kind} — {status}",
    "documents.client": "Client: {client}",
    "documents.created_by": "Created by {name} on {at}",
    "documents.final_cloture": "Closed on {at}",
    "documents.final_annule": "Cancelled on {at}",
    "documents.final_cloture.f": "Closed on {at}",
    "documents.final_annule.f": "Cancelled on {at}",
    "documents.start_work": "▶️ Start work",
    "documents.close": "✅ Close",
    "documents.cancel": "✖️ Cancel the document",
    "documents.confirm_close": "Close document <b>{number}</b> ({kind})?",
    "documents.confirm_cancel": (
        "Cancel document <b>{number}</b> ({kind})? Its status can no longer change afterwards."
    ),
    "documents.started": "{kind} {number}: {status}.",
    "documents.closed": "{kind} {number}: {status}.",
    "documents.cancelled": "{kind} {number}: {status}.",
}
