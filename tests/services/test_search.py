"""Search and listing: accent- and case-insensitive word prefixes, keyset pages."""

import itertools
from collections.abc import Sequence

import pytest

from lokisi.db import SessionFactory
from lokisi.errors import NotAMember
from lokisi.schemas import ClientSummary, MemberView, Page
from lokisi.search_terms import query_prefixes, sort_key, words
from lokisi.services import Services
from lokisi.services import clients as clients_service
from lokisi.services import search as search_index
from lokisi.services.clients import PAGE_SIZE
from tests.factories import private_person, professional, remove_member


async def names(services: Services, actor: MemberView, query: str) -> list[str]:
    return [c.name for c in (await services.clients.search(actor, query, limit=50)).items]


async def test_search_ignores_accents_and_case_and_matches_word_starts(
    services: Services, manager: MemberView
) -> None:
    await services.clients.create(manager, private_person(name="Élodie Lefèvre"))
    await services.clients.create(manager, professional(name="ELECTRICITÉ DU SUD", siret=None))
    await services.clients.create(manager, private_person(name="Noël Belle"))
    assert await names(services, manager, "ele") == ["ELECTRICITÉ DU SUD"]
    assert await names(services, manager, "el") == ["ELECTRICITÉ DU SUD", "Élodie Lefèvre"]
    assert await names(services, manager, "lefevre") == ["Élodie Lefèvre"]
    assert await names(services, manager, "NOEL bel") == ["Noël Belle"]


async def test_search_finds_by_code_city_postal_code_phone_and_siret(
    services: Services, manager: MemberView
) -> None:
    client = await services.clients.create(manager, professional())
    await services.clients.create(manager, private_person(name="Autre", city="Marseille"))
    for query in (client.code, "000001", "paris", "7500", "06 12 34", "+33 6 12", "0142", "732829"):
        assert await names(services, manager, query) == ["Boulangerie Dupont"], query


async def test_search_treats_sql_wildcards_and_quotes_literally(
    services: Services, manager: MemberView
) -> None:
    await services.clients.create(manager, private_person(name="L'Eau Vive"))
    await services.clients.create(manager, private_person(name="Autre"))
    assert await names(services, manager, "%") == []
    assert await names(services, manager, "_") == []
    assert await names(services, manager, "l'eau") == ["L'Eau Vive"]
    assert await names(services, manager, "' OR 1=1 --") == []
    assert await names(services, manager, "\\") == []


async def test_a_changed_or_deleted_client_is_found_by_what_it_is_now(
    services: Services, manager: MemberView
) -> None:
    client = await services.clients.create(manager, private_person(name="Ancien Nom"))
    await services.clients.update(
        manager, client.id, client.model_dump() | {"name": "Nouveau Nom"}, expected_version=1
    )
    assert await names(services, manager, "ancien") == []
    assert await names(services, manager, "nouveau") == ["Nouveau Nom"]
    await services.clients.delete(manager, client.id)
    assert await names(services, manager, "nouveau") == []


# A search checks its actor in the statement that reads the account's words: once the
# member has left, no search of any shape answers, even one finding nothing.
@pytest.mark.parametrize(
    ("query", "count", "closest"),
    [
        ("dupont", False, False),
        ("dupont", True, False),
        ("dupont paris", False, False),
        ("dupont paris", True, False),
        ("zzz", True, True),
        ("", True, False),
    ],
)
async def test_a_member_who_left_can_search_no_more(
    services: Services,
    sessions: SessionFactory,
    manager: MemberView,
    technicien: MemberView,
    query: str,
    count: bool,
    closest: bool,
) -> None:
    for first_name in ("Agnès", "Bernard", "Jean"):
        await services.clients.create(
            manager, private_person(name=f"{first_name} Dupont", city="Paris")
        )
    first = await services.clients.search(technicien, "dupont", limit=1)
    assert first.has_next
    await remove_member(services, sessions, technicien)
    with pytest.raises(NotAMember):
        await services.clients.search(technicien, query, count=count, closest=closest)
    with pytest.raises(NotAMember):
        await services.clients.search(
            technicien, query or "dupont", after_id=first.items[0].id, limit=1, count=count
        )


