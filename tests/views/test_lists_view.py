"""The list and selection keyboards, rendered without an Application."""

import secrets

from telegram import InlineKeyboardMarkup

from bot.callbacks import MAX_BYTES
from bot.payloads import (
    Card,
    ListPage,
    SearchPage,
    SelectionClear,
    SelectionDelete,
    Toggle,
)
from bot.views.lists import PageRequest, client_label, list_keyboard, list_text
from lokisi.enums import ClientType
from lokisi.schemas import ClientSummary, Page

BIG_ID = 10**17
# The largest id a payload may carry (the INTEGER columns' range).
LARGEST_ID = 2**31 - 1


def summary(client_id: int, name: str = "Boulangerie Dupont", city: str | None = "Paris"):
    return ClientSummary(
        id=client_id,
        code=f"CLI-{client_id:06d}",
        type=ClientType.PROFESSIONNEL,
        name=name,
        city=city,
        postal_code="75002",
    )


def page(*ids: int, previous: bool = False, following: bool = False) -> Page[ClientSummary]:
    return Page(
        items=tuple(summary(i, f"Client {i}") for i in ids),
        has_previous=previous,
        has_next=following,
    )


def all_data(markup: InlineKeyboardMarkup) -> list[str]:
    return [str(b.callback_data) for row in markup.inline_keyboard for b in row if b.callback_data]


def all_labels(markup: InlineKeyboardMarkup) -> list[str]:
    return [b.text for row in markup.inline_keyboard for b in row]


def test_every_button_fits_telegrams_64_bytes_even_with_huge_ids() -> None:
    request = PageRequest(query_id=secrets.token_urlsafe(6), select=True, after=BIG_ID)
    markup = list_keyboard(
        "fr",
        page(BIG_ID + 1, BIG_ID + 2, previous=True, following=True),
        request,
        selected={BIG_ID + 1},
        can_delete=True,
    )
    data = all_data(markup)
    assert len(data) >= 8
    assert all(len(d.encode()) <= MAX_BYTES for d in data)


def test_selection_mode_marks_each_client_and_toggles_it() -> None:
    markup = list_keyboard(
        "fr", page(1, 2), PageRequest(select=True), selected={2}, can_delete=True
    )
    rows = markup.inline_keyboard
    assert rows[0][0].text.startswith("○ Client 1")
    assert rows[1][0].text.startswith("● Client 2")
    assert [rows[0][0].callback_data, rows[1][0].callback_data] == [
        Toggle(1, None, None, None).pack(),
        Toggle(2, None, None, None).pack(),
    ]


def test_outside_selection_mode_a_client_opens_its_card() -> None:
    markup = list_keyboard("fr", page(1), PageRequest(), selected={1}, can_delete=True)
    first = markup.inline_keyboard[0][0]
    assert first.text == "Client 1 · CLI-000001 · Paris"
    assert first.callback_data == Card(1).pack()
    assert "☑️ Sélection" in all_labels(markup)


def test_delete_is_offered_to_managers_with_a_selection_only() -> None:
    selecting = PageRequest(select=True)
    manager = list_keyboard("fr", page(1), selecting, selected={1, 7}, can_delete=True)
    assert "🗑 Supprimer (2)" in all_labels(manager)
    assert SelectionDelete().pack() in all_data(manager)
    assert SelectionClear().pack() in all_data(manager)
    technicien = list_keyboard("fr", page(1), selecting, selected={1}, can_delete=False)
    assert not any("Supprimer" in label for label in all_labels(technicien))
    assert "Tout désélectionner" in all_labels(technicien)
    empty = list_keyboard("fr", page(1), selecting, selected=set(), can_delete=True)
    assert not {"Tout désélectionner"} & set(all_labels(empty))
    assert not any("Supprimer" in label for label in all_labels(empty))


def test_paging_keeps_the_search_and_the_mode_and_moves_the_cursor() -> None:
    request = PageRequest(query_id="abc", select=True, after=3)
    markup = list_keyboard(
        "fr", page(4, 5, previous=True, following=True), request, selected=(), can_delete=True
    )
    data = all_data(markup)
    assert SearchPage("abc", True, None, 4).pack() in data
    assert SearchPage("abc", True, 5, None, page=2).pack() in data
    assert SearchPage("abc", False, 3, None).pack() in data


def test_the_list_of_all_clients_pages_with_list_payloads() -> None:
    markup = list_keyboard(
        "fr", page(1, following=True), PageRequest(), selected=(), can_delete=True
    )
    assert ListPage(False, 1, None, page=2).pack() in all_data(markup)
    assert ListPage(True, None, None).pack() in all_data(markup)


def test_an_emptied_page_leads_back_to_the_first_page() -> None:
    markup = list_keyboard("fr", page(), PageRequest(after=9), selected=(), can_delete=True)
    assert ListPage(False, None, None).pack() in all_data(markup)


def test_a_label_keeps_code_and_town_when_the_name_is_long() -> None:
    label = client_label(summary(12, "Établissements " * 10, city=None), "●")
    assert label.startswith("● Établissements")
    assert label.endswith("… · CLI-000012 · 75002")
    assert len(label) < 60


def test_the_query_is_shown_escaped_and_short() -> None:
    text = list_text("fr", page(), PageRequest(query_id="q"), query="<b>" * 50, selected_count=0)
    assert "&lt;b&gt;" in text and "<b>" not in text
    assert len(text) < 600


def test_selection_mode_says_how_many_are_selected_in_both_languages() -> None:
    request = PageRequest(select=True)
    assert "Clients sélectionnés : 3" in list_text(
        "fr", page(1), request, query=None, selected_count=3
    )
    assert "Selected clients: 3" in list_text("en", page(1), request, query=None, selected_count=3)


def test_payloads_lead_back_to_the_page_they_were_shown_on() -> None:
    request = PageRequest(query_id="abc", select=True, before=LARGEST_ID)
    assert PageRequest.of(SearchPage("abc", True, None, LARGEST_ID)) == request
    assert PageRequest.of(ListPage(True, 4, None)) == PageRequest(None, True, 4, None)
    selection_payloads = (
        Toggle(7, "abc", None, LARGEST_ID),
        SelectionClear("abc", None, LARGEST_ID),
        SelectionDelete("abc", None, LARGEST_ID),
    )
    for payload in selection_payloads:
        unpacked = type(payload).unpack(payload.pack())
        assert PageRequest.of_selection(unpacked) == request


def test_selection_buttons_carry_their_page_within_64_bytes() -> None:
    request = PageRequest(query_id="Ab-_9xYz", select=True, after=LARGEST_ID)
    client_id = LARGEST_ID - 1
    markup = list_keyboard(
        "fr", page(client_id, previous=True), request, selected={client_id}, can_delete=True
    )
    data = all_data(markup)
    assert Toggle(client_id, "Ab-_9xYz", LARGEST_ID, None).pack() in data
    assert SelectionDelete("Ab-_9xYz", LARGEST_ID, None).pack() in data
    assert SelectionClear("Ab-_9xYz", LARGEST_ID, None).pack() in data
    assert all(len(d.encode()) <= MAX_BYTES for d in data)
