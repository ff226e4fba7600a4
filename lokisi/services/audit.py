"""The audit trail: who did what to which record, with before and after snapshots."""

from __future__ import annotations

from typing import Any, cast

from sqlalchemy import Table, insert
from sqlalchemy.ext.asyncio import AsyncSession

from lokisi.events import ChangeEvent, stage
from lokisi.fields import FIELD_NAMES
from lokisi.models import AuditEvent
from lokisi.schemas import ClientView
from lokisi.services.actors import ActingMember

# A Core insert of the table, not of the mapped class: no unit of work, no ORM object.
_INSERT = insert(cast(Table, AuditEvent.__table__))
# Who did what no member does (the Corbeille's purge).
SYSTEM = "system"
# What the trail keeps of a client: which one, which version, and every field's value.
CLIENT_SNAPSHOT: set[str] = {"id", "code", "version", *FIELD_NAMES}


async def write(
    session: AsyncSession,
    by: ActingMember | None,
    action: str,
    entity_id: int | None,
    *,
    account_id: int | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    label: str | None = None,
) -> None:
    """Write an event in the caller's transaction, by a member (in their account) or, given
    the account, by the system (None): it lands, or not, with the change itself; listeners
    of the event bus hear of it once it has committed. The action names the entity:
    "client.update" is about a client. `label` names the record for people when its
    snapshots do not (an attachment is named after its client)."""
    account_id = by.account_id if by is not None else account_id
    if account_id is None:
        raise ValueError("an event of the system names its account")
    entity = action.partition(".")[0]
    actor_name = by.name if by else SYSTEM
    snapshot = after or before or {}
    await session.execute(
        _INSERT,
        {
            "account_id": account_id,
            "actor_member_id": by.id if by else None,
            "actor_name": actor_name,
            "action": action,
            "entity": entity,
            "entity_id": entity_id,
            "before": before,
            "after": after,
            # A client's own events name it; those of its records carry its id.
            "client_id": entity_id if entity == "client" else snapshot.get("client_id"),
        },
    )
    label = label or _label(snapshot)
    stage(session, ChangeEvent(account_id, action, entity, entity_id, actor_name, label))


def client_snapshot(client: ClientView) -> dict[str, Any]:
    """A client as the audit trail keeps it, before or after a change."""
    return client.model_dump(mode="json", include=CLIENT_SNAPSHOT)


def client_label(name: str, code: str) -> str:
    """How people name a client: "Boulangerie Dupont (CLI-000001)"."""
    return f"{name} ({code})"


def _label(snapshot: dict[str, Any]) -> str:
    """How people name the record: "Boulangerie Dupont (CLI-000001)", "FA-2026-0001"."""
    if snapshot.get("number") and not snapshot.get("code"):
        return str(snapshot["number"])
    name, code = snapshot.get("name"), snapshot.get("code")
    if name and code:
        return client_label(name, code)
    return str(name or code or "")
