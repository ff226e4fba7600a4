"""Finding clients: any text in a private chat is a search; the list; the selection (○ / ●)."""

from copy import deepcopy

import pytest

from bot.app import BotApplication
from bot.callbacks import MAX_BYTES
from bot.payloads import (
    ListPage,
    NewClient,
    SearchPage,
    SelectionClear,
    SelectionDelete,
    Toggle,
)
from bot.user_data import INLINE_QUERY_BYTES, INLINE_QUERY_MARK
from lokisi.schemas import MemberView
from lokisi.services import Services
from tests.bot.conftest import UserFactory, restarted
from tests.factories import private_person, professional
from tests.support.driver import TelegramUser
from tests.support.recording_request import RecordingRequest


def labels(user: TelegramUser) -> list[str]:
    return [label for row in user.buttons() for label in row]


def client_labels(user: TelegramUser) -> list[str]:
    return [label for label in labels(user) if "CLI-" in label]


async def create_many(services: Services, actor: MemberView, name: str, count: int) -> None:
    for number in range(1, count + 1):
        await services.clients.create(actor, private_person(name=f"{name} {number:02d}"))


async def test_part_of_a_name_finds_the_client_whatever_the_accents_and_case(
    marie: TelegramUser, services: Services, manager: MemberView
) -> None:
    await services.clients.create(manager, private_person(name="Élodie Lefèvre"))
    await services.clients.create(manager, professional())
    await marie.send("LEFEV")
    assert "Clients trouvés pour « LEFEV »" in marie.last_text
    assert client_labels(marie) == ["Élodie Lefèvre · CLI-000001 · Lyon"]
    await marie.press("Élodie Lefèvre")
    assert "FICHE CLIENT" in marie.last_text and "Élodie Lefèvre" in marie.last_text


async def test_results_come_in_pages_of_eight_forward_and_back(
    marie: TelegramUser, services: Services, manager: MemberView
) -> None:
    await create_many(services, manager, "Dupont", 10)
    await marie.send("dupont")
    first_page = client_labels(marie)
    assert len(first_page) == 8 and first_page[0].startswith("Dupont 01")
    assert "Suivant ▶️" in labels(marie) and "◀️ Précédent" not in labels(marie)
    await marie.press("Suivant")
    assert [label.split(" · ")[0] for label in client_labels(marie)] == ["Dupont 09", "Dupont 10"]
    assert "Suivant ▶️" not in labels(marie)
    await marie.press("Précédent")
    assert client_labels(marie) == first_page


async def test_a_search_without_result_says_so_and_offers_a_new_client(
    marie: TelegramUser, services: Services, manager: MemberView
) -> None:
    await services.clients.create(manager, professional())
    await marie.send("<b>zorglub</b>")
    assert "Aucun client ne correspond à « <b>zorglub</b> »" in marie.last_text
    assert client_labels(marie) == []
    assert "+ Nouveau client" in labels(marie)


async def test_a_query_without_letters_or_digits_says_what_to_type(marie: TelegramUser) -> None:
    await marie.send("?! …")
    assert "Tapez au moins une lettre ou un chiffre" in marie.last_text


async def test_an_outsider_searching_gets_no_data(
    stranger: TelegramUser, services: Services, manager: MemberView
) -> None:
    await services.clients.create(manager, professional())
    await stranger.send("Boulangerie")
    assert "pas encore membre" in stranger.last_text
    assert "Boulangerie" not in " ".join(stranger.texts) and stranger.buttons() == []


async def test_another_accounts_clients_never_appear(
    marie: TelegramUser, services: Services, manager: MemberView, outsider_manager: MemberView
) -> None:
    await services.clients.create(manager, private_person(name="Dupont Martin"))
    await services.clients.create(outsider_manager, private_person(name="Dupont Secret"))
    await marie.send("dupont")
    assert [label.split(" · ")[0] for label in client_labels(marie)] == ["Dupont Martin"]
    await marie.send("secret")
    assert "Aucun client" in marie.last_text
    await marie.send("/start")
    await marie.press("📋 Clients")
    assert "Secret" not in " ".join(client_labels(marie))


