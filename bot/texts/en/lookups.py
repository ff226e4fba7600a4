"""Texts of the client form's look-ups: the company register, the address base, duplicates."""

TEXTS: dict[str, str] = {
    "lookups.companies.off": "ℹ️ Company register look-up turned off: type the values.",
    "lookups.companies.slow": "ℹ️ The company register is too slow to answer: go on by hand.",
    "lookups.companies.down": "ℹ️ The company register is unavailable: go on by hand.",
    "lookups.companies.busy": "ℹ️ The company register is overloaded right now: go on by hand.",
    "lookups.companies.nothing": "ℹ️ No establishment of the register matches.",
    "lookups.companies.filled": (
        "🏢 Filled from the company register: check each value, then “💾 Save”."
    ),
    "lookups.companies.closed_filled": (
        "⛔ This establishment is closed in the register. Values filled in: check them before "
        "saving."
    ),
    "lookups.addresses.off": "ℹ️ Address look-up turned off: type the values.",
    "lookups.addresses.slow": "ℹ️ The address base is too slow to answer: go on by hand.",
    "lookups.addresses.down": "ℹ️ The address base is unavailable: go on by hand.",
    "lookups.addresses.busy": "ℹ️ The address base is overloaded right now: go on by hand.",
    "lookups.addresses.nothing_near": "ℹ️ No known address near this location.",
    "lookups.addresses.from_location": "📍 The address nearest to the shared location: check it.",
    "lookups.offers_company": (
        "🏢 In the company register (⛔ closed, 🔒 address not public): tap an establishment to "
        "fill the card, or go on."
    ),
    "lookups.offers_address": "📍 Known addresses: tap the right one to complete it.",
    "lookups.siret_taken": (
        "⛔ This SIRET is already {client}'s: an establishment has one card. Open it, or "
        "correct the SIRET."
    ),
    "lookups.same_phone": "{client} (same phone number)",
    "lookups.same_name": "{client} (same name, same place)",
    "lookups.looks_like_new": "⚠️ This client looks like {clients}: open it, or create anyway?",
    "lookups.looks_like_edit": ("⚠️ This client now looks like {clients}: open it, or save anyway?"),
    "lookups.open": "📇 Open {code} {name}",
    "lookups.create_anyway": "➕ Create anyway",
    "lookups.save_anyway": "💾 Save anyway",
    "lookups.not_placed": "📍 Address not placed on the map yet (the address base is unavailable).",
    "lookups.not_found": (
        "📍 Address not found on the map: check it, or share the client's location."
    ),
}
