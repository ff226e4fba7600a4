"""Group chats: linking, /client, cards for whichever member presses, privacy mode."""

from __future__ import annotations

from lokisi.schemas import MemberView
from lokisi.services import Services
from tests.bot.conftest import OUTSIDER_ID, UserFactory
from tests.factories import professional
from tests.support.driver import TelegramUser
from tests.support.recording_request import BOT_USERNAME

GROUP = -100123


def in_group(as_user: UserFactory, who: MemberView | int) -> TelegramUser:
    return as_user(who, chat_id=GROUP, chat_type="supergroup")


async def test_a_manager_links_the_group_and_hears_what_the_bot_does_there(
    as_user: UserFactory, services: Services, manager: MemberView
) -> None:
    marie = in_group(as_user, manager)
    await marie.send("/lier")
    assert "Groupe lié au compte « Dupont Chauffage »" in marie.last_text
    assert "/client dupont" in marie.last_text and f"@{BOT_USERNAME} dupont" in marie.last_text
    assert len(marie.last_text) < 500
    assert await services.groups.account_of(GROUP) == manager.account_id


async def test_link_has_an_english_alias(
    as_user: UserFactory, services: Services, manager: MemberView
) -> None:
    marie = as_user(manager, language_code="en", chat_id=GROUP, chat_type="supergroup")
    await marie.send(f"/link@{BOT_USERNAME}")
    assert "Group linked to the account “Dupont Chauffage”" in marie.last_text
    assert await services.groups.account_of(GROUP) == manager.account_id


async def test_a_technicien_cannot_link_a_group(
    as_user: UserFactory, services: Services, technicien: MemberView
) -> None:
    theo = in_group(as_user, technicien)
    await theo.send("/lier")
    assert theo.last_text == "Réservé aux managers."
    assert await services.groups.account_of(GROUP) is None


async def test_a_group_linked_to_another_account_is_not_taken_over(
    as_user: UserFactory,
    services: Services,
    manager: MemberView,
    outsider_manager: MemberView,
) -> None:
    await services.groups.link(manager, GROUP, "Équipe Dupont")
    olga = in_group(as_user, outsider_manager)
    await olga.send("/lier")
    assert "déjà lié à un autre compte" in olga.last_text
    assert await services.groups.account_of(GROUP) == manager.account_id


async def test_an_unlinked_group_gets_nothing_but_an_explanation_for_a_manager(
    as_user: UserFactory, services: Services, manager: MemberView, technicien: MemberView
) -> None:
    await services.clients.create(manager, professional())
    assert await in_group(as_user, technicien).send("/client dupont") == []
    marie = in_group(as_user, manager)
    await marie.send("/client dupont")
    assert marie.texts == [
        "Ce groupe n'est pas lié à votre compte LoKisi. Un manager peut le lier avec /lier."
    ]


async def test_client_searches_and_the_card_works_in_the_group(
    as_user: UserFactory, services: Services, manager: MemberView, technicien: MemberView
) -> None:
    await services.groups.link(manager, GROUP, "Équipe Dupont")
    await services.clients.create(manager, professional())
    theo = in_group(as_user, technicien)
    await theo.send("/client dupont")
    assert "Clients trouvés pour « dupont »" in theo.last_text
    assert ["Boulangerie Dupont · CLI-000001 · Paris"] in theo.buttons()
    await theo.press("Boulangerie Dupont")
    assert "FICHE CLIENT" in theo.last_text
    calls = await theo.press("Appeler")
    contact = next(c for c in calls if c.method == "sendContact")
    assert int(contact.params["chat_id"]) == GROUP
    assert contact.params["phone_number"] == "+33612345678"


async def test_client_without_text_says_what_to_type(
    as_user: UserFactory, services: Services, manager: MemberView
) -> None:
    await services.groups.link(manager, GROUP, "Équipe Dupont")
    marie = in_group(as_user, manager)
    await marie.send("/client")
    assert "/client dupont" in marie.last_text


