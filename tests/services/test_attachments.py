"""Attachments on a real database: what is kept (file ids, never bytes), who sees and removes
them, and how they follow the client into the Corbeille, back, and out with the purge."""

from datetime import timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine

from lokisi.enums import AttachmentKind
from lokisi.errors import AlreadyDone, InvalidInput, NotFound, PermissionDenied
from lokisi.models import Attachment, AttachmentItem, AuditEvent, utcnow
from lokisi.schemas import MemberView
from lokisi.services import Services
from lokisi.services.attachments import PAGE_SIZE
from tests.factories import document, photo, professional


async def test_an_album_is_one_attachment_with_its_photos_in_the_order_sent(
    services: Services, technicien: MemberView
) -> None:
    client = await services.clients.create(technicien, professional())
    album = await services.attachments.add(
        technicien, client.id, [photo(1), photo(2), photo(3)], caption="  Chaudière  "
    )
    assert [item.file_id for item in album.items] == [photo(n)["file_id"] for n in (1, 2, 3)]
    assert (album.caption, album.author_name) == ("Chaudière", "Théo Technicien")
    assert await services.attachments.get(technicien, album.id) == album
    [listed] = (await services.attachments.page(technicien, client.id)).items
    assert listed == album


async def test_attachments_are_listed_newest_first_page_by_page(
    services: Services, manager: MemberView
) -> None:
    client = await services.clients.create(manager, professional())
    added = [
        await services.attachments.add(manager, client.id, [document(f"f{n}.pdf")])
        for n in range(PAGE_SIZE + 2)
    ]
    first = await services.attachments.page(manager, client.id)
    assert [a.id for a in first.items] == [a.id for a in reversed(added)][:PAGE_SIZE]
    assert (first.has_previous, first.has_next) == (False, True)
    second = await services.attachments.page(manager, client.id, before_id=first.items[-1].id)
    assert [a.id for a in second.items] == [added[1].id, added[0].id]
    assert (second.has_previous, second.has_next) == (True, False)


@pytest.mark.parametrize(
    "items",
    [
        [],
        [photo(n) for n in range(11)],
        [{"kind": "photo", "file_unique_id": "x"}],
        [{"kind": "location", "latitude": 45.0}],
        [{"kind": "location", "latitude": 91.0, "longitude": 4.0}],
        [{"kind": "message", "text": " \x00 "}],
        [{"kind": "sticker", "file_id": "a", "file_unique_id": "b"}],
        [photo(1, bytes=b"never the bytes")],
    ],
    ids=[
        "none",
        "eleven",
        "no file id",
        "half a position",
        "off the globe",
        "blank",
        "sticker",
        "bytes",
    ],
)
async def test_what_the_bot_does_not_keep_is_refused_and_nothing_is_attached(
    services: Services, manager: MemberView, items: list[dict[str, object]]
) -> None:
    client = await services.clients.create(manager, professional())
    with pytest.raises(InvalidInput):
        await services.attachments.add(manager, client.id, items)
    assert (await services.attachments.page(manager, client.id)).items == ()


async def test_a_position_and_a_forwarded_message_are_kept_without_a_file(
    services: Services, manager: MemberView
) -> None:
    client = await services.clients.create(manager, professional())
    position = await services.attachments.add(
        manager, client.id, [{"kind": "location", "latitude": 45.76, "longitude": 4.83}]
    )
    forwarded = await services.attachments.add(
        manager,
        client.id,
        [{"kind": "message", "text": "Le portail est au fond de la cour"}],
        origin="Jean Dupont",
    )
    assert position.items[0].kind is AttachmentKind.LOCATION and position.items[0].file_id is None
    assert (forwarded.items[0].text, forwarded.origin) == (
        "Le portail est au fond de la cour",
        "Jean Dupont",
    )


async def test_the_same_yes_attaches_once(services: Services, manager: MemberView) -> None:
    client = await services.clients.create(manager, professional())
    first = await services.attachments.add(manager, client.id, [photo()], once="token-1")
    with pytest.raises(AlreadyDone) as done:
        await services.attachments.add(manager, client.id, [photo()], once="token-1")
    assert done.value.entity_id == first.id
    assert len((await services.attachments.page(manager, client.id)).items) == 1


