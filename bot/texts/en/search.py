"""Texts of finding clients: search results, the list of all clients, the selection."""

TEXTS: dict[str, str] = {
    "search.results": "🔎 Clients found for “{query}”:",
    "search.no_result": (
        "No client matches “{query}”.\n"
        "Check the spelling or type the start of a single word (“dup” finds “Dupont”); "
        "the code, street, town, phone number or SIRET work too. "
        "Or create the client with “+ New client”."
    ),
    "search.closest": "🔎 No client matches “{query}” exactly. The closest spellings:",
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
    "search.page": "Page {page}",
    "search.page_of": "Page {page} of {pages}",
    "search.page_of_many": "Page {page} of {pages}+",
}