async def test_plain_text_in_a_group_is_not_a_search(
    as_user: UserFactory, services: Services, manager: MemberView
) -> None:
    await services.clients.create(manager, professional())
    in_group = as_user(manager, chat_id=-100500, chat_type="supergroup")
    calls = await in_group.send("Boulangerie")
    assert calls == []


async def test_the_clients_button_lists_every_client_in_name_order(
    marie: TelegramUser, services: Services, manager: MemberView
) -> None:
    await services.clients.create(manager, private_person(name="Zoé Bernard"))
    await services.clients.create(manager, professional())
    await services.clients.create(manager, private_person(name="Émile Adam"))
    await marie.send("/start")
    await marie.press("📋 Clients")
    assert "Tous les clients" in marie.last_text
    names = [label.split(" · ")[0] for label in client_labels(marie)]
    assert names == ["Boulangerie Dupont", "Émile Adam", "Zoé Bernard"]


async def test_an_empty_account_is_told_how_to_create_its_first_client(
    marie: TelegramUser,
) -> None:
    await marie.send("/start")
    await marie.press("📋 Clients")
    assert "Aucun client pour l'instant" in marie.last_text
    assert "+ Nouveau client" in labels(marie)


async def test_a_forgotten_search_button_gets_an_alert(marie: TelegramUser) -> None:
    await marie.send("/start")
    await marie.press_data(SearchPage("unknown1").pack(), marie.last_message.message_id)
    assert marie.callback_answers == ["Cette recherche est trop ancienne : tapez-la à nouveau."]


async def test_the_selection_is_kept_across_pages_and_searches(
    marie: TelegramUser, services: Services, manager: MemberView
) -> None:
    await create_many(services, manager, "Dupont", 10)
    await services.clients.create(manager, private_person(name="Martin Paul"))
    await marie.send("/start")
    await marie.press("☑️ Sélection")
    assert all(label.startswith("○ ") for label in client_labels(marie))
    await marie.press("○ Dupont 01")
    assert any(label.startswith("● Dupont 01") for label in client_labels(marie))
    assert "🗑 Supprimer (1)" in labels(marie)
    await marie.press("Suivant")
    await marie.press("○ Dupont 10")
    assert "Clients sélectionnés : 2" in marie.last_text
    # Selection mode survives a new search: no need to turn it on again.
    await marie.send("martin")
    assert "🗑 Supprimer (2)" in labels(marie)
    await marie.press("○ Martin Paul")
    assert "🗑 Supprimer (3)" in labels(marie)
    await marie.send("dupont 01")
    assert client_labels(marie)[0].startswith("● Dupont 01")
    await marie.press("Terminer la sélection")
    await marie.send("martin")
    assert client_labels(marie)[0].startswith("Martin Paul")


async def test_lists_say_which_page_of_how_many(
    marie: TelegramUser, services: Services, manager: MemberView
) -> None:
    await create_many(services, manager, "Dupont", 20)
    await marie.send("dupont")
    assert "Page 1/3" in marie.last_text
    await marie.press("Suivant")
    assert "Page 2/3" in marie.last_text
    await marie.press("Suivant")
    await marie.press("Précédent")
    assert "Page 2/3" in marie.last_text
    await marie.send("/start")
    await marie.press("📋 Clients")
    assert "Page 1/3" in marie.last_text


async def test_a_search_of_several_words_says_which_page_without_counting(
    marie: TelegramUser, services: Services, manager: MemberView
) -> None:
    """Counting several words' clients would read them all (lokisi.services.search)."""
    await create_many(services, manager, "Dupont", 20)
    await marie.send("dupont 0")
    assert "Page 1" in marie.last_text and "Page 1/" not in marie.last_text
    await marie.press("Suivant")
    assert "Page 2" in marie.last_text and "Page 2/" not in marie.last_text
    await marie.press("Précédent")
    assert "Page 1" in marie.last_text and "Page 1/" not in marie.last_text
    # One page says nothing, as a counted search of one page.
    await marie.send("dupont 01")
    assert "Page" not in marie.last_text