async def test_pages_walk_forward_and_back_in_name_order(
    services: Services, manager: MemberView
) -> None:
    for name in ["Dupont Eve", "Dupont Alain", "Dupont Chloé", "Dupont Bruno", "Dupont Denis"]:
        await services.clients.create(manager, private_person(name=name))
    first = await services.clients.search(manager, "dupont", limit=2)
    assert [c.name for c in first.items] == ["Dupont Alain", "Dupont Bruno"]
    assert (first.has_previous, first.has_next) == (False, True)
    second = await services.clients.search(manager, "dupont", after_id=first.items[-1].id, limit=2)
    assert [c.name for c in second.items] == ["Dupont Chloé", "Dupont Denis"]
    third = await services.clients.search(manager, "dupont", after_id=second.items[-1].id, limit=2)
    assert [c.name for c in third.items] == ["Dupont Eve"]
    assert (third.has_previous, third.has_next) == (True, False)
    back = await services.clients.search(manager, "dupont", before_id=third.items[0].id, limit=2)
    assert back == second
    listed = await services.clients.list_page(manager, after_id=first.items[0].id, limit=3)
    assert [c.name for c in listed.items] == ["Dupont Bruno", "Dupont Chloé", "Dupont Denis"]


async def test_namesakes_are_all_reached_across_pages(
    services: Services, manager: MemberView
) -> None:
    created = [
        await services.clients.create(manager, private_person(name="Martin"), allow_duplicate=True)
        for _ in range(5)
    ]
    seen: list[int] = []
    page = await services.clients.list_page(manager, limit=2)
    while True:
        seen += [c.id for c in page.items]
        if not page.has_next:
            break
        page = await services.clients.list_page(manager, after_id=page.items[-1].id, limit=2)
    assert seen == [c.id for c in created]


# Several words: the page is the same whichever plan finds it (a walk of the rarest prefix
# checking the others, or a merge of two prefixes' words), so every page is checked against
# the clients picked out by hand, forward and back.
FIRST_NAMES = ("Pierre", "Pierrette", "Paul", "Jean", "Jeanne", "Marc")
LAST_NAMES = ("François", "Françoise", "Martin", "Martine", "Dupont", "Dupuis")
TOWNS = ("Paris", "Pau", "Marseille", "Lyon", "Dijon")


async def people(services: Services, manager: MemberView) -> list[tuple[str, str, int]]:
    """(name, town, id) of clients whose words share prefixes in many ways."""
    created = []
    for index, (first, last) in enumerate(
        (first, last) for first in FIRST_NAMES for last in LAST_NAMES
    ):
        town = TOWNS[index % len(TOWNS)]
        client = await services.clients.create(
            manager, private_person(name=f"{first} {last}", city=town)
        )
        created.append((client.name, town, client.id))
    # Found through two words of the same prefix ("fran"), once.
    for name in ("Françoise François", "Pierre Pierrette", "François Martin"):
        client = await services.clients.create(manager, private_person(name=name, city="Pau"))
        created.append((client.name, "Pau", client.id))
    return created


def expected(created: list[tuple[str, str, int]], query: str) -> list[str]:
    def matches(name: str, town: str) -> bool:
        found = words(name) + words(town)
        return all(any(w.startswith(p) for w in found) for p in query_prefixes(query))

    chosen = [(sort_key(name), id_, name) for name, town, id_ in created if matches(name, town)]
    return [name for _, _, name in sorted(chosen)]


