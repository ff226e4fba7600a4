"""Texts of what the bot says rather than nothing: help, unknown commands, stray content."""

TEXTS: dict[str, str] = {
    "stray.help_private": (
        "<b>LoKisi — vos fiches clients dans Telegram</b>\n"
        "• <b>Chercher un client</b> : tapez une partie de son nom, de sa ville, de son code ou "
        "de son téléphone (ou « 🔎 Rechercher » en bas de l'écran).\n"
        "• <b>Autour de moi</b> : « 📍 Autour de moi » liste les clients les plus proches.\n"
        "• <b>Sur la fiche</b> : 📞 Appeler, 📍 Localiser, 📋 copier un numéro ou l'adresse, "
        "✏️ Modifier, créer une intervention, une location, une vente ou une facture.\n"
        "• <b>+ Nouveau client</b> : le bot demande le nom, le mobile, l'adresse… ; « ⏭ Passer » "
        "saute un champ, un contact partagé remplit le contact et son numéro.\n"
        "• Une commande tapée pendant un formulaire le met en pause : « ▶️ Reprendre » le "
        "rouvre là où vous en étiez."
    ),
    "stray.help_group": (
        "<b>LoKisi dans ce groupe</b>\n"
        "• <b>Chercher un client</b> : /client dupont, puis ouvrez sa fiche : tout s'y fait, "
        "comme en privé.\n"
        "• <b>Formulaires</b> : le bot pose ses questions en vous mentionnant ; répondez à "
        "votre question (et non à celle d'un autre).\n"
        "• Ailleurs, tapez @ et le nom du bot suivi d'un nom de client pour partager sa fiche."
    ),
    "stray.help_manager_private": (
        "<b>Managers</b> : 🗑 supprimer un client ou plusieurs (☑️ Sélection), clôturer les "
        "documents, ⚙️ Réglages, ✉️ Inviter (choisissez la personne dans vos contacts), "
        "/export, et lier le groupe de l'équipe (⚙️ Réglages → « 👥 Lier un groupe »)."
    ),
    "stray.help_manager_group": (
        "<b>Managers</b> : /lier lie ce groupe au compte ; envoyé dans un sujet, il y envoie "
        "le fil d'activité. /delier le délie."
    ),
    "stray.help_commands_private": "Commandes : /menu, /aide, /cancel (abandonner un formulaire).",
    "stray.help_commands_group": "Commandes : /client, /aide, /cancel, /lier, /delier.",
    "stray.unknown_command": (
        "Je ne connais pas la commande {command}. Tapez /aide pour voir ce que je sais faire, "
        "ou /menu."
    ),
}
