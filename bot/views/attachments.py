"""A client's attachments: the question before attaching, the list, one attachment and how
it is sent back (pure: read models in, text and keyboards out)."""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Sequence

from telegram import InlineKeyboardMarkup

from bot.attachable import Pending
from bot.i18n import t
from bot.payloads import Attach, AttachmentOpen, AttachmentRemove, Attachments, Card
from bot.views.keyboards import button, confirm, keyboard
from bot.views.values import client_title, excerpt, when
from lokisi.enums import AttachmentKind
from lokisi.schemas import AttachmentItemView, AttachmentView, ClientView, MemberView, Page

MAX_LABEL = 60
# Kinds Telegram sends back together as one album (sendMediaGroup; an attachment has at most
# ten items, an album's most).
_ALBUM_KINDS = {
    AttachmentKind.PHOTO: "visual",
    AttachmentKind.VIDEO: "visual",
    AttachmentKind.DOCUMENT: "document",
}


def what(lang: str, kinds: Sequence[AttachmentKind], file_name: str | None = None) -> str:
    """What an attachment is, as people say it: "3 photos", "1 photo, 1 vidéo", a document's
    name when it is alone (raw text, not escaped)."""
    counted = Counter(kinds)
    said = ", ".join(
        t(lang, f"attachments.one.{kind.value}")
        if count == 1
        else t(lang, f"attachments.many.{kind.value}", count=count)
        for kind, count in counted.items()
    )
    if file_name and len(kinds) == 1:
        return t(lang, "attachments.named", what=said, name=file_name)
    return said


def what_attachment(lang: str, attachment: AttachmentView) -> str:
    names = [item.file_name for item in attachment.items if item.file_name]
    return what(lang, [item.kind for item in attachment.items], names[0] if names else None)


def what_pending(lang: str, pending: Pending) -> str:
    kinds = [AttachmentKind(item["kind"]) for item in pending.items]
    names = [item["file_name"] for item in pending.items if item.get("file_name")]
    return what(lang, kinds, names[0] if names else None)


def question_text(lang: str, pending: Pending, owner: str | None) -> str:
    """ "📎 Joindre 3 photos à <client> ?", naming whose question it is in a group."""
    said = html.escape(what_pending(lang, pending))
    if owner is None:
        return t(lang, "attachments.ask", what=said, client=pending.title)
    return t(lang, "attachments.ask_in_group", owner=owner, what=said, client=pending.title)


def question_keyboard(lang: str, pending: Pending) -> InlineKeyboardMarkup:
    """The question's "Oui" / "Non" (bot.confirmation's, asked again as an album grows)."""
    return confirm(lang, Attach(pending.client_id, pending.token), Card(pending.client_id))


def attached_text(lang: str, title: str, attachment: AttachmentView) -> str:
    said = html.escape(what_attachment(lang, attachment))
    return t(lang, "attachments.attached", client=title, what=said)


def attached_keyboard(lang: str, client_id: int) -> InlineKeyboardMarkup:
    return keyboard(
        [
            button(t(lang, "attachments.see"), Attachments(client_id)),
            button(t(lang, "attachments.back_to_card"), Card(client_id)),
        ]
    )


def list_text(lang: str, client: ClientView, page: Page[AttachmentView]) -> str:
    title = t(lang, "attachments.title", client=client_title(client))
    if not page.items and not page.has_previous:
        return f"{title}\n\n{t(lang, 'attachments.none')}\n\n{t(lang, 'attachments.hint')}"
    return f"{title}\n\n{t(lang, 'attachments.pick')}\n\n{t(lang, 'attachments.hint')}"


def list_keyboard(lang: str, client_id: int, page: Page[AttachmentView]) -> InlineKeyboardMarkup:
    rows = [[button(entry_label(lang, a), AttachmentOpen(a.id))] for a in page.items]
    paging = []
    if page.has_previous:
        paging.append(button(t(lang, "attachments.newest"), Attachments(client_id)))
    if page.has_next:
        older = Attachments(client_id, before=page.items[-1].id)
        paging.append(button(t(lang, "attachments.older"), older))
    back = [button(t(lang, "attachments.back_to_card"), Card(client_id))]
    return keyboard(*rows, paging, back)


def entry_label(lang: str, attachment: AttachmentView) -> str:
    """A button naming an attachment: what, who, when, and the start of its caption."""
    label = t(
        lang,
        "attachments.entry",
        what=what_attachment(lang, attachment),
        author=attachment.author_name,
        at=when(lang, attachment.created_at, "datetime_short"),
    )
    if attachment.caption:
        label = f"{label} · {attachment.caption}"
    return excerpt(label, MAX_LABEL)


def details_text(lang: str, client: ClientView, attachment: AttachmentView) -> str:
    """What is shown under an attachment sent back: what, for whom, by whom, when."""
    lines = [
        t(
            lang,
            "attachments.details",
            what=html.escape(what_attachment(lang, attachment)),
            client=client_title(client),
            author=html.escape(attachment.author_name),
            at=when(lang, attachment.created_at),
        )
    ]
    if attachment.caption:
        lines.append(t(lang, "attachments.caption", caption=html.escape(attachment.caption)))
    if attachment.origin:
        lines.append(t(lang, "attachments.origin", origin=html.escape(attachment.origin)))
    return "\n".join(lines)


def may_remove(member: MemberView, attachment: AttachmentView) -> bool:
    """Its author or a manager (the service decides; this only hides the button)."""
    return member.is_manager or attachment.author_member_id == member.id


def details_keyboard(
    lang: str, attachment: AttachmentView, member: MemberView
) -> InlineKeyboardMarkup:
    remove = None
    if may_remove(member, attachment):
        remove = [button(t(lang, "attachments.remove"), AttachmentRemove(attachment.id))]
    return keyboard(
        remove,
        [
            button(t(lang, "attachments.back_to_list"), Attachments(attachment.client_id)),
            button(t(lang, "attachments.back_to_card"), Card(attachment.client_id)),
        ],
    )


def remove_question(lang: str, client: ClientView, attachment: AttachmentView) -> str:
    said = html.escape(what_attachment(lang, attachment))
    return t(lang, "attachments.confirm_remove", what=said, client=client_title(client))


def batches(items: Sequence[AttachmentItemView]) -> list[list[AttachmentItemView]]:
    """How the items are sent back, in their order: photos and videos together, documents
    together, anything else one by one."""
    sent: list[list[AttachmentItemView]] = []
    for item in items:
        album = _ALBUM_KINDS.get(item.kind)
        last = sent[-1] if sent else None
        if album is not None and last is not None and _ALBUM_KINDS.get(last[0].kind) == album:
            last.append(item)
        else:
            sent.append([item])
    return sent
