"""The business services: each call is one transaction, made on behalf of a member."""

from __future__ import annotations

from dataclasses import dataclass

from lokisi.db import SessionFactory, database_url
from lokisi.events import EventBus
from lokisi.lookups import Lookups
from lokisi.services.accounts import AccountService, GroupService
from lokisi.services.attachments import AttachmentService
from lokisi.services.cards import CardService
from lokisi.services.clients import ClientService
from lokisi.services.documents import DocumentService
from lokisi.services.history import HistoryService
from lokisi.services.inbox import Inbox
from lokisi.services.notes import NoteService
from lokisi.services.placing import PlacingService
from lokisi.services.state import StateStore
from lokisi.services.trash import TrashService


@dataclass(frozen=True)
class Services:
    accounts: AccountService
    clients: ClientService
    documents: DocumentService
    state: StateStore
    inbox: Inbox
    groups: GroupService
    trash: TrashService
    cards: CardService
    attachments: AttachmentService
    notes: NoteService
    history: HistoryService
    # Told of every committed change (the bot's activity feed listens).
    events: EventBus
    # The public registers looked up (none unless configured).
    lookups: Lookups
    placing: PlacingService
    # Where the services read and write, for work done in another process (the export's).
    database_url: str

    @classmethod
    def over(cls, sessions: SessionFactory, lookups: Lookups | None = None) -> Services:
        events = EventBus()
        sessions = events.publishing(sessions)
        lookups = lookups or Lookups()
        return cls(
            accounts=AccountService(sessions),
            clients=ClientService(sessions, lookups.addresses),
            documents=DocumentService(sessions),
            state=StateStore(sessions),
            inbox=Inbox(sessions),
            groups=GroupService(sessions),
            trash=TrashService(sessions),
            cards=CardService(sessions),
            attachments=AttachmentService(sessions),
            notes=NoteService(sessions),
            history=HistoryService(sessions),
            events=events,
            lookups=lookups,
            placing=PlacingService(sessions, lookups.addresses),
            database_url=database_url(sessions),
        )
