"""One process of the numbering test: creates N invoices for a client, as fast as it can.

    python -m tests.reliability.numbering_worker DATABASE_URL TELEGRAM_USER_ID CLIENT_ID N

Prints the numbers it got, one per line.
"""

from __future__ import annotations

import asyncio
import sys

from lokisi.db import create_engine, session_factory
from lokisi.enums import DocumentFamily
from lokisi.services import Services


async def create_invoices(url: str, telegram_user_id: int, client_id: int, count: int) -> None:
    engine = create_engine(url)
    try:
        services = Services.over(session_factory(engine))
        member = await services.accounts.member_for(telegram_user_id)
        assert member is not None, f"no member {telegram_user_id}"
        for _ in range(count):
            document = await services.documents.create(member, client_id, DocumentFamily.FACTURE)
            print(document.number, flush=True)
    finally:
        await engine.dispose()


if __name__ == "__main__":
    url, telegram_user_id, client_id, count = sys.argv[1:]
    asyncio.run(create_invoices(url, int(telegram_user_id), int(client_id), int(count)))
