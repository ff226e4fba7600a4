"""Texts of access: outsiders, invitations, roles."""

FR: dict[str, str] = {
    "access.outsider": (
        "Bonjour ! Ce bot donne accès aux fiches clients LoKisi de votre entreprise.\n"
        "Vous n'êtes pas encore membre : demandez à votre manager un lien d'invitation."
    ),
    "access.outsider_alert": "Réservé aux membres du compte LoKisi.",
    "access.managers_only": "Réservé aux managers.",
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
}

EN: dict[str, str] = {
    "access.outsider": (
        "Hello! This bot gives access to your company's LoKisi client records.\n"
        "You are not a member yet: ask your manager for an invitation link."
    ),
    "access.outsider_alert": "For members of the LoKisi account only.",
    "access.managers_only": "For managers only.",
    "access.invalid_button": "This button is not valid.",
    "access.welcome": "Welcome to “{account}”, {name}! You are a {role}.",
    "access.invitation_unknown": "This invitation link does not exist. Ask for a new one.",
    "access.invitation_used": "This invitation link has already been used. Ask for a new one.",
    "access.invitation_expired": "This invitation link has expired. Ask for a new one.",
    "access.already_member": "You are already a member of the account “{account}”.",
    "access.group_not_linked": (
        "This group is not linked to your LoKisi account. A manager can link it with /lier."
    ),
    "access.invite_title": "Whom do you want to invite?",
    "access.invite_technicien": "👷 A field technician",
    "access.invite_manager": "🧑‍💼 A manager",
    "access.invite_link": (
        "Invitation link ({role}), valid until {expires}, for one person only:\n"
        "{link}\n\nForward it to the person you are inviting."
    ),
    "access.invite_expires": "{at:%d/%m/%Y at %H:%M}",
    "access.invite_share": "📤 Share the link",
    "access.invite_share_text": "Join “{account}” on LoKisi (single-use link).",
}
