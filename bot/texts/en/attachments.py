"""Texts of the client's attachments: attaching from the chat, the list, sending one back."""

TEXTS: dict[str, str] = {
    "attachments.button": "📎 Files ({count})",
    "attachments.ask": "📎 Attach {what} to {client}?",
    "attachments.ask_in_group": "{owner}: 📎 attach {what} to {client}?",
    "attachments.attached": "✅ Attached to {client}: {what}.",
    "attachments.see": "📎 See the files",
    "attachments.back_to_card": "⬅️ Card",
    "attachments.back_to_list": "⬅️ Files",
    "attachments.open_a_card": (
        "📎 To attach this to a client, open their card first (or reply to their card), then "
        "send it again."
    ),
    "attachments.unsupported": (
        "I don't keep this kind of message. I attach photos, documents, voice notes, videos, "
        "locations and forwarded messages to a client's card."
    ),
    "attachments.nothing_pending": "What was to be attached is no longer waiting: send it again.",
    "attachments.how": (
        "Open the client's card, then send the photo, document, voice note or video: the bot "
        "offers to attach it."
    ),
    "attachments.title": "📎 Files of {client}",
    "attachments.none": "No attachment yet.",
    "attachments.hint": (
        "To attach one, with the card open, send a photo, a document, a voice note, a video or "
        "forward a message; for a location, or in a group, reply to the card."
    ),
    "attachments.pick": "Tap one to receive it here.",
    "attachments.entry": "{what} — {author}, {at}",
    "attachments.older": "Older ▶️",
    "attachments.newest": "⏮ Newest",
    "attachments.details": "📎 {what} for {client}\nAttached by {author} on {at}",
    "attachments.caption": "Caption: {caption}",
    "attachments.origin": "↪️ Forwarded from {origin}",
    "attachments.remove": "🗑 Remove",
    "attachments.confirm_remove": "Remove {what} from {client}?",
    "attachments.removed": "Attachment removed.",
    "attachments.one.photo": "1 photo",
    "attachments.many.photo": "{count} photos",
    "attachments.one.video": "1 video",
    "attachments.many.video": "{count} videos",
    "attachments.one.document": "1 document",
    "attachments.many.document": "{count} documents",
    "attachments.one.voice": "1 voice note",
    "attachments.many.voice": "{count} voice notes",
    "attachments.one.location": "1 location",
    "attachments.many.location": "{count} locations",
    "attachments.one.message": "1 forwarded message",
    "attachments.many.message": "{count} forwarded messages",
    "attachments.named": "{what} “{name}”",
    "attachments.forwarded_by": "↪️ {origin}:",
}