async def test_a_card_works_for_whoever_presses_it_with_their_own_role(
    as_user: UserFactory, services: Services, manager: MemberView, technicien: MemberView
) -> None:
    await services.groups.link(manager, GROUP, "Équipe Dupont")
    client = await services.clients.create(
        manager, professional(latitude=48.8686, longitude=2.3315)
    )
    marie, theo = in_group(as_user, manager), in_group(as_user, technicien)
    await marie.send("/client dupont")
    await marie.press("Boulangerie Dupont")
    card_id = marie.last_message.message_id
    await theo.press("Supprimer", message_id=card_id)
    assert theo.callback_answers == ["Réservé aux managers."]
    assert any("google.com/maps" in url for url in theo.url_buttons(card_id).values())
    calls = await theo.press("Position", message_id=card_id)
    venue = next(c for c in calls if c.method == "sendVenue")
    assert int(venue.params["chat_id"]) == GROUP
    assert (venue.params["latitude"], venue.params["longitude"]) == (48.8686, 2.3315)
    assert await services.clients.get(manager, client.id) == client


async def test_a_non_member_in_a_linked_group_gets_a_short_alert_and_nothing_else(
    as_user: UserFactory, services: Services, manager: MemberView
) -> None:
    await services.groups.link(manager, GROUP, "Équipe Dupont")
    await services.clients.create(manager, professional())
    marie, stranger = in_group(as_user, manager), in_group(as_user, OUTSIDER_ID)
    await marie.send("/client dupont")
    await marie.press("Boulangerie Dupont")
    card_id = marie.last_message.message_id
    assert await stranger.send("/client dupont") == []
    assert await stranger.send("/lier") == []
    calls = await stranger.press("Appeler", message_id=card_id)
    assert [c.method for c in calls] == ["answerCallbackQuery"]
    assert stranger.callback_answers == ["Réservé aux membres du compte LoKisi."]


async def test_a_plain_group_message_is_not_seen_by_the_bot(
    as_user: UserFactory, services: Services, manager: MemberView, technicien: MemberView
) -> None:
    await services.groups.link(manager, GROUP, "Équipe Dupont")
    await services.clients.create(manager, professional())
    theo = in_group(as_user, technicien)
    assert await theo.send("Dupont") == []
    assert await theo.share_location(48.86, 2.33) == []
    assert await theo.share_contact("+33612345678", "Jean") == []


async def test_two_members_work_at_once_each_on_their_own_task(
    as_user: UserFactory, services: Services, manager: MemberView, technicien: MemberView
) -> None:
    await services.groups.link(manager, GROUP, "Équipe Dupont")
    await services.clients.create(manager, professional())
    marie, theo = in_group(as_user, manager), in_group(as_user, technicien)
    await marie.send("/start")
    await marie.press("+ Nouveau client")
    await marie.press("Oui")
    question = marie.last_message.message_id
    # While Marie is asked for a name, Théo searches and opens a card.
    await theo.send("/client dupont")
    await theo.press("Boulangerie Dupont")
    assert "FICHE CLIENT" in theo.last_text
    # Théo's chatter is not Marie's answer; her reply to her question is.
    assert await theo.send("Garage Martin") == []
    await marie.reply("Garage Martin", to_message_id=question)
    await marie.press("Enregistrer")
    page = await services.clients.list_page(manager)
    assert [item.name for item in page.items] == ["Boulangerie Dupont", "Garage Martin"]


async def test_a_manager_unlinks_the_group_and_the_bot_stops_answering_there(
    as_user: UserFactory, services: Services, manager: MemberView, technicien: MemberView
) -> None:
    await services.groups.link(manager, GROUP, "Équipe Dupont")
    theo, marie = in_group(as_user, technicien), in_group(as_user, manager)
    await theo.send("/delier")
    assert theo.last_text == "Réservé aux managers."
    await marie.send("/delier")
    assert "Groupe délié" in marie.last_text
    assert await services.groups.account_of(GROUP) is None
    assert await theo.send("/client dupont") == []


async def test_link_in_a_private_chat_says_where_to_send_it(marie: TelegramUser) -> None:
    await marie.send("/lier")
    assert "dans le groupe à lier" in marie.last_text
