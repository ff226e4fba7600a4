"""The audit trail: who did what to which record, with before and after snapshots."""

from __future__ import annotations

from typing import Any, cast

from sqlalchemy import Table, insert
from sqlalchemy.ext.asyncio import AsyncSession

from lokisi.events import ChangeEvent, stage
from lokisi.models import AuditEvent, Member

# A Core insert of the table, not of the mapped class: no unit of work, no ORM object.
_INSERT = insert(cast(Table, AuditEvent.__table__))


def record(
    session: AsyncSession,
    actor: Member | None,
    *,
    account_id: int,
    action: str,
    entity: str,
    entity_id: int | None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    actor_name: str | None = None,
) -> None:
    """Add an event to the caller's transaction: it lands, or not, with the change itself;
    listeners of the event bus hear of it once it has committed."""
    name = actor.name if actor else (actor_name or "system")
    session.add(
        AuditEvent(
            account_id=account_id,
            actor_member_id=actor.id if actor else None,
            actor_name=name,
            action=action,
            entity=entity,
            entity_id=entity_id,
            before=before,
            after=after,
        )
    )
    _stage(session, account_id, action, entity, entity_id, name, before, after)


async def write(
    session: AsyncSession,
    *,
    actor_id: int,
    actor_name: str,
    account_id: int,
    action: str,
    entity: str,
    entity_id: int,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> None:
    """`record` for callers that write with Core statements and hold no ORM member: the row
    is inserted at once, in the caller's transaction, and the event staged the same way."""
    await session.execute(
        _INSERT,
        {
            "account_id": account_id,
            "actor_member_id": actor_id,
            "actor_name": actor_name,
            "action": action,
            "entity": entity,
            "entity_id": entity_id,
            "before": before,
            "after": after,
        },
    )
    _stage(session, account_id, action, entity, entity_id, actor_name, before, after)


def _stage(
    session: AsyncSession,
    account_id: int,
    action: str,
    entity: str,
    entity_id: int | None,
    actor_name: str,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
) -> None:
    stage(
        session,
        ChangeEvent(
            account_id, action, entity, entity_id, actor_name, _label(after or before or {})
        ),
    )


def _label(snapshot: dict[str, Any]) -> str:
    """How people name the record: "Boulangerie Dupont (CLI-000001)", "FA-2026-0001"."""
    if snapshot.get("number") and not snapshot.get("code"):
        return str(snapshot["number"])
    name, code = snapshot.get("name"), snapshot.get("code")
    if name and code:
        return f"{name} ({code})"
    return str(name or code or "")
