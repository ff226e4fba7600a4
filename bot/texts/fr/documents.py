"""Texts of documents: "Créer une intervention" (etc.), a client's documents, one document."""

TEXTS: dict[str, str] = {
    "documents.confirm_intervention": "🛠 Créer une intervention pour {client} ?",
    "documents.confirm_location": "📦 Créer une location pour {client} ?",
    "documents.confirm_vente": "🛒 Créer une vente pour {client} ?",
    "documents.confirm_facture": "🧾 Créer une facture pour {client} ?",
    "documents.choose_intervention": (
        "Selon la configuration de votre compte, choisissez ce que vous créez pour {client} :"
        " un devis ou un ordre ?"
    ),
    "documents.choose_location": (
        "Selon la configuration de votre compte, choisissez ce que vous créez pour {client} :"
        " un devis ou un contrat ?"
    ),
    "documents.choice_intervention_devis": "📝 Devis",
    "documents.choice_intervention_ordre": "🛠 Ordre",
    "documents.choice_location_devis": "📝 Devis",
    "documents.choice_location_contrat": "📄 Contrat",
    "documents.created": "✅ Document créé pour {client} :\n<b>{number}</b> — {kind} — {status}",
    "documents.next_intervention": "La suite : voir le manuel « Interventions » de LoKisi.",
    "documents.next_location": "La suite : voir le manuel « Locations » de LoKisi.",
    "documents.next_vente": "La suite : voir le manuel « Ventes » de LoKisi.",
    "documents.next_facture": "La suite : voir le manuel « Factures » de LoKisi.",
    "documents.open": "📄 Ouvrir le document",
    "documents.client_documents": "📂 Documents du client",
    "documents.back_to_card": "⬅️ Fiche client",
    "documents.list_title": "📂 Documents de {client}",
    "documents.list_hint": "Du plus récent au plus ancien ; touchez un document pour l'ouvrir.",
    "documents.none": "Aucun document pour ce client.",
    "documents.kind_status": "{kind} — {status}",
    "documents.client": "Client : {client}",
    "documents.created_by": "Créé par {name} le {at}",
    "documents.final_cloture": "Clôturé le {at}",
    "documents.final_annule": "Annulé le {at}",
    "documents.final_cloture.f": "Clôturée le {at}",
    "documents.final_annule.f": "Annulée le {at}",
    "documents.start_work": "▶️ Passer en cours",
    "documents.close": "✅ Clôturer",
    "documents.cancel": "✖️ Annuler le document",
    "documents.confirm_close": "Clôturer le document <b>{number}</b> ({kind}) ?",
    "documents.confirm_cancel": (
        "Annuler le document <b>{number}</b> ({kind}) ? Son statut ne pourra plus changer."
    ),
    "documents.started": "{kind} {number} : {status}.",
    "documents.closed": "{kind} {number} : {status}.",
    "documents.cancelled": "{kind} {number} : {status}.",
}
