"""Single-use tokens: a double tap, a button press Telegram delivers again after a crash, or
one form saved from two devices makes one effect.

The caller names the effect it means with a token of its choosing (`once=` of a service
call: the form being saved, the confirmation being pressed). The service claims the token in
its own transaction before making the effect, and records what it made before it commits
(and, when that cannot be read again, what it answered: what a deletion deleted); a call
with a token already claimed raises AlreadyDone with what the first call made, so that the
caller shows it again. The claim commits with the effect or not at all, so a call that fails
leaves its token free for another try.

Two calls claiming one token at once make one effect: on PostgreSQL the primary key makes
the second insert wait for the first transaction, then do nothing if it committed (the
second call raises AlreadyDone) or go on if it rolled back; SQLite lets one writer in at a
time. Tokens belong to an account, and are forgotten after 30 days (`forget_tokens`, run by
the daily purge).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import Table, bindparam, delete, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from lokisi.errors import AlreadyDone
from lokisi.models import UsedToken, utcnow

TOKEN_LENGTH = 32
KEPT = timedelta(days=30)

_TOKENS = cast(Table, UsedToken.__table__)
_CLAIM = {
    # ON CONFLICT DO NOTHING rather than an IntegrityError: a failed statement would end a
    # PostgreSQL transaction before it could read what the first claim made.
    "postgresql": postgresql.insert(_TOKENS).on_conflict_do_nothing().returning(_TOKENS.c.token),
    "sqlite": sqlite.insert(_TOKENS).on_conflict_do_nothing().returning(_TOKENS.c.token),
}
# Bound under names of their own: an UPDATE would SET the columns that parameters are named after.
_THE_TOKEN = (
    _TOKENS.c.account_id == bindparam("of_account"),
    _TOKENS.c.token == bindparam("the_token"),
)
_CLAIMED = select(_TOKENS.c.action, _TOKENS.c.entity, _TOKENS.c.entity_id, _TOKENS.c.outcome).where(
    *_THE_TOKEN
)
_RECORD = (
    update(_TOKENS)
    .where(*_THE_TOKEN)
    .values(entity_id=bindparam("made_id"), outcome=bindparam("answered"))
)
_FORGET = delete(_TOKENS).where(_TOKENS.c.used_at < bindparam("used_before"))


async def claim_token(
    session: AsyncSession,
    account_id: int,
    token: str | None,
    action: str,
    entity: str,
    entity_id: int | None = None,
) -> None:
    """Claim `token` for `action` on `entity` (its id, when known before the effect is made;
    otherwise `record_effect` gives it), or raise AlreadyDone with what the token's first
    call made. Without a token, nothing is claimed."""
    if token is None:
        return
    if len(token) > TOKEN_LENGTH:
        raise ValueError(f"a single-use token has at most {TOKEN_LENGTH} characters")
    claim = {
        "account_id": account_id,
        "token": token,
        "action": action,
        "entity": entity,
        "entity_id": entity_id,
        "used_at": utcnow(),
    }
    upsert = _CLAIM[session.get_bind().dialect.name]
    if (await session.execute(upsert, claim)).first() is None:
        await refuse_used_token(session, account_id, token)


async def refuse_used_token(
    executor: AsyncSession | AsyncConnection, account_id: int, token: str | None
) -> None:
    """AlreadyDone with what the token's first call made, if it was claimed: for a read made
    before the claim's transaction, whose checks would otherwise see that first effect as
    another's (a client saved before a crash looks like a duplicate of itself)."""
    if token is None:
        return
    the_token = {"of_account": account_id, "the_token": token}
    made = (await executor.execute(_CLAIMED, the_token)).one_or_none()
    if made is not None:
        raise AlreadyDone(made.action, made.entity, made.entity_id, made.outcome)


async def record_effect(
    session: AsyncSession,
    account_id: int,
    token: str | None,
    entity_id: int | None,
    outcome: Any = None,
) -> None:
    """Say what the call that claimed `token` made, once it exists (a new client's id), and
    what it answered if that cannot be read again (plain JSON)."""
    if token is not None:
        params = {
            "of_account": account_id,
            "the_token": token,
            "made_id": entity_id,
            "answered": outcome,
        }
        await session.execute(_RECORD, params)


async def forget_tokens(session: AsyncSession, now: datetime) -> None:
    """Forget tokens claimed more than 30 days before `now`: nobody taps twice a month apart."""
    await session.execute(_FORGET, {"used_before": now - KEPT})
