"""Texts of access: outsiders, invitations, roles."""

TEXTS: dict[str, str] = {
    "access.outsider": (
        "Bonjour ! Ce bot donne accès aux fiches clients LoKisi de votre entreprise.\n"
        "Vous n'êtes pas encore membre : demandez à votre manager un lien d'invitation."
    ),
    "access.outsider_alert": "Réservé aux membres du compte LoKisi.",
    "access.invalid_button": "Ce bouton n'est pas valide.",
    "access.welcome": "Bienvenue dans « {account} », {name} ! Vous êtes {role}.",
    "access.invitation_unknown": "Ce lien d'invitation n'existe pas. Demandez-en un nouveau.",
    "access.invitation_used": "Ce lien d'invitation a déjà servi. Demandez-en un nouveau.",
    "access.invitation_expired": "Ce lien d'invitation a expiré. Demandez-en un nouveau.",
    "access.already_member": "Vous êtes déjà membre du compte « {account} ».",
    "access.group_not_linked": (
        "Ce groupe n'est pas lié à votre compte LoKisi. Un manager peut le lier avec /lier."
    ),
    "access.invite_title": "Qui voulez-vous inviter ?",
    "access.invite_technicien": "👷 Un technicien",
    "access.invite_manager": "🧑‍💼 Un manager",
    "access.invite_link": (
        "Lien d'invitation ({role}), valable jusqu'au {expires} et pour une seule personne :\n"
        "{link}\n\nTransférez-le à la personne à inviter."
    ),
    "access.invite_share": "📤 Partager le lien",
    "access.invite_share_text": "Rejoignez « {account} » sur LoKisi (lien à usage unique).",
    "access.pick_person": "👤 Choisir la personne",
    "access.invite_pick": (
        "✉️ <b>Inviter un {role}</b>\n"
        "Touchez « 👤 Choisir la personne » en bas de l'écran et choisissez-la dans vos "
        "contacts : l'invitation ne servira qu'à cette personne.\n"
        "Pas dans vos contacts ? « 🔗 Créer un lien » à lui transférer."
    ),
    "access.pick_prompt": "👇 Choisissez la personne à inviter.",
    "access.invite_by_link": "🔗 Créer un lien",
    "access.join": "✅ Rejoindre",
    "access.invited_you": (
        "👋 {manager} vous invite à rejoindre « {account} » sur LoKisi, comme {role}. "
        "Touchez « ✅ Rejoindre »."
    ),
    "access.invitation_sent": (
        "✅ Invitation envoyée à {name} ({role}), dans sa conversation avec le bot ; valable "
        "jusqu'au {expires}, pour cette personne seulement."
    ),
    "access.invitation_to_forward": (
        "✉️ {name} n'a pas encore ouvert le bot, qui ne peut donc pas lui écrire. Transférez-lui "
        "ce lien ({role}), valable jusqu'au {expires} pour cette personne seulement :"
    ),
    "access.forward_prompt": "Envoyer le lien à {name} :",
    "access.picked_member_here": "{name} est déjà membre de votre compte.",
    "access.picked_member": (
        "{name} est déjà membre d'un autre compte LoKisi : on ne peut être membre que d'un compte."
    ),
    "access.this_person": "Cette personne",
    "access.invitation_for_someone_else": (
        "Ce lien d'invitation est réservé à une autre personne. Demandez le vôtre à votre manager."
    ),
    "access.link_below": "🔗 Voici un lien d'invitation à transférer :",
}
