"""Texts of finding clients: search results, the list of all clients, the selection."""

TEXTS: dict[str, str] = {
    "search.results": "🔎 Clients trouvés pour « {query} » :",
    "search.no_result": (
        "Aucun client ne correspond à « {query} ».\n"
        "Vérifiez l'orthographe ou tapez le début d'un seul mot (« dup » trouve « Dupont ») ; "
        "le code, la rue, la ville, le téléphone ou le SIRET marchent aussi. "
        "Ou créez le client avec « + Nouveau client »."
    ),
    "search.closest": (
        "🔎 Aucun client ne correspond exactement à « {query} ». "
        "Les orthographes les plus proches :"
    ),
    "search.empty_query": (
        "Tapez au moins une lettre ou un chiffre : une partie du nom, du code (CLI-000012), "
        "de la ville, du téléphone ou du SIRET du client."
    ),
    "search.expired": "Cette recherche est trop ancienne : tapez-la à nouveau.",
    "search.list_title": "📋 Tous les clients :",
    "search.list_empty": "Aucun client pour l'instant. Créez le premier avec « + Nouveau client ».",
    "search.page_empty": "Plus aucun client sur cette page (ils ont peut-être été supprimés).",
    "search.select_hint": (
        "☑️ Sélection : touchez un client pour le cocher (○ → ●). "
        "La sélection est gardée d'une page et d'une recherche à l'autre."
    ),
    "search.selected_count": "Clients sélectionnés : {count}",
    "search.select_on": "☑️ Sélection",
    "search.select_off": "✔️ Terminer la sélection",
    "search.delete_selection": "🗑 Supprimer ({count})",
    "search.clear_selection": "Tout désélectionner",
    "search.page": "Page {page}",
    "search.page_of": "Page {page}/{pages}",
    "search.page_of_many": "Page {page}/{pages} et plus",
}
