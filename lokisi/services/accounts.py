"""Accounts, members, invitations and the account configuration."""

from __future__ import annotations

import secrets
from datetime import timedelta

from sqlalchemy import bindparam, func, select, update
from sqlalchemy.exc import IntegrityError

from lokisi.db import SessionFactory, reading
from lokisi.enums import DocumentStatus, InterventionStart, RentalStart, Role
from lokisi.errors import (
    AccountNameTaken,
    AlreadyMember,
    GroupLinkedElsewhere,
    InvitationUnusable,
    NotFound,
)
from lokisi.ids import storable
from lokisi.models import Account, Client, Document, GroupLink, Invitation, Member, utcnow
from lokisi.schemas import (
    AccountDetails,
    AccountSummary,
    AccountView,
    InvitationView,
    MemberView,
)
from lokisi.services import audit
from lokisi.services.actors import ActingMember, acting_member, joined_to_actor, row_of_account

INVITATION_LIFETIME = timedelta(days=7)


# Reads of a single row, built once (see lokisi.db.reading).
_MEMBER_OF_USER = select(*(Member.__table__.c[name] for name in MemberView.model_fields)).where(
    Member.telegram_user_id == bindparam("telegram_user_id")
)
_ACCOUNT_OF_MEMBER = joined_to_actor(
    select(*(Account.__table__.c[name] for name in AccountView.model_fields)).where(
        Account.id == bindparam("record_id")
    ),
    Account.id,
)


