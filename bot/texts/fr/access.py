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
    "access.invite_expires": "{at:%d/%m/%Y à %H:%M}",
    "access.invite_share": "📤 Partager le lien",
    "access.invite_share_text": "Rejoignez « {account} » sur LoKisi (lien à usage unique).",
    "access.pick_person": "👤 Choisir la personne",
}