async def test_nothing_of_another_accounts_attachments_is_reachable(
    services: Services, manager: MemberView, outsider_manager: MemberView
) -> None:
    client = await services.clients.create(manager, professional())
    ours = await services.attachments.add(manager, client.id, [photo()])
    with pytest.raises(NotFound):
        await services.attachments.get(outsider_manager, ours.id)
    with pytest.raises(NotFound):
        await services.attachments.page(outsider_manager, client.id)
    with pytest.raises(NotFound):
        await services.attachments.remove(outsider_manager, ours.id)
    with pytest.raises(NotFound):
        await services.attachments.add(outsider_manager, client.id, [photo(9)])
    # The same file sent in the other account is the other account's own attachment.
    theirs_client = await services.clients.create(outsider_manager, professional())
    theirs = await services.attachments.add(outsider_manager, theirs_client.id, [photo()])
    assert [a.id for a in (await services.attachments.page(manager, client.id)).items] == [ours.id]
    assert theirs.id != ours.id


async def test_its_author_or_a_manager_removes_an_attachment_and_nobody_else(
    services: Services, manager: MemberView, technicien: MemberView
) -> None:
    client = await services.clients.create(manager, professional())
    by_marie = await services.attachments.add(manager, client.id, [photo(1)])
    by_theo = await services.attachments.add(technicien, client.id, [photo(2)])
    with pytest.raises(PermissionDenied):
        await services.attachments.remove(technicien, by_marie.id)
    await services.attachments.remove(technicien, by_theo.id, once="remove-1")
    with pytest.raises(AlreadyDone):
        await services.attachments.remove(technicien, by_theo.id, once="remove-1")
    await services.attachments.remove(manager, by_marie.id)
    assert (await services.attachments.page(manager, client.id)).items == ()
    with pytest.raises(NotFound):
        await services.attachments.get(manager, by_theo.id)


async def test_the_audit_keeps_neither_file_ids_nor_captions(
    services: Services, manager: MemberView, engine: AsyncEngine
) -> None:
    client = await services.clients.create(manager, professional())
    added = await services.attachments.add(manager, client.id, [photo(1)], caption="Compteur")
    await services.attachments.remove(manager, added.id)
    async with engine.connect() as connection:
        rows = (
            await connection.execute(
                select(AuditEvent.action, AuditEvent.before, AuditEvent.after).where(
                    AuditEvent.entity == "attachment"
                )
            )
        ).all()
    assert [row.action for row in rows] == ["attachment.add", "attachment.remove"]
    trail = str([(row.before, row.after) for row in rows])
    assert photo(1)["file_id"] not in trail and "Compteur" not in trail and "photo" in trail


async def count(engine: AsyncEngine, model: type[Attachment] | type[AttachmentItem]) -> int:
    async with engine.connect() as connection:
        return int(await connection.scalar(select(func.count()).select_from(model)) or 0)


async def test_attachments_follow_the_client_into_the_corbeille_back_and_out_with_the_purge(
    services: Services, manager: MemberView, outsider_manager: MemberView, engine: AsyncEngine
) -> None:
    client = await services.clients.create(manager, professional())
    album = await services.attachments.add(manager, client.id, [photo(1), photo(2)])
    elsewhere = await services.clients.create(outsider_manager, professional())
    await services.attachments.add(outsider_manager, elsewhere.id, [photo(3)])
    await services.clients.delete(manager, client.id)
    with pytest.raises(NotFound):
        await services.attachments.page(manager, client.id)
    with pytest.raises(NotFound):
        await services.attachments.get(manager, album.id)
    await services.trash.restore(manager, client.id)
    assert (await services.attachments.page(manager, client.id)).items == (album,)
    await services.clients.delete(manager, client.id)
    assert await services.trash.purge_expired(utcnow() + timedelta(days=31)) == 1
    # The other account's attachment stays; the purged client's are gone, items included.
    assert (await count(engine, Attachment), await count(engine, AttachmentItem)) == (1, 1)