class AccountService:
    def __init__(self, sessions: SessionFactory) -> None:
        self._sessions = sessions

    async def create_account(
        self, name: str, *, manager_telegram_id: int, manager_name: str, language: str = "fr"
    ) -> tuple[AccountView, MemberView]:
        """A new company with its first manager (the administrator's set-up step); its name
        is none of another account's, whatever the case or the spaces around it."""
        name = name.strip()
        async with self._sessions.begin() as session:
            for other_id, other_name in await session.execute(select(Account.id, Account.name)):
                if other_name.strip().casefold() == name.casefold():
                    raise AccountNameTaken(other_name, other_id)
            existing = await session.scalar(
                select(Member).where(Member.telegram_user_id == manager_telegram_id)
            )
            if existing is not None:
                account = await session.get_one(Account, existing.account_id)
                raise AlreadyMember(account.name)
            account = Account(
                name=name,
                intervention_start=InterventionStart.AU_CHOIX,
                rental_start=RentalStart.AU_CHOIX,
                activity_feed=False,
                client_seq=0,
            )
            session.add(account)
            await session.flush()
            member = Member(
                account_id=account.id,
                telegram_user_id=manager_telegram_id,
                role=Role.MANAGER,
                name=manager_name,
                language=language,
            )
            session.add(member)
            await session.flush()
            await audit.write(
                session,
                _acting(member),
                "account.create",
                account.id,
                after={"name": account.name, "manager": manager_telegram_id},
            )
            return AccountView.model_validate(account), MemberView.model_validate(member)

    async def overview(self) -> list[AccountSummary]:
        """Every account, oldest first, with its numbers of members and of live clients."""
        members = select(func.count()).where(Member.account_id == Account.id).scalar_subquery()
        clients = (
            select(func.count())
            .where(Client.account_id == Account.id, Client.deleted_at.is_(None))
            .scalar_subquery()
        )
        async with reading(self._sessions) as connection:
            rows = await connection.execute(
                select(
                    Account.id,
                    Account.name,
                    members.label("members"),
                    clients.label("clients"),
                    Account.created_at,
                ).order_by(Account.id)
            )
            return [AccountSummary.model_validate(row._mapping) for row in rows]

    async def details(self, account_id: int) -> AccountDetails:
        """One account for the administrator; NotFound if there is none with that id."""
        async with self._sessions() as session:
            account = await session.get(Account, account_id) if storable(account_id) else None
            if account is None:
                raise NotFound("account", account_id)
            members = await session.scalars(
                select(Member).where(Member.account_id == account_id).order_by(Member.id)
            )
            counts = (
                await session.execute(
                    select(
                        func.count().filter(Client.deleted_at.is_(None)),
                        func.count().filter(Client.deleted_at.is_not(None)),
                    ).where(Client.account_id == account_id)
                )
            ).one()
            open_documents = await session.scalar(
                select(func.count()).where(
                    Document.account_id == account_id,
                    Document.status.in_([s for s in DocumentStatus if s.is_open]),
                )
            )
            groups = await session.scalars(
                select(GroupLink.title).where(GroupLink.account_id == account_id)
            )
            return AccountDetails(
                account=AccountView.model_validate(account),
                created_at=account.created_at,
                members=tuple(MemberView.model_validate(m) for m in members),
                clients=counts[0],
                in_trash=counts[1],
                open_documents=open_documents or 0,
                groups=tuple(groups),
            )

    async def first_manager(self, account_id: int) -> MemberView:
        """The account's longest-standing manager: the actor of administrative work done
        from the command line (a CSV import), so that the audit trail names someone."""
        async with self._sessions.begin() as session:
            member = await session.scalar(
                select(Member)
                .where(Member.account_id == account_id, Member.role == Role.MANAGER)
                .order_by(Member.id)
                .limit(1)
            )
            if member is None:
                raise NotFound("account", account_id)
            return MemberView.model_validate(member)

    async def member_for(self, telegram_user_id: int) -> MemberView | None:
        """The member behind a Telegram user, or None for an outsider."""
        async with reading(self._sessions) as connection:
            row = (
                await connection.execute(_MEMBER_OF_USER, {"telegram_user_id": telegram_user_id})
            ).one_or_none()
            return MemberView.model_validate(row._mapping) if row else None

    async def account(self, actor: MemberView) -> AccountView:
        async with reading(self._sessions) as connection:
            row = await row_of_account(
                connection, _ACCOUNT_OF_MEMBER, actor, "account", actor.account_id
            )
            return AccountView.model_validate(row._mapping)

    async def configure(
        self,
        actor: MemberView,
        *,
        intervention_start: InterventionStart | None = None,
        rental_start: RentalStart | None = None,
        activity_feed: bool | None = None,
    ) -> AccountView:
        """Change the account configuration (managers only); unset arguments stay as they are."""
        async with self._sessions.begin() as session:
            member = await acting_member(session, actor, manager_for="account.configure")
            account = await session.get_one(Account, actor.account_id, with_for_update=True)
            before = AccountView.model_validate(account)
            if intervention_start is not None:
                account.intervention_start = intervention_start
            if rental_start is not None:
                account.rental_start = rental_start
            if activity_feed is not None:
                account.activity_feed = activity_feed
            await session.flush()
            after = AccountView.model_validate(account)
            await audit.write(
                session,
                member,
                "account.configure",
                account.id,
                before=before.model_dump(mode="json"),
                after=after.model_dump(mode="json"),
            )
            return after

    async def invite(
        self,
        actor: MemberView,
        role: Role,
        *,
        lifetime: timedelta = INVITATION_LIFETIME,
        for_telegram_id: int | None = None,
    ) -> InvitationView:
        """A single-use invitation token that expires (managers only); with
        `for_telegram_id`, for that person alone, who must not be a member already
        (AlreadyMember, naming the account only when it is the manager's)."""
        async with self._sessions.begin() as session:
            member = await acting_member(session, actor, manager_for="member.invite")
            if for_telegram_id is not None:
                existing = await session.scalar(
                    select(Member).where(Member.telegram_user_id == for_telegram_id)
                )
                if existing is not None:
                    ours = existing.account_id == actor.account_id
                    account = await session.get_one(Account, actor.account_id)
                    raise AlreadyMember(account.name if ours else "")
            invitation = Invitation(
                account_id=actor.account_id,
                token=secrets.token_urlsafe(18),
                role=role,
                created_by_id=member.id,
                expires_at=utcnow() + lifetime,
                for_telegram_id=for_telegram_id,
            )
            session.add(invitation)
            await session.flush()
            await audit.write(
                session,
                member,
                "invitation.create",
                invitation.id,
                after={
                    "role": role.value,
                    "expires_at": invitation.expires_at.isoformat(),
                    "for_telegram_id": for_telegram_id,
                },
            )
            return InvitationView.model_validate(invitation)

    async def redeem(
        self, token: str, *, telegram_user_id: int, name: str, language: str = "fr"
    ) -> MemberView:
        """Make the Telegram user a member; the token then serves nobody else."""
        async with self._sessions.begin() as session:
            invitation = await session.scalar(select(Invitation).where(Invitation.token == token))
            if invitation is None:
                raise InvitationUnusable("unknown")
            if invitation.for_telegram_id not in (None, telegram_user_id):
                # Kept for its person: refusing someone else uses nothing up.
                raise InvitationUnusable("for_someone_else")
            existing = await session.scalar(
                select(Member).where(Member.telegram_user_id == telegram_user_id)
            )
            if existing is not None:
                account = await session.get_one(Account, existing.account_id)
                raise AlreadyMember(account.name)
            now = utcnow()
            taken = await session.execute(
                update(Invitation)
                .where(
                    Invitation.id == invitation.id,
                    Invitation.redeemed_at.is_(None),
                    Invitation.expires_at > now,
                )
                .values(redeemed_at=now, redeemed_by_telegram_id=telegram_user_id)
                .execution_options(synchronize_session=False)
            )
            if taken.rowcount != 1:  # type: ignore[attr-defined]
                raise InvitationUnusable("used" if invitation.redeemed_at else "expired")
            member = Member(
                account_id=invitation.account_id,
                telegram_user_id=telegram_user_id,
                role=invitation.role,
                name=name[:120],
                language=language,
            )
            session.add(member)
            try:
                await session.flush()
            except IntegrityError:
                raise AlreadyMember("") from None
            await audit.write(
                session,
                _acting(member),
                "member.join",
                member.id,
                after={"telegram_user_id": telegram_user_id, "role": member.role.value},
            )
            return MemberView.model_validate(member)


