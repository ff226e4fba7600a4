"""Texts of the client's notes: dated, signed, added in one message."""

TEXTS: dict[str, str] = {
    "notes.button": "📝 Notes ({count})",
    "notes.title": "📝 Notes on {client}",
    "notes.none": "No note yet.",
    "notes.hint": (
        "Dated and signed, newest first. The card's own “Notes” field is changed with ✏️ Edit."
    ),
    "notes.entry": "<b>{at} · {author}</b>\n{text}",
    "notes.add": "✍️ Add a note",
    "notes.prompt": "✍️ Your note on {client}, in one message: reply to this one.",
    "notes.prompt_in_group": "{owner}, your note on {client}, in one message: reply to this one.",
    "notes.placeholder": "Your note…",
    "notes.added": "✅ Note added to {client}.",
    "notes.too_long": (
        "This note has {length} characters; a note holds {max_length} at most. Your message "
        "stays above: shorten it, then reply to the question again."
    ),
    "notes.blank": "A note cannot be empty: reply to the question with some text.",
    "notes.open": "🔎 {at} — {author}",
    "notes.note": "📝 Note by {author}, on {at}, on {client}:\n\n{text}",
    "notes.remove": "🗑 Remove the note",
    "notes.confirm_remove": "Remove the note by {author} of {at}?",
    "notes.removed": "Note removed.",
    "notes.back": "⬅️ Notes",
    "notes.older": "Older ▶️",
    "notes.newest": "⏮ Newest",
    "notes.on_card": "📝 Latest note ({author}, {at}): {text}",
}