async def test_a_single_page_says_no_page_number_and_english_says_of(
    as_user: UserFactory, services: Services, manager: MemberView
) -> None:
    await create_many(services, manager, "Dupont", 9)
    marie = as_user(manager, "en")
    await marie.send("dupont 01")
    assert "Page" not in marie.last_text
    await marie.send("dupont")
    assert "Page 1 of 2" in marie.last_text


async def test_tapping_a_selected_client_again_unselects_it(
    marie: TelegramUser, services: Services, manager: MemberView
) -> None:
    await services.clients.create(manager, professional())
    await marie.send("/start")
    await marie.press("☑️ Sélection")
    await marie.press("○ Boulangerie")
    await marie.press("● Boulangerie")
    assert client_labels(marie)[0].startswith("○ Boulangerie")
    assert not any("Supprimer" in label for label in labels(marie))


async def test_unselect_all_empties_the_selection_on_the_same_page(
    marie: TelegramUser, services: Services, manager: MemberView
) -> None:
    await create_many(services, manager, "Dupont", 3)
    await marie.send("dupont")
    await marie.press("☑️ Sélection")
    await marie.press("○ Dupont 01")
    await marie.press("○ Dupont 02")
    await marie.press("Tout désélectionner")
    assert "Clients trouvés pour « dupont »" in marie.last_text
    assert all(label.startswith("○ ") for label in client_labels(marie))
    assert "Clients sélectionnés : 0" in marie.last_text


async def test_leaving_selection_mode_shows_the_cards_buttons_again(
    marie: TelegramUser, services: Services, manager: MemberView
) -> None:
    await services.clients.create(manager, professional())
    await marie.send("/start")
    await marie.press("☑️ Sélection")
    await marie.press("Terminer la sélection")
    await marie.press("Boulangerie")
    assert "FICHE CLIENT" in marie.last_text


async def test_a_technicien_is_offered_no_selection_and_a_forged_one_never_deletes(
    theo: TelegramUser, services: Services, manager: MemberView
) -> None:
    await services.clients.create(manager, professional())
    await theo.send("/start")
    assert "☑️ Sélection" not in labels(theo)
    await theo.press("📋 Clients")
    assert "☑️ Sélection" not in labels(theo)
    await theo.press_data(ListPage(select=True).pack(), theo.last_message.message_id)
    await theo.press("○ Boulangerie")
    assert client_labels(theo)[0].startswith("● Boulangerie")
    assert "Tout désélectionner" in labels(theo)
    assert not any("Supprimer" in label for label in labels(theo))


async def test_selecting_a_client_deleted_meanwhile_gets_a_clear_alert(
    marie: TelegramUser, services: Services, manager: MemberView
) -> None:
    client = await services.clients.create(manager, professional())
    await marie.send("/start")
    await marie.press("☑️ Sélection")
    await services.clients.delete(manager, client.id)
    await marie.press("○ Boulangerie")
    assert marie.callback_answers == ["Ce client n'existe plus (il a peut-être été supprimé)."]


async def test_another_accounts_client_cannot_be_selected_by_forged_data(
    marie: TelegramUser,
    services: Services,
    manager: MemberView,
    outsider_manager: MemberView,
) -> None:
    await services.clients.create(manager, professional())
    foreign = await services.clients.create(outsider_manager, professional(name="Secret SA"))
    await marie.send("/start")
    await marie.press("☑️ Sélection")
    await marie.press_data(Toggle(foreign.id).pack(), marie.last_message.message_id)
    assert marie.callback_answers == ["Ce client n'existe plus (il a peut-être été supprimé)."]
    await marie.press("○ Boulangerie")
    assert "🗑 Supprimer (1)" in labels(marie)