class GroupService:
    """Group chats linked to an account: where a team works together on its clients."""

    def __init__(self, sessions: SessionFactory) -> None:
        self._sessions = sessions

    async def account_of(self, chat_id: int) -> int | None:
        """The account a group is linked to, if any."""
        async with self._sessions.begin() as session:
            link = await session.get(GroupLink, chat_id)
            return link.account_id if link else None

    async def link(
        self, actor: MemberView, chat_id: int, title: str, *, feed_topic_id: int | None = None
    ) -> None:
        """Link a group to the manager's account (a group serves one account at a time); in a
        forum, `feed_topic_id` is the topic the activity feed goes to (linking again from
        another topic moves it there)."""
        async with self._sessions.begin() as session:
            manager = await acting_member(session, actor, manager_for="group.link")
            link = await session.get(GroupLink, chat_id, with_for_update=True)
            if link is not None and link.account_id != actor.account_id:
                raise GroupLinkedElsewhere()
            if link is None:
                session.add(
                    GroupLink(
                        chat_id=chat_id,
                        account_id=actor.account_id,
                        title=title[:255],
                        linked_by_id=manager.id,
                        feed_topic_id=feed_topic_id,
                    )
                )
            else:
                link.title = title[:255]
                link.feed_topic_id = feed_topic_id
            # Supergroup ids overflow the integer entity_id; the snapshot keeps the id.
            after = {"chat_id": chat_id, "title": title, "feed_topic_id": feed_topic_id}
            await audit.write(session, manager, "group.link", None, after=after)

    async def unlink(self, actor: MemberView, chat_id: int) -> None:
        async with self._sessions.begin() as session:
            manager = await acting_member(session, actor, manager_for="group.unlink")
            link = await session.get(GroupLink, chat_id, with_for_update=True)
            if link is None or link.account_id != actor.account_id:
                raise NotFound("group", chat_id)
            await session.delete(link)
            await audit.write(
                session,
                manager,
                "group.unlink",
                None,
                before={"chat_id": chat_id, "title": link.title},
            )

    async def forget(self, chat_id: int) -> bool:
        """The bot is no longer in the group (removed by someone, or the group is gone): its
        link goes, as a fact rather than any member's action. Whether it was linked."""
        async with self._sessions.begin() as session:
            link = await session.get(GroupLink, chat_id, with_for_update=True)
            if link is None:
                return False
            await session.delete(link)
            before = {"chat_id": chat_id, "title": link.title}
            await audit.write(
                session, None, "group.forget", None, account_id=link.account_id, before=before
            )
            return True

    async def feed_targets(self, account_id: int) -> list[tuple[int, int | None]]:
        """The groups that get the account's activity feed, each with its topic (None: a
        group without topics, or General); none while a manager has the feed off."""
        # Asked after every committed change: a reading connection, no session.
        async with reading(self._sessions) as connection:
            rows = await connection.execute(
                select(GroupLink.chat_id, GroupLink.feed_topic_id)
                .join(Account, Account.id == GroupLink.account_id)
                .where(GroupLink.account_id == account_id, Account.activity_feed.is_(True))
                .order_by(GroupLink.chat_id)
            )
            return [(chat_id, topic) for chat_id, topic in rows]


def _acting(member: Member) -> ActingMember:
    """A member just made, as the actor of their own arrival."""
    return ActingMember(member.id, member.account_id, member.name, member.role)
