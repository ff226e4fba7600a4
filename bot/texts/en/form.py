"""Texts of the client form ("Créer un client", "Modifier un client")."""

TEXTS: dict[str, str] = {
    "form.confirm_new": "Create a new client?",
    "form.title_new": "➕ <b>New client</b>",
    "form.title_edit": "✏️ <b>Edit client</b> {code}",
    "form.owner": "{mention}'s form",
    "form.empty": "—",
    "form.example.name.professionnel": "Boulangerie Dupont",
    "form.example.name.particulier": "Élodie Martin",
    "form.example.contact_name": "Jean Dupont",
    "form.example.mobile": "06 12 34 56 78",
    "form.example.phone": "01 42 68 53 00",
    "form.example.email": "contact@example.com",
    "form.example.address_line1": "12 rue de la Paix",
    "form.example.address_line2": "Building B, 2nd floor",
    "form.example.postal_code": "75002",
    "form.example.city": "Paris",
    "form.example.country": "France",
    "form.example.siret": "732 829 320 00074",
    "form.example.vat_number": "FR44732829320",
    "form.example.notes": "Gate code: 1234",
    "form.example.position": "48.8566, 2.3522",
    "form.prompt": "✏️ Type the “{label}” (e.g. {example}).",
    "form.prompt_group": "✏️ “{label}”: reply to the message below (e.g. {example}).",
    "form.prompt_position": (
        "📍 Share the client's location (paperclip 📎 → Location), "
        "or type “latitude, longitude” (e.g. {example})."
    ),
    "form.question": "{mention}, “{label}”? (e.g. {example})",
    "form.current": "Current value: {value}",
    "form.hint": (
        "Tap a field to fill it in, then “💾 Save”. You can also share a contact or a location."
    ),
    "form.in_progress": (
        "📝 A form is in progress: here it is. Finish it with “💾 Save” or drop it with “Cancel”."
    ),
    "form.you_typed": "You typed “{text}”.",
    "form.save": "💾 Save",
    "form.clear": "Clear",
    "form.reload": "🔄 Reload",
    "form.overwrite": "✍️ Overwrite",
    "form.conflict": ("⚠️ Someone saved this client while you were editing it. What they changed:"),
    "form.conflict_line": "<b>{label}</b>: saved “{theirs}”, yours “{mine}”",
    "form.conflict_nothing": "(no visible field: only the version changed)",
    "form.conflict_choice": (
        "“🔄 Reload” takes their version and drops your changes; "
        "“✍️ Overwrite” saves yours over theirs."
    ),
    "form.cancelled_new": "Creation cancelled: nothing was saved.",
    "form.cancelled_edit": "Edit cancelled: nothing was saved.",
    "form.no_form": "This form is over (already saved or cancelled).",
    "form.not_this_form": "This is not your current form: use the latest message of the form.",
    "form.not_yours": "This form is not yours (or it is already over).",
    "form.nothing_to_cancel": "No form in progress.",
    "form.error.required": "This field is required: type it (e.g. {example}).",
    "form.error.too_long": "Too long: {max_length} characters at most.",
    "form.error.siret_length": "A SIRET has 14 digits; this one has {length}. E.g. {example}.",
    "form.error.siret_format": "A SIRET holds digits only (spaces are fine). E.g. {example}.",
    "form.error.siret_checksum": (
        "This SIRET does not exist (its check digit is wrong): check every digit."
    ),
    "form.error.vat_key": (
        "The key of this VAT number does not match the SIREN: check the 2 digits after FR "
        "and the 9 digits of the SIREN."
    ),
    "form.error.vat_other_siren": (
        "This VAT number belongs to another company than the SIRET: this SIRET's is {vat}. "
        "Correct the VAT number or the SIRET."
    ),
    "form.error.vat_format": (
        "Badly formed VAT number: the country code, then the number, e.g. {example}."
    ),
    "form.error.phone_unparseable": (
        "This is not a phone number. E.g. {example} or +33 6 12 34 56 78."
    ),
    "form.error.phone_invalid": (
        "This number does not exist: check the number of digits. E.g. {example}, "
        "or +44 20 7946 0958 abroad."
    ),
    "form.error.email_invalid": "Invalid e-mail address. E.g. {example}.",
    "form.error.postal_code_fr": (
        "In France, a postal code has 5 digits (e.g. 75002). "
        "For another country, change the country first."
    ),
    "form.error.number": "Type numbers, e.g. {example}.",
    "form.error.out_of_range_low": "Too small: at least {limit}.",
    "form.error.out_of_range_high": "Too large: at most {limit}.",
    "form.error.position_format": (
        "Type two numbers, the latitude then the longitude, e.g. {example}; or share a location."
    ),
    "form.error.position_incomplete": (
        "The latitude or the longitude is missing: share the location again."
    ),
    "form.error.choice": "Choose “Business” or “Private person”.",
    "form.error.other": "Invalid value. E.g. {example}.",
    "form.confirm_new_named": "Create the client “{name}”?",
    "form.skip": "⏭ Skip “{label}”",
    "form.skip_hint": "Nothing to put? “⏭ Skip” leaves this field empty.",
    "form.skip_hint_group": "Nothing to put? Tap “⏭ Skip” on the form.",
    "form.paused": (
        "⏸ Form paused: nothing you type goes into it. “▶️ Resume” to carry on where you were."
    ),
    "form.resume": "▶️ Resume",
    "form.confirm_cancel_new": "Drop this new client? What you entered will be lost.",
    "form.confirm_cancel_edit": "Drop your changes to {code}? They will be lost.",
    "form.reply_for_others": (
        "{mention}, this question is for someone else: your answer changed nothing."
    ),
    "form.reply_to_nothing": (
        "{mention}, this message expects no answer. To find a client: /client dupont; "
        "for the rest: /menu or /help."
    ),
    "form.reply_elsewhere_others": (
        "{mention}, this question is for someone else: your answer changed nothing. "
        "Your form awaits “{label}”: reply to this message."
    ),
    "form.reply_elsewhere": (
        "{mention}, this message is not your question: your answer changed nothing. "
        "Your form awaits “{label}”: reply to this message."
    ),
}
