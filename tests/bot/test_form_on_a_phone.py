"""The form on a phone: nothing typed twice, every way out asked first, nothing offered that
does not apply, and every example it gives accepted."""

from __future__ import annotations

import re

import pytest

from bot.languages import CODES
from bot.texts import CATALOGS
from lokisi.schemas import MemberView
from lokisi.services import Services
from lokisi.validation import validate_field
from tests.bot.conftest import UserFactory
from tests.bot.test_client_form import form_message_id, only_client, open_new_form
from tests.factories import professional
from tests.support.driver import TelegramUser

PHONE_LIKE = re.compile(r"\+?\d[\d ]{7,}\d")


@pytest.mark.parametrize("lang", CODES)
def test_every_example_the_form_gives_is_accepted(lang: str) -> None:
    catalog = CATALOGS[lang]
    for key, text in catalog.items():
        if not key.startswith("form.example.") or key.endswith((".position", ".name")):
            continue
        field = key.removeprefix("form.example.").split(".")[0]
        validate_field(field, text, country="France")
    for key in ("form.error.phone_unparseable", "form.error.phone_invalid"):
        for number in PHONE_LIKE.findall(catalog[key]):
            validate_field("phone", number, country="France")


async def test_a_search_that_found_nothing_starts_the_new_client_with_its_text(
    marie: TelegramUser, services: Services, manager: MemberView
) -> None:
    await marie.send("Menuiserie Thomas")
    assert "Aucun client ne correspond" in marie.last_text
    await marie.press("+ Nouveau client")
    assert marie.last_text == "Créer le client « Menuiserie Thomas » ?"
    await marie.press("Oui")
    assert "Raison sociale : Menuiserie Thomas" in marie.last_text
    assert "Tapez « Mobile »" in marie.last_text
    await marie.press("Enregistrer")
    assert (await only_client(services, manager)).name == "Menuiserie Thomas"


async def test_non_to_the_named_new_client_goes_back_to_the_search(marie: TelegramUser) -> None:
    await marie.send("Menuiserie Thomas")
    await marie.press("+ Nouveau client")
    await marie.press("Non")
    assert "Aucun client ne correspond à « Menuiserie Thomas »" in marie.last_text


async def test_the_sequence_says_how_to_skip_and_passer_skips(
    marie: TelegramUser, services: Services, manager: MemberView
) -> None:
    form = await open_new_form(marie)
    assert "Passer" not in str(marie.buttons(form)), "the name cannot be skipped"
    await marie.send("Boulangerie Dupont")
    assert "« ⏭ Passer » laisse ce champ vide" in marie.last_text
    await marie.press("⏭ Passer « Mobile »")
    assert "Tapez « Adresse »" in marie.last_text and "Mobile : —" in marie.last_text
    await marie.press("⏭ Passer « Adresse »")
    assert "Tapez « Code postal »" in marie.last_text
    await marie.send("75002")
    await marie.send("Paris")
    assert "Passer" not in str(marie.buttons(form)), "the sequence is over"
    await marie.press("Enregistrer")
    client = await only_client(services, manager)
    assert (client.mobile, client.address_line1, client.city) == (None, None, "Paris")


async def test_passer_in_english(as_user: UserFactory, manager: MemberView) -> None:
    marie = as_user(manager, "en")
    await open_new_form(marie, "+ New client")
    await marie.send("Boulangerie Dupont")
    await marie.press("⏭ Skip “Mobile”")
    assert "Type the “Address”" in marie.last_text


async def test_a_private_persons_form_offers_no_siret_nor_vat_and_keeps_none(
    marie: TelegramUser, services: Services, manager: MemberView
) -> None:
    form = await open_new_form(marie)
    await marie.send("Boulangerie Dupont")
    await marie.press("SIRET", form)
    await marie.send("732 829 320 00074")
    await marie.press("Particulier", form)
    shown = marie.message(form)
    assert "SIRET" not in shown.text and "TVA" not in shown.text
    assert not any("SIRET" in b or "TVA" in b for row in marie.buttons(form) for b in row)
    await marie.press("Enregistrer", form)
    client = await only_client(services, manager)
    assert (client.type.value, client.siret) == ("particulier", None)


async def test_annuler_with_values_asks_and_non_keeps_the_form_as_it_was(
    marie: TelegramUser, services: Services, manager: MemberView
) -> None:
    form = await open_new_form(marie)
    await marie.send("Boulangerie Dupont")
    before = marie.message(form).text
    await marie.press("Annuler", form)
    assert (
        marie.message(form).text
        == "Abandonner ce nouveau client ? Ce que vous avez saisi sera perdu."
    )
    await marie.press("Non", form)
    assert marie.message(form).text == before
    await marie.send("06 12 34 56 78")
    assert "Mobile : +33 6 12 34 56 78" in marie.message(form).text


async def test_annuler_on_an_empty_form_drops_it_at_once(marie: TelegramUser) -> None:
    await open_new_form(marie)
    await marie.press("Annuler")
    assert "Création annulée" in marie.last_text


async def test_annuler_asks_in_english_and_oui_drops_the_changes(
    as_user: UserFactory, services: Services, manager: MemberView
) -> None:
    client = await services.clients.create(manager, professional(city=None, postal_code=None))
    marie = as_user(manager, "en")
    await marie.send(f"/start c_{client.id}")
    await marie.press("Edit")
    form = form_message_id(marie)
    await marie.press("Town", form)
    await marie.send("Lyon")
    await marie.press("Cancel", form)
    assert "Drop your changes to CLI-000001? They will be lost." in marie.message(form).text
    await marie.press("Yes", form)
    assert (await services.clients.get(manager, client.id)).city is None