async def every_page(
    services: Services, actor: MemberView, query: str, limit: int, count: bool = False
) -> list[Page[ClientSummary]]:
    search = services.clients.search
    pages = [await search(actor, query, limit=limit, count=count)]
    while pages[-1].has_next:
        after = pages[-1].items[-1].id
        pages.append(await search(actor, query, after_id=after, limit=limit, count=count))
    return pages


# Counted, a search cuts its pages from the count's walk where they lie within it: a small
# cap puts pages within it and past it.
SMALL_COUNT_CAP = 7


# Counts of a prefix's rows stop at a cap and choose the plan; tiny caps make most prefixes
# "past the cap", so that the other plans are taken on this small data too.
TINY_PREFIX_CAP = 8


@pytest.mark.parametrize("prefix_cap", [None, TINY_PREFIX_CAP])
async def test_several_words_page_forward_and_back_like_a_search_by_hand(
    services: Services,
    manager: MemberView,
    monkeypatch: pytest.MonkeyPatch,
    database_url: str,
    prefix_cap: int | None,
) -> None:
    monkeypatch.setattr(clients_service, "COUNT_CAP", SMALL_COUNT_CAP)
    if prefix_cap is not None:
        monkeypatch.setattr(search_index, "COUNT_CAP", prefix_cap)
        monkeypatch.setattr(search_index, "DRIVER_COUNT_CAP", prefix_cap)
    # On PostgreSQL, which other prefixes were checked in a hash of their clients and which
    # by probing: both plans, and the two mixed in one statement, must be taken here.
    hashing: list[tuple[int, int]] = []
    choose = search_index._hashed_count

    def recorded(
        driving: search_index._Prefix, others: Sequence[search_index._Prefix], cap: int
    ) -> int:
        hashed = choose(driving, others, cap)
        if others:
            hashing.append((hashed, len(others)))
        return hashed

    monkeypatch.setattr(search_index, "_hashed_count", recorded)
    created = await people(services, manager)
    for query in (
        "Pierre François",  # two common words that seldom meet
        "fran p",  # two prefixes of several words each
        "m p",  # many words under each prefix
        "jean dup lyon",  # three prefixes
        "pierre fran pau p",  # four, two of them over several words
        "jeanne dupuis p",  # a rare word checked with a common one
        "Pau pau",  # the same prefix twice
        "pierre martin marseille",
        "pierre zut",  # a word that nobody has
    ):
        for limit, count in itertools.product((1, 2, 5), (False, True)):
            pages = await every_page(services, manager, query, limit, count)
            names = [c.name for page in pages for c in page.items]
            assert names == expected(created, query), (query, limit, count)
            # Counted where counting is cheap (see the test after this one).
            totals = {page.total for page in pages}
            if count:
                assert totals in ({min(len(names), SMALL_COUNT_CAP + 1)}, {None}), query
            else:
                assert totals == {None}
            assert [len(page.items) for page in pages[:-1]] == [limit] * (len(pages) - 1)
            assert pages[0].has_previous is False
            assert all(page.has_previous for page in pages[1:])
            # Back from the last page, through every page seen going forward.
            for page, previous in reversed(list(zip(pages[1:], pages, strict=False))):
                back = await services.clients.search(
                    manager, query, before_id=page.items[0].id, limit=limit, count=count
                )
                assert back.items == previous.items, (query, limit, count)
                assert (back.has_previous, back.has_next) == (previous is not pages[0], True)
    if not database_url.startswith("postgresql"):
        assert not hashing
    elif prefix_cap is None:
        # Every prefix counted under the cap: hashed.
        assert any(hashed == others for hashed, others in hashing)
    else:
        # Past the tiny cap, most are probed; a rare one beside a common one is hashed.
        assert any(hashed == 0 for hashed, _ in hashing), hashing
        assert any(0 < hashed < others for hashed, others in hashing), hashing


