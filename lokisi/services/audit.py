"""The audit trail: who did what to which record, with before and after snapshots."""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from lokisi.models import AuditEvent, Member


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
    """Add an event to the caller's transaction: it lands, or not, with the change itself."""
    session.add(
        AuditEvent(
            account_id=account_id,
            actor_member_id=actor.id if actor else None,
            actor_name=actor.name if actor else (actor_name or "system"),
            action=action,
            entity=entity,
            entity_id=entity_id,
            before=before,
            after=after,
        )
    )
