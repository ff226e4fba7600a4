"""Texts of what the bot says rather than nothing: help, unknown commands, stray content."""

TEXTS: dict[str, str] = {
    "stray.help_private": (
        "<b>LoKisi — your client records in Telegram</b>\n"
        "• <b>Find a client</b>: type part of its name, town, code or phone number (or “🔎 "
        "Search” at the bottom of the screen).\n"
        "• <b>Near me</b>: “📍 Near me” lists the nearest clients.\n"
        "• <b>On the card</b>: 📞 Call, 📍 Locate, 📋 copy a number or the address, ✏️ Edit, "
        "create an intervention, a rental, a sale or an invoice.\n"
        "• <b>+ New client</b>: the bot asks for the name, the mobile, the address…; “⏭ Skip” "
        "passes a field, a shared contact fills in the contact and their number.\n"
        "• A command typed during a form pauses it: “▶️ Resume” opens it again where you were."
    ),
    "stray.help_group": (
        "<b>LoKisi in this group</b>\n"
        "• <b>Find a client</b>: /client dupont, then open its card: everything works there, "
        "as in private.\n"
        "• <b>Forms</b>: the bot asks its questions mentioning you; reply to your own question "
        "(not to someone else's).\n"
        "• Elsewhere, type @ and the bot's name then a client's name to share its card."
    ),
    "stray.help_manager_private": (
        "<b>Managers</b>: 🗑 delete one client or several (☑️ Selection), close documents, "
        "⚙️ Settings, ✉️ Invite (pick the person from your contacts), /export, and link the "
        "team's group (⚙️ Settings → “👥 Link a group”)."
    ),
    "stray.help_manager_group": (
        "<b>Managers</b>: /link links this group to the account; sent in a topic, it sends the "
        "activity feed there. /unlink unlinks it."
    ),
    "stray.help_commands_private": "Commands: /menu, /help, /cancel (drop a form).",
    "stray.help_commands_group": "Commands: /client, /help, /cancel, /link, /unlink.",
    "stray.unknown_command": (
        "I don't know the command {command}. Type /help to see what I can do, or /menu."
    ),
}
