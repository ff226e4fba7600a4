"""Texts of finding clients: search results, the list of all clients, the selection."""

FR: dict[str, str] = {
    "search.results": "🔎 Clients trouvés pour « {query} » :",
    "search.no_result": (
        "Aucun client ne correspond à « {query} ».\n"
        "Vérifiez l'orthographe ou tapez le début d'un seul mot (« dup » trouve « Dupont ») ; "
        "le code, la ville, le téléphone ou le SIRET marchent aussi. "
        "Ou créez le client avec « + Nouveau client »."
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
}

EN: dict[str, str] = {
    "search.results": "🔎 Clients found for “{query}”:",
    "search.no_result": (
        "No client matches “{query}”.\n"
        "Check the spelling or type the start of a single word (“dup” finds “Dupont”); "
        "the code, town, phone number or SIRET work too. "
        "Or create the client with “+ New client”."
    ),
    "search.empty_query": (
        "Type at least one letter or digit: part of the client's name, code (CLI-000012), "
        "town, phone number or SIRET."
    ),
    "search.expired": "This search is too old: type it again.",
    "search.list_title": "📋 All clients:",
    "search.list_empty": "No client yet. Create the first one with “+ New client”.",
    "search.page_empty": "No client left on this page (they may have been deleted).",
    "search.select_hint": (
        "☑️ Selection: tap a client to tick it (○ → ●). "
        "The selection is kept from one page and one search to the next."
    ),
    "search.selected_count": "Selected clients: {count}",
    "search.select_on": "☑️ Select",
    "search.select_off": "✔️ Done selecting",
    "search.delete_selection": "🗑 Delete ({count})",
    "search.clear_selection": "Unselect all",
}
