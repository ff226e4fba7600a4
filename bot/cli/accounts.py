"""`account create`, `account list` and `account show`: the companies of a deployment."""

from __future__ import annotations

import argparse
import asyncio

from bot.cli.configuration import database
from bot.cli.failures import Failure
from bot.settings import Settings
from lokisi.errors import AccountNameTaken, AlreadyMember, NotFound
from lokisi.schemas import AccountDetails


def cmd_account_create(args: argparse.Namespace, settings: Settings) -> int:
    """Create an account with its first manager."""

    async def main() -> str:
        async with database(settings, upgrade=True) as services:
            try:
                account, member = await services.accounts.create_account(
                    args.name,
                    manager_telegram_id=args.manager,
                    manager_name=args.manager_name or f"Manager {args.manager}",
                    language=args.language,
                )
            except AlreadyMember as refused:
                raise Failure(
                    f"Telegram user {args.manager} is already a member of "
                    f"account {refused.account_name!r}"
                ) from None
            except AccountNameTaken as taken:
                raise Failure(
                    f"account #{taken.account_id} is already named {taken.name!r}: "
                    "give the new one another name"
                ) from None
        return (
            f"account #{account.id} {account.name!r} created; its manager is Telegram user "
            f"{member.telegram_user_id} ({member.name}), who can now send /start to the bot"
        )

    print(asyncio.run(main()))
    return 0


def cmd_account_list(args: argparse.Namespace, settings: Settings) -> int:
    """Every account: id, name, members and live clients."""

    async def main() -> None:
        async with database(settings, upgrade=False) as services:
            accounts = await services.accounts.overview()
        if not accounts:
            print("no account yet: create one with `lokisi-bot account create`")
            return
        width = max(len(a.name) for a in accounts)
        print(f"{'ID':>5}  {'NAME':<{width}}  {'MEMBERS':>7}  {'CLIENTS':>7}  CREATED")
        for a in accounts:
            created = a.created_at.strftime("%Y-%m-%d")
            print(f"{a.id:>5}  {a.name:<{width}}  {a.members:>7}  {a.clients:>7}  {created}")

    asyncio.run(main())
    return 0


def cmd_account_show(args: argparse.Namespace, settings: Settings) -> int:
    """One account: its configuration, members, clients, documents in progress and groups."""

    async def main() -> AccountDetails:
        async with database(settings, upgrade=False) as services:
            try:
                return await services.accounts.details(args.id)
            except NotFound:
                raise Failure(f"no account #{args.id} (see `lokisi-bot account list`)") from None

    print("\n".join(described(asyncio.run(main()))))
    return 0


def described(details: AccountDetails) -> list[str]:
    account = details.account
    lines = [
        f"account #{account.id} {account.name!r}, created {details.created_at:%Y-%m-%d}",
        f"  clients: {details.clients} (and {details.in_trash} in the Corbeille)",
        f"  documents in progress: {details.open_documents}",
        f"  intervention start: {account.intervention_start.value}; "
        f"rental start: {account.rental_start.value}; "
        f"activity feed: {'on' if account.activity_feed else 'off'}",
        f"  members ({len(details.members)}):",
        *(
            f"    {m.telegram_user_id:>12}  {m.role.value:<10}  {m.language}  {m.name}"
            for m in details.members
        ),
        f"  linked groups: {', '.join(details.groups) if details.groups else 'none'}",
    ]
    return lines
