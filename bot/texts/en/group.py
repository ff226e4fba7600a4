"""Texts of group chats: linking a group, /client, and the activity feed."""

TEXTS: dict[str, str] = {
    "group.linked": (
        "✅ Group linked to the account “{account}”.\n"
        "Here, every member of the account can:\n"
        "• find a client: /client dupont\n"
        "• open its card and do everything from there: edit, call, locate, create an "
        "intervention…\n"
        "Anywhere else, type @{bot} dupont to share a card.\n"
        "A manager unlinks the group with /delier."
    ),
    "group.unlinked": (
        "Group unlinked from the account “{account}”: the bot no longer answers here."
    ),
    "group.in_groups_only": (
        "Send /lier in the group to link, after adding the bot to it. To unlink a group, "
        "send /delier in that group."
    ),
    "group.client_usage": (
        "Type /client followed by part of the name, code or town. Example: /client dupont"
    ),
    "group.feed.client.create": "➕ {actor} created the client {label}",
    "group.feed.client.update": "✏️ {actor} edited the client {label}",
    "group.feed.client.delete": "🗑 {actor} deleted the client {label}",
    "group.feed.document.create": "📄 {actor} created the document {label}",
    "group.feed.document.cloture": "✅ {actor} closed the document {label}",
    "group.feed.attachment.add": "📎 {actor} attached a file to {label}",
}
