"""The client form as pure views: what it shows, in both languages, within Telegram's limits."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from telegram import InlineKeyboardMarkup

from bot.callbacks import MAX_BYTES
from bot.drafts import (
    EDITABLE,
    QUICK_SEQUENCE,
    FormDraft,
    draft_of,
    new_draft,
    next_awaited,
    their_changes,
)
from bot.i18n import t
from bot.views.form import error_message, fingerprint, form_view, question_view
from lokisi import validation
from lokisi.enums import ClientType
from lokisi.schemas import ClientView

NOW = datetime(2026, 3, 1, tzinfo=UTC)


def a_client(**overrides: object) -> ClientView:
    data: dict[str, object] = {
        "id": 7,
        "account_id": 1,
        "code": "CLI-000007",
        "type": ClientType.PROFESSIONNEL,
        "name": "Boulangerie Dupont",
        "contact_name": None,
        "phone": None,
        "mobile": "+33612345678",
        "email": None,
        "siret": "73282932000074",
        "vat_number": None,
        "address_line1": "12 rue de la Paix",
        "address_line2": None,
        "postal_code": "75002",
        "city": "Paris",
        "country": "France",
        "latitude": None,
        "longitude": None,
        "notes": None,
        "version": 3,
        "created_at": NOW,
        "updated_at": NOW,
    }
    data.update(overrides)
    return ClientView.model_validate(data)


def labels(markup: InlineKeyboardMarkup) -> list[list[str]]:
    return [[button.text for button in row] for row in markup.inline_keyboard]


def error_codes_of_validation() -> set[str]:
    """Every code lokisi.validation can produce, read from its source."""
    source = Path(validation.__file__).read_text(encoding="utf-8")
    custom = set(re.findall(r'_fail\(\s*"(\w+)"', source))
    cross_field = set(re.findall(r'FieldError\("\w+", "(\w+)"', source))
    return custom | cross_field | set(validation._CODE_OF_PYDANTIC_TYPE.values())


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_validation_code_has_its_own_message(lang: str) -> None:
    codes = error_codes_of_validation() | {"position_format"}
    assert {"siret_checksum", "vat_key", "postal_code_fr", "too_long", "out_of_range"} <= codes
    fallback = error_message(
        lang, {"field": "notes", "code": "unheard_of", "params": {}}, ClientType.PARTICULIER
    )
    for code in codes:
        params = {"length": 3, "max_length": 120, "le": 90.0, "vat": "FR44732829320"}
        message = error_message(
            lang, {"field": "siret", "code": code, "params": params}, ClientType.PROFESSIONNEL
        )
        assert message and message != fallback, code


def test_an_unknown_code_still_says_how_to_write_the_value() -> None:
    message = error_message(
        "fr", {"field": "email", "code": "new_code", "params": {}}, ClientType.PROFESSIONNEL
    )
    assert message == "Valeur non valide. Ex. : contact@exemple.fr."


def test_out_of_range_names_the_limit_that_was_crossed() -> None:
    low = {"field": "longitude", "code": "out_of_range", "params": {"ge": -180.0}}
    high = {"field": "latitude", "code": "out_of_range", "params": {"le": 90.0}}
    assert (
        error_message("fr", low, ClientType.PROFESSIONNEL) == "Valeur trop petite : au moins -180."
    )
    assert error_message("en", high, ClientType.PROFESSIONNEL) == "Too large: at most 90."


def test_the_name_is_labelled_by_the_client_type() -> None:
    draft = new_draft()
    text, markup = form_view("fr", draft)
    assert "Raison sociale : —" in text and ["✏️ Raison sociale : —"] in labels(markup)
    draft.values["type"] = ClientType.PARTICULIER.value
    text, markup = form_view("fr", draft)
    assert "Nom : —" in text and ["○ Professionnel", "● Particulier"] in labels(markup)


def test_a_new_form_awaits_the_name_with_an_example() -> None:
    text, _ = form_view("fr", new_draft())
    assert "Tapez « Raison sociale » (ex. : Boulangerie Dupont)." in text
    assert "Pays : France" in text


def test_the_form_lists_every_field_once_as_a_button_with_save_and_cancel() -> None:
    _, markup = form_view("en", new_draft())
    rows = labels(markup)
    assert rows[0] == ["● Business", "○ Private person"]
    assert rows[-1] == ["💾 Save", "Cancel"]
    datas = [b.callback_data for row in markup.inline_keyboard[1:-1] for b in row]
    assert sorted(datas) == sorted(f"ff:{name}" for name in EDITABLE)


def test_user_text_is_escaped_and_long_values_are_shortened() -> None:
    draft = new_draft()
    draft.values["name"] = "<b>Dupont & Fils</b> " + "x" * 100
    draft.values["notes"] = "<script>" * 300
    text, markup = form_view("fr", draft)
    assert "&lt;b&gt;Dupont &amp; Fils&lt;/b&gt;" in text
    assert "<script>" not in text
    assert len(text) <= 4096
    assert all(len(b.text) <= 48 for row in markup.inline_keyboard for b in row)


def test_even_the_worst_form_fits_telegrams_limits() -> None:
    draft = new_draft()
    draft.values.update({name: '<&"' * 700 for name in EDITABLE})
    draft.values.update(latitude=48.8566, longitude=2.3522)
    errors = [
        {"field": name, "code": "too_long", "params": {"max_length": 120}} for name in EDITABLE
    ]
    draft.errors, draft.rejected = errors, "&" * 3000
    theirs = dict(draft.values, **{name: ">" * 2000 for name in EDITABLE})
    for focused, conflict in (
        (False, None),
        (True, None),
        (False, {"version": 2, "values": theirs}),
    ):
        draft.focused, draft.awaiting, draft.conflict = focused, "notes", conflict
        draft.original = dict(draft.values)
        text, markup = form_view(
            "fr", draft, owner='<a href="tg://user?id=1">' + "&amp;" * 64 + "</a>"
        )
        assert len(text) <= 4096
        for row in markup.inline_keyboard:
            for button in row:
                assert len(str(button.callback_data).encode()) <= MAX_BYTES


def test_the_field_screen_shows_the_value_and_offers_clear_for_optional_fields() -> None:
    draft = draft_of(a_client())
    draft.awaiting, draft.focused = "mobile", True
    text, markup = form_view("fr", draft)
    assert "Valeur actuelle : +33 6 12 34 56 78" in text and "ex. : 06 12 34 56 78" in text
    assert labels(markup) == [["⬅️ Retour", "Effacer"]]
    draft.awaiting = "name"
    assert labels(form_view("fr", draft)[1]) == [["⬅️ Retour"]]
    draft.awaiting = "email"
    assert labels(form_view("fr", draft)[1]) == [["⬅️ Retour"]]


def test_the_position_is_asked_as_a_shared_location() -> None:
    draft = new_draft()
    draft.awaiting, draft.focused = "position", True
    text, _ = form_view("fr", draft)
    assert "Partagez la position du client" in text and "48.8566, 2.3522" in text


def test_the_quick_sequence_skips_what_is_filled_and_ends_in_edits() -> None:
    draft = new_draft()
    assert QUICK_SEQUENCE[0] == "name"
    draft.values.update(name="Boulangerie", address_line1="12 rue de la Paix")
    assert next_awaited(draft, "name") == "mobile"
    assert next_awaited(draft, "mobile") == "postal_code"
    assert next_awaited(draft, "notes") is None
    draft.values.update(postal_code="75002", city="Paris")
    assert next_awaited(draft, "mobile") is None
    assert next_awaited(draft_of(a_client(mobile=None)), "name") is None


def test_the_draft_is_plain_json_and_comes_back_whole() -> None:
    draft = draft_of(a_client(latitude=48.8566, longitude=2.3522))
    draft.errors = [{"field": "siret", "code": "siret_length", "params": {"length": 3}}]
    stored = json.loads(json.dumps(draft.to_json()))
    assert FormDraft.from_json(stored) == draft
    assert stored["values"]["type"] == "professionnel"


def test_a_conflict_lists_their_changes_against_mine() -> None:
    draft = draft_of(a_client())
    draft.values["city"] = "Lyon"
    theirs = draft_of(a_client(city="Marseille", notes="Chien", version=4)).values
    draft.conflict = {"version": 4, "values": theirs}
    assert their_changes(draft) == ["city", "notes"]
    text, markup = form_view("fr", draft)
    assert "<b>Ville</b> : enregistré « Marseille », le vôtre « Lyon »" in text
    assert "<b>Notes</b> : enregistré « Chien », le vôtre « — »" in text
    assert labels(markup) == [["🔄 Recharger", "✍️ Écraser"], ["⬅️ Retour"]]


def test_in_a_group_the_form_names_its_owner_and_the_question_forces_a_selective_reply() -> None:
    owner = '<a href="tg://user?id=1001">Marie &amp; Co</a>'
    text, _ = form_view("fr", new_draft(), owner=owner)
    assert owner in text and "répondez au message ci-dessous" in text
    question, force_reply = question_view("en", new_draft(), owner)
    assert question.startswith(owner)
    assert force_reply.selective is True
    assert force_reply.input_field_placeholder == "Boulangerie Dupont"


def test_the_fingerprint_changes_with_the_text_or_the_buttons() -> None:
    text, markup = form_view("fr", new_draft())
    other_text, other_markup = form_view("en", new_draft())
    assert fingerprint(text, markup) == fingerprint(text, markup)
    assert fingerprint(text, markup) != fingerprint(text, other_markup)
    assert fingerprint(text, markup) != fingerprint(other_text, markup)


def test_every_label_and_example_exists_in_both_languages() -> None:
    for lang in ("fr", "en"):
        for name in EDITABLE:
            if name != "name":
                assert t(lang, f"field.{name}") and t(lang, f"form.example.{name}")
