"""Texts of the client form's look-ups: the company register, the address base, duplicates."""

TEXTS: dict[str, str] = {
    "lookups.companies.off": (
        "ℹ️ Recherche au registre des entreprises désactivée : saisie à la main."
    ),
    "lookups.companies.slow": (
        "ℹ️ Le registre des entreprises ne répond pas assez vite : continuez à la main."
    ),
    "lookups.companies.down": "ℹ️ Registre des entreprises indisponible : continuez à la main.",
    "lookups.companies.busy": (
        "ℹ️ Registre des entreprises surchargé pour l'instant : continuez à la main."
    ),
    "lookups.companies.nothing": "ℹ️ Aucun établissement du registre ne correspond.",
    "lookups.companies.filled": (
        "🏢 Rempli depuis le registre des entreprises : vérifiez chaque valeur, puis "
        "« 💾 Enregistrer »."
    ),
    "lookups.companies.closed_filled": (
        "⛔ Cet établissement est fermé au registre. Valeurs remplies : vérifiez-les avant "
        "d'enregistrer."
    ),
    "lookups.addresses.off": "ℹ️ Recherche d'adresses désactivée : saisie à la main.",
    "lookups.addresses.slow": (
        "ℹ️ La base des adresses ne répond pas assez vite : continuez à la main."
    ),
    "lookups.addresses.down": "ℹ️ Base des adresses indisponible : continuez à la main.",
    "lookups.addresses.busy": (
        "ℹ️ Base des adresses surchargée pour l'instant : continuez à la main."
    ),
    "lookups.addresses.nothing_near": "ℹ️ Aucune adresse connue près de cette position.",
    "lookups.addresses.from_location": (
        "📍 Adresse la plus proche de la position partagée : vérifiez-la."
    ),
    "lookups.offers_company": (
        "🏢 Au registre des entreprises (⛔ fermé, 🔒 adresse non diffusible) : touchez un "
        "établissement pour remplir la fiche, ou continuez."
    ),
    "lookups.offers_address": "📍 Adresses connues : touchez la bonne pour la compléter.",
    "lookups.siret_taken": (
        "⛔ Ce SIRET est déjà celui de {client} : un établissement n'a qu'une fiche. "
        "Ouvrez-la, ou corrigez le SIRET."
    ),
    "lookups.same_phone": "{client} (même téléphone)",
    "lookups.same_name": "{client} (même nom, même lieu)",
    "lookups.looks_like_new": "⚠️ Ce client ressemble à {clients} : l'ouvrir, ou créer quand même ?",
    "lookups.looks_like_edit": (
        "⚠️ Ce client ressemble maintenant à {clients} : l'ouvrir, ou enregistrer quand même ?"
    ),
    "lookups.open": "📇 Ouvrir {code} {name}",
    "lookups.create_anyway": "➕ Créer quand même",
    "lookups.save_anyway": "💾 Enregistrer quand même",
    "lookups.not_placed": (
        "📍 Adresse pas encore placée sur la carte (base des adresses indisponible)."
    ),
    "lookups.not_found": (
        "📍 Adresse introuvable sur la carte : vérifiez-la, ou partagez la position du client."
    ),
}
