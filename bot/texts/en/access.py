"""Texts of access: outsiders, invitations, roles."""

TEXTS: dict[str, str] = {
    "access.outsider": (
        "Hello! This bot gives access to your company's LoKisi client records.\n"
        "You are not a member yet: ask your manager for an invitation link."
    ),
    "access.outsider_alert": "For members of the LoKisi account only.",
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
    "access.invite_share": "📤 Share the link",
    "access.invite_share_text": "Join “{account}” on LoKisi (single-use link).",
    "access.pick_person": "👤 Choose the person",
    "access.invite_pick": (
        "✉️ <b>Invite a {role}</b>\n"
        "Tap “👤 Choose the person” at the bottom of the screen and pick them from your "
        "contacts: the invitation will serve them alone.\n"
        "Not in your contacts? “🔗 Make a link” to forward to them."
    ),
    "access.pick_prompt": "👇 Choose the person to invite.",
    "access.invite_by_link": "🔗 Make a link",
    "access.join": "✅ Join",
    "access.invited_you": (
        "👋 {manager} invites you to join “{account}” on LoKisi, as a {role}. Tap “✅ Join”."
    ),
    "access.invitation_sent": (
        "✅ Invitation sent to {name} ({role}): it awaits them in their chat with the bot, valid "
        "until {expires} and for them alone."
    ),
    "access.invitation_to_forward": (
        "✉️ {name} has not opened the bot yet, so it cannot write to them. Forward them this "
        "link ({role}), valid until {expires} and for them alone:"
    ),
    "access.forward_prompt": "Send the link to {name}:",
    "access.picked_member_here": "{name} is already a member of your account.",
    "access.picked_member": (
        "{name} is already a member of another LoKisi account: one can be a member of one "
        "account only."
    ),
    "access.this_person": "This person",
    "access.invitation_for_someone_else": (
        "This invitation link is for someone else. Ask your manager for yours."
    ),
    "access.link_below": "🔗 Here is an invitation link to forward:",
}
