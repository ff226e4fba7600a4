"""Texts of the client form ("Créer un client", "Modifier un client")."""

TEXTS: dict[str, str] = {
    "form.confirm_new": "Créer un nouveau client ?",
    "form.title_new": "➕ <b>Nouveau client</b>",
    "form.title_edit": "✏️ <b>Modifier le client</b> {code}",
    "form.owner": "Formulaire de {mention}",
    "form.empty": "—",
    "form.example.name.professionnel": "Boulangerie Dupont",
    "form.example.name.particulier": "Élodie Martin",
    "form.example.contact_name": "Jean Dupont",
    "form.example.mobile": "06 12 34 56 78",
    "form.example.phone": "01 42 68 53 00",
    "form.example.email": "contact@exemple.fr",
    "form.example.address_line1": "12 rue de la Paix",
    "form.example.address_line2": "Bâtiment B, 2e étage",
    "form.example.postal_code": "75002",
    "form.example.city": "Paris",
    "form.example.country": "France",
    "form.example.siret": "732 829 320 00074",
    "form.example.vat_number": "FR44732829320",
    "form.example.notes": "Code du portail : 1234",
    "form.example.position": "48.8566, 2.3522",
    "form.prompt": "✏️ Tapez « {label} » (ex. : {example}).",
    "form.prompt_group": "✏️ « {label} » : répondez au message ci-dessous (ex. : {example}).",
    "form.prompt_position": (
        "📍 Partagez la position du client (trombone 📎 → Position), "
        "ou tapez « latitude, longitude » (ex. : {example})."
    ),
    "form.question": "{mention}, « {label} » ? (ex. : {example})",
    "form.current": "Valeur actuelle : {value}",
    "form.hint": (
        "Touchez un champ pour le remplir, puis « 💾 Enregistrer ». "
        "Vous pouvez aussi partager un contact ou une position."
    ),
    "form.in_progress": (
        "📝 Un formulaire est en cours : le voici. Terminez-le avec « 💾 Enregistrer » "
        "ou abandonnez-le avec « Annuler »."
    ),
    "form.you_typed": "Vous avez tapé « {text} ».",
    "form.save": "💾 Enregistrer",
    "form.clear": "Effacer",
    "form.reload": "🔄 Recharger",
    "form.overwrite": "✍️ Écraser",
    "form.conflict": (
        "⚠️ Quelqu'un a enregistré ce client pendant que vous le modifiiez. Ce qu'il a changé :"
    ),
    "form.conflict_line": "<b>{label}</b> : enregistré « {theirs} », le vôtre « {mine} »",
    "form.conflict_nothing": "(aucun champ visible : seule la version a changé)",
    "form.conflict_choice": (
        "« 🔄 Recharger » prend sa version et abandonne vos changements ; "
        "« ✍️ Écraser » enregistre la vôtre par-dessus."
    ),
    "form.cancelled_new": "Création annulée : rien n'a été enregistré.",
    "form.cancelled_edit": "Modification annulée : rien n'a été enregistré.",
    "form.no_form": "Ce formulaire est terminé (déjà enregistré ou annulé).",
    "form.not_this_form": (
        "Ce n'est pas votre formulaire en cours : utilisez le dernier message du formulaire."
    ),
    "form.not_yours": "Ce formulaire n'est pas le vôtre (ou il est déjà terminé).",
    "form.nothing_to_cancel": "Aucun formulaire en cours.",
    "form.error.required": "Ce champ est obligatoire : tapez-le (ex. : {example}).",
    "form.error.too_long": "Trop long : {max_length} caractères au plus.",
    "form.error.siret_length": (
        "Un SIRET a 14 chiffres ; celui-ci en a {length}. Ex. : {example}."
    ),
    "form.error.siret_format": (
        "Un SIRET ne contient que des chiffres (les espaces sont permis). Ex. : {example}."
    ),
    "form.error.siret_checksum": (
        "Ce SIRET n'existe pas (sa clé de contrôle est fausse) : vérifiez chaque chiffre."
    ),
    "form.error.vat_key": (
        "La clé de ce numéro de TVA ne correspond pas au SIREN : vérifiez les 2 chiffres "
        "après FR et les 9 chiffres du SIREN."
    ),
    "form.error.vat_other_siren": (
        "Ce numéro de TVA est celui d'une autre entreprise que le SIRET : celui de ce SIRET "
        "est {vat}. Corrigez la TVA ou le SIRET."
    ),
    "form.error.vat_format": (
        "Numéro de TVA mal formé : le code du pays puis le numéro, ex. : {example}."
    ),
    "form.error.phone_unparseable": (
        "Ce n'est pas un numéro de téléphone. Ex. : {example} ou +33 6 12 34 56 78."
    ),
    "form.error.phone_invalid": (
        "Ce numéro n'existe pas : vérifiez le nombre de chiffres. Ex. : {example}, "
        "ou +32 2 512 34 56 pour l'étranger."
    ),
    "form.error.email_invalid": "Adresse e-mail non valide. Ex. : {example}.",
    "form.error.postal_code_fr": (
        "En France, un code postal a 5 chiffres (ex. : 75002). "
        "Pour un autre pays, changez d'abord le pays."
    ),
    "form.error.number": "Tapez des nombres, ex. : {example}.",
    "form.error.out_of_range_low": "Valeur trop petite : au moins {limit}.",
    "form.error.out_of_range_high": "Valeur trop grande : au plus {limit}.",
    "form.error.position_format": (
        "Tapez deux nombres, la latitude puis la longitude, ex. : {example} ; "
        "ou partagez une position."
    ),
    "form.error.position_incomplete": (
        "Il manque la latitude ou la longitude : partagez la position à nouveau."
    ),
    "form.error.choice": "Choisissez « Professionnel » ou « Particulier ».",
    "form.error.other": "Valeur non valide. Ex. : {example}.",
    "form.confirm_new_named": "Créer le client « {name} » ?",
    "form.skip": "⏭ Passer « {label} »",
    "form.skip_hint": "Rien à mettre ? « ⏭ Passer » laisse ce champ vide.",
    "form.skip_hint_group": "Rien à mettre ? Touchez « ⏭ Passer » sur le formulaire.",
    "form.paused": (
        "⏸ Formulaire en pause : rien de ce que vous tapez n'y va. « ▶️ Reprendre » pour "
        "continuer là où vous en étiez."
    ),
    "form.resume": "▶️ Reprendre",
    "form.confirm_cancel_new": "Abandonner ce nouveau client ? Ce que vous avez saisi sera perdu.",
    "form.confirm_cancel_edit": "Abandonner vos modifications de {code} ? Elles seront perdues.",
    "form.reply_for_others": (
        "{mention}, cette question s'adresse à quelqu'un d'autre : votre réponse n'a rien changé."
    ),
    "form.reply_to_nothing": (
        "{mention}, ce message n'attend pas de réponse. Pour chercher un client : /client dupont ;"
        " pour le reste : /menu ou /aide."
    ),
    "form.reply_elsewhere_others": (
        "{mention}, cette question s'adresse à quelqu'un d'autre : votre réponse n'a rien changé."
        " Votre formulaire attend « {label} » : répondez à ce message."
    ),
    "form.reply_elsewhere": (
        "{mention}, ce message n'est pas votre question : votre réponse n'a rien changé. "
        "Votre formulaire attend « {label} » : répondez à ce message."
    ),
}
