"""A search never returns, nor hides, clients because of another account's rows: the search
index holds every account's words side by side, and another account's matches sorting first
would fill the page before ours if any walk of the index left the account out."""

from lokisi.schemas import ClientView, MemberView
from lokisi.services import Services
from tests.factories import private_person

CROWD = 12


async def make(services: Services, actor: MemberView, *names: str) -> list[ClientView]:
    return [
        await services.clients.create(actor, private_person(name=name, city=None)) for name in names
    ]


async def found(
    services: Services, actor: MemberView, query: str, **cursor: int
) -> tuple[list[str], bool, bool]:
    page = await services.clients.search(actor, query, **cursor)
    return [c.name for c in page.items], page.has_previous, page.has_next


async def test_another_accounts_matches_sorting_first_leave_ours_on_the_first_page(
    services: Services, manager: MemberView, outsider_manager: MemberView
) -> None:
    await make(services, outsider_manager, *(f"Atelier Dupont {n:02d}" for n in range(CROWD)))
    await make(services, manager, "Boulangerie Dupont")
    for query in ("dupont", "dup", "d"):
        assert await found(services, manager, query) == (["Boulangerie Dupont"], False, False)
    assert await found(services, outsider_manager, "boulangerie") == ([], False, False)


async def test_two_words_find_ours_whatever_another_account_has_with_both(
    services: Services, manager: MemberView, outsider_manager: MemberView
) -> None:
    await make(
        services,
        outsider_manager,
        *(f"Atelier Boulangerie Dupont {n:02d}" for n in range(CROWD)),
    )
    await make(services, manager, "Boulangerie Dupont")
    for query in ("boulangerie dupont", "dupont boulangerie", "boul dup", "b d"):
        assert await found(services, manager, query) == (["Boulangerie Dupont"], False, False)


async def test_a_prefix_over_very_many_words_finds_ours_first(
    services: Services, manager: MemberView, outsider_manager: MemberView
) -> None:
    # More words under "z" than are walked one by one: the prefix is read as one range.
    ours = [f"Z{chr(97 + n // 26)}{chr(97 + n % 26)}" for n in range(30)]
    await make(services, outsider_manager, *(f"Aaa {name}" for name in ours[:CROWD]))
    await make(services, manager, *ours)
    assert await found(services, manager, "z") == (ours[:8], False, True)


async def test_pages_hold_only_ours_forward_and_back(
    services: Services, manager: MemberView, outsider_manager: MemberView
) -> None:
    # Names interleaved with the other account's: Dupont 00 (theirs), 01 (ours), 02...
    await make(services, outsider_manager, *(f"Atelier Dupont {n:02d}" for n in range(0, 24, 2)))
    ours = [f"Atelier Dupont {n:02d}" for n in range(1, 24, 2)]
    made = await make(services, manager, *ours)
    for query in ("dupont", "atelier dupont"):
        first = await services.clients.search(manager, query)
        assert ([c.name for c in first.items], first.has_next) == (ours[:8], True)
        assert await found(services, manager, query, after_id=first.items[-1].id) == (
            ours[8:],
            True,
            False,
        )
        assert await found(services, manager, query, before_id=made[8].id) == (
            ours[:8],
            False,
            True,
        )


async def test_a_cursor_naming_another_accounts_client_hides_none_of_ours(
    services: Services, manager: MemberView, outsider_manager: MemberView
) -> None:
    (theirs,) = await make(services, outsider_manager, "Zinc Dupont")
    await make(services, manager, "Boulangerie Dupont")
    names, _, has_next = await found(services, manager, "dupont", after_id=theirs.id)
    assert (names, has_next) == (["Boulangerie Dupont"], False)
