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
    "group.pick_group": "👥 Choose the group",
    "group.feed_here": "🔔 The activity feed comes to this topic.",
    "group.feed_general": (
        "🔔 The activity feed comes here. In a group with topics, send /link in the topic that "
        "should get it."
    ),
    "group.feed_off": (
        "🔕 The activity feed is off: a manager turns it on in ⚙️ Settings (send /link in a topic "
        "to get it there)."
    ),
    "group.link_button": "👥 Link a group",
    "group.pick_prompt": (
        "👇 Tap “👥 Choose the group” at the bottom of the screen, then the team's group. The bot "
        "must already be a member (add it from the group's info)."
    ),
    "group.pick_not_member": "You are not a member of this group: only its members may link it.",
    "group.picked_linked": "✅ Group “{group}” linked to the account “{account}”.",
    "group.feed.attachment.add": "📎 {actor} attached a file to {label}",
}