async def test_search_speaks_english(
    as_user: UserFactory, services: Services, manager: MemberView
) -> None:
    english = as_user(manager, language_code="en")
    await services.clients.create(manager, professional())
    await english.send("boul")
    assert "Clients found for “boul”" in english.last_text
    await english.press("☑️ Select")
    await english.press("○ Boulangerie")
    assert "🗑 Delete (1)" in labels(english) and "Unselect all" in labels(english)
    await english.send("nothing here")
    assert "No client matches “nothing here”" in english.last_text


@pytest.mark.parametrize(
    ("language", "heading"),
    [
        ("fr", "Aucun client ne correspond exactement à « mesnard ». Les orthographes"),
        ("en", "No client matches “mesnard” exactly. The closest spellings:"),
    ],
)
async def test_a_misspelt_search_offers_the_clients_under_the_closest_spellings(
    as_user: UserFactory, services: Services, manager: MemberView, language: str, heading: str
) -> None:
    await services.clients.create(manager, private_person(name="Ménard Chauffage"))
    user = as_user(manager, language_code=language)
    await user.send("mesnard")
    assert heading in user.last_text
    assert any("Ménard Chauffage" in label for row in user.buttons() for label in row)
    await user.press("Ménard Chauffage")
    assert "Ménard Chauffage" in user.last_text and "CLI-000001" in user.last_text


async def test_a_street_typed_finds_the_clients_of_that_street(
    marie: TelegramUser, services: Services, manager: MemberView
) -> None:
    await services.clients.create(
        manager, private_person(name="Inès Roy", address_line1="4 rue de la République")
    )
    await marie.send("rue de la republique")
    assert "Clients trouvés pour « rue de la republique »" in marie.last_text
    assert any("Inès Roy" in label for row in marie.buttons() for label in row)


async def test_a_short_search_and_its_pages_write_nothing_to_the_users_data(
    marie: TelegramUser, services: Services, manager: MemberView, bot_app: BotApplication
) -> None:
    await create_many(services, manager, "Dupont", 10)
    await marie.send("/start")
    before = deepcopy(bot_app.user_data[manager.telegram_user_id])
    await marie.send("dupont")
    await marie.press("Suivant")
    assert [label.split(" · ")[0] for label in client_labels(marie)] == ["Dupont 09", "Dupont 10"]
    assert bot_app.user_data[manager.telegram_user_id] == before


async def test_a_short_searchs_pages_still_turn_after_a_restart(
    marie: TelegramUser,
    services: Services,
    manager: MemberView,
    recorder: RecordingRequest,
) -> None:
    await create_many(services, manager, "Dupont", 10)
    await marie.send("dupont")
    async with restarted(services, recorder, manager) as again:
        await again.press("Suivant")
        assert [label.split(" · ")[0] for label in client_labels(again)] == [
            "Dupont 09",
            "Dupont 10",
        ]


async def test_a_long_search_is_remembered_and_pages_through_it(
    marie: TelegramUser, services: Services, manager: MemberView
) -> None:
    long_name = "Dupont Chauffage Sanitaire"
    await create_many(services, manager, long_name, 10)
    await marie.send(long_name)
    await marie.press("Suivant")
    assert [label.split(" · ")[0] for label in client_labels(marie)] == [
        f"{long_name} 09",
        f"{long_name} 10",
    ]


def test_the_longest_query_kept_in_the_buttons_fits_every_payload_that_carries_it() -> None:
    key = INLINE_QUERY_MARK + "é" * (INLINE_QUERY_BYTES // 2) + "x" * (INLINE_QUERY_BYTES % 2)
    largest, token, page = 2**31 - 1, "f" * 16, 99_999
    payloads = [
        SearchPage(key, True, largest, largest, page),
        Toggle(largest, key, largest, largest, page),
        SelectionClear(key, largest, largest, page),
        SelectionDelete(key, largest, largest, page, token),
        NewClient(key, token),
    ]
    assert all(len(payload.pack().encode()) <= MAX_BYTES for payload in payloads)