async def test_a_search_of_one_word_is_counted_and_of_several_when_one_page_holds_it(
    services: Services, manager: MemberView
) -> None:
    """Counting several words' clients means finding several pages of them, where a page
    stops soon: "m p" (marc, martin, marseille... with pierre, paul, paris...) is not."""
    created = await people(services, manager)
    counted = {
        query: (await services.clients.search(manager, query, count=True)).total
        for query in ("pierre", "p", "jean dup", "m p")
    }
    assert counted == {
        "pierre": len(expected(created, "pierre")),
        "p": len(expected(created, "p")),
        "jean dup": len(expected(created, "jean dup")),
        "m p": None,
    }
    assert counted["p"] > PAGE_SIZE and counted["jean dup"] <= PAGE_SIZE
    assert len(expected(created, "m p")) > PAGE_SIZE


async def test_lists_and_searches_count_their_clients_up_to_a_cap(
    services: Services, manager: MemberView, monkeypatch: pytest.MonkeyPatch
) -> None:
    for n in range(5):
        await services.clients.create(manager, private_person(name=f"Dupont {n}"))
    await services.clients.create(manager, private_person(name="Martin Paul"))
    assert (await services.clients.list_page(manager, count=True)).total == 6
    assert (await services.clients.search(manager, "dup", count=True)).total == 5
    assert (await services.clients.search(manager, "martin paul", count=True)).total == 1
    assert (await services.clients.list_page(manager)).total is None
    monkeypatch.setattr(clients_service, "COUNT_CAP", 3)
    # Past the cap, one more than the cap: "more than that".
    assert (await services.clients.list_page(manager, count=True)).total == 4
    assert (await services.clients.search(manager, "dup", count=True)).total == 4


async def test_a_search_covers_the_street_lines(services: Services, manager: MemberView) -> None:
    await services.clients.create(
        manager, professional(name="Garage Lenoir", address_line1="4 rue de la République")
    )
    await services.clients.create(
        manager, private_person(name="Inès Roy", address_line2="Résidence les Tilleuls")
    )
    assert await names(services, manager, "rue de la republique") == ["Garage Lenoir"]
    assert await names(services, manager, "tilleuls") == ["Inès Roy"]


async def test_nothing_found_offers_the_clients_under_the_closest_spellings(
    services: Services, manager: MemberView
) -> None:
    for name, city in [
        ("Plomberie Dupont", "Paris"),
        ("Jean Dupond", "Lyon"),
        ("Ménard Chauffage", "Lyon"),
        ("Dubois", "Lyon"),
    ]:
        await services.clients.create(manager, private_person(name=name, city=city))
    assert await names(services, manager, "dupontt") == []
    assert await closest(services, manager, "dupontt") == ["Plomberie Dupont", "Jean Dupond"]
    assert await closest(services, manager, "mesnard") == ["Ménard Chauffage"]
    assert await closest(services, manager, "dupontt lyon") == ["Jean Dupond"]


async def closest(services: Services, actor: MemberView, query: str) -> list[str]:
    """What a search shows when it finds nothing: the closest spellings' clients."""
    page = await services.clients.search(actor, query, count=True, closest=True)
    assert page.closest
    assert (page.has_previous, page.has_next) == (False, False)
    return [c.name for c in page.items]


async def test_closest_spellings_offer_nothing_for_words_that_exist_or_are_too_far(
    services: Services, manager: MemberView
) -> None:
    await services.clients.create(manager, private_person(name="Jean Dupont", city="Paris"))
    assert await closest(services, manager, "dupont lyon") == []
    assert await closest(services, manager, "durand") == []
    assert await closest(services, manager, "06 12") == []
    # A search that finds something is shown as it is.
    found = await services.clients.search(manager, "dupont", closest=True)
    assert ([c.name for c in found.items], found.closest) == (["Jean Dupont"], False)


async def test_closest_spellings_never_come_from_another_account(
    services: Services, manager: MemberView, outsider_manager: MemberView
) -> None:
    await services.clients.create(outsider_manager, private_person(name="Jean Dupont"))
    assert await closest(services, manager, "dupond") == []
