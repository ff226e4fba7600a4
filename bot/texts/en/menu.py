"""Texts of the main menu."""

TEXTS: dict[str, str] = {
    "menu.title": "<b>{account}</b> — client records\nType part of a name to find a client.",
    "menu.new_client": "+ New client",
    "menu.search": "🔎 Search",
    "menu.list": "📋 Clients",
    "menu.select": "☑️ Select",
    "menu.settings": "⚙️ Settings",
    "menu.invite": "✉️ Invite",
    "menu.search_prompt": "Type part of the name, code, town, phone number or SIRET.",
    "menu.resume": "📝 Resume the form in progress",
}
