"""Data and scenarios to start from in tests: valid clients, and the changes of members or
groups that no service makes (an administrator's, straight in the database)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, select, update

from lokisi.db import SessionFactory
from lokisi.enums import Role
from lokisi.events import ChangeEvent
from lokisi.models import GroupLink, Member
from lokisi.schemas import MemberView
from lokisi.services import Services


def professional(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "type": "professionnel",
        "name": "Boulangerie Dupont",
        "contact_name": "Jean Dupont",
        "phone": "01 42 68 53 00",
        "mobile": "06 12 34 56 78",
        "email": "contact@boulangerie-dupont.fr",
        "siret": "732 829 320 00074",
        "vat_number": "FR44732829320",
        "address_line1": "12 rue de la Paix",
        "postal_code": "75002",
        "city": "Paris",
    }
    data.update(overrides)
    return data


def unnumbered(**overrides: Any) -> dict[str, Any]:
    """A professional without SIRET, VAT or phone numbers: several in one account, with names
    of their own, are not taken for duplicates of each other."""
    return professional(
        **{"siret": None, "vat_number": None, "phone": None, "mobile": None, **overrides}
    )


def private_person(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {"type": "particulier", "name": "Élodie Martin", "city": "Lyon"}
    data.update(overrides)
    return data


async def change_role(sessions: SessionFactory, member: MemberView, role: Role) -> MemberView:
    """The member, now with another role."""
    async with sessions.begin() as session:
        await session.execute(update(Member).where(Member.id == member.id).values(role=role))
    return member.model_copy(update={"role": role})


async def remove_member(services: Services, sessions: SessionFactory, member: MemberView) -> None:
    """The member removed from their account, and the bot told of it as of any change of
    members (it forgets the members it remembers)."""
    async with sessions.begin() as session:
        await session.execute(delete(Member).where(Member.id == member.id))
    removal = ChangeEvent(member.account_id, "member.remove", "member", member.id, "", "")
    services.events.publish([removal])


async def linked_chats(sessions: SessionFactory, account_id: int) -> list[int]:
    """The group chats linked to an account."""
    async with sessions() as session:
        rows = await session.scalars(
            select(GroupLink.chat_id)
            .where(GroupLink.account_id == account_id)
            .order_by(GroupLink.chat_id)
        )
        return list(rows)


def photo(n: int = 1, **overrides: Any) -> dict[str, Any]:
    """A photo as the chat gives it: its file ids on Telegram, never its bytes."""
    return {
        "kind": "photo",
        "file_id": f"AgACAgQAAxkBAAIB-photo-{n}",
        "file_unique_id": f"AQADphoto{n}",
        "file_size": 120_000 + n,
    } | overrides


def document(name: str = "devis.pdf", **overrides: Any) -> dict[str, Any]:
    return {
        "kind": "document",
        "file_id": f"BQACAgQAAxkBAAIB-{name}",
        "file_unique_id": f"AgAD-{name}",
        "file_name": name,
        "mime_type": "application/pdf",
        "file_size": 48_213,
    } | overrides
