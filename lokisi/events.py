"""Changes members make, told to whoever listens (the bot's activity feed) once committed.

Services stage one event per audited change in their session (see `services.audit`); the
session hands them to the bus only after its transaction commits, so a change that is
rolled back tells nobody anything. Listeners get the events of one transaction together:
one user action (a bulk deletion, say) is one batch.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlalchemy.orm import Session

from lokisi.db import SessionFactory

log = logging.getLogger(__name__)

_STAGED = "lokisi.staged_events"


@dataclass(frozen=True)
class ChangeEvent:
    """What changed, in which account, done by whom; `label` names the record for people."""

    account_id: int
    action: str
    entity: str
    entity_id: int | None
    actor_name: str
    label: str


Listener = Callable[[Sequence[ChangeEvent]], None]


def stage(session: AsyncSession, change: ChangeEvent) -> None:
    """Keep the event with the transaction: it is published if, and when, it commits."""
    session.info.setdefault(_STAGED, []).append(change)


class EventBus:
    """A tiny synchronous bus: listeners must return at once (schedule any slow work)."""

    def __init__(self) -> None:
        self._listeners: list[Listener] = []

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Add a listener; call the returned function to remove it."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)

    def publish(self, changes: Sequence[ChangeEvent]) -> None:
        # The change is already committed: a failing listener must not fail the caller.
        for listener in tuple(self._listeners):
            try:
                listener(changes)
            except Exception:
                log.exception("event listener %r failed", listener)

    def publishing(self, sessions: SessionFactory) -> SessionFactory:
        """A session factory like `sessions` whose commits publish their staged events here."""
        base: type[Session] = sessions.kw.get("sync_session_class") or Session
        # A subclass of its own, so that the listeners serve this bus and no other.
        session_class = type("PublishingSession", (base,), {})
        event.listen(session_class, "after_commit", self._after_commit)
        event.listen(session_class, "after_rollback", _forget)
        kw: dict[str, Any] = {**sessions.kw, "sync_session_class": session_class}
        return async_sessionmaker(class_=sessions.class_, **kw)

    def _after_commit(self, session: Session) -> None:
        changes = session.info.pop(_STAGED, None)
        if changes:
            self.publish(tuple(changes))


def _forget(session: Session) -> None:
    session.info.pop(_STAGED, None)
