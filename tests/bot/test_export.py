"""Export: managers get the account's clients (or a search's) as CSV and XLSX files."""

from __future__ import annotations

import csv
import io

import openpyxl

from lokisi.schemas import MemberView
from lokisi.services import Services
from tests.bot.conftest import UserFactory
from tests.factories import private_person, professional
from tests.support.driver import TelegramUser
from tests.support.recording_request import BOT_USERNAME, RecordedCall, UploadedFile


def uploads(user: TelegramUser) -> dict[str, tuple[UploadedFile, RecordedCall]]:
    """The files the last action sent, by extension."""
    found = {}
    for call in user.last_calls:
        if call.method == "sendDocument":
            upload = call.params["document"]
            found[upload.filename.rsplit(".", 1)[1]] = (upload, call)
    return found


def csv_rows(upload: UploadedFile) -> list[list[str]]:
    assert upload.content.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(upload.content.decode("utf-8-sig")), delimiter=";"))


def xlsx_rows(upload: UploadedFile) -> list[list[object]]:
    sheet = openpyxl.load_workbook(io.BytesIO(upload.content)).active
    assert sheet is not None
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


async def test_a_manager_gets_every_client_as_csv_and_xlsx(
    marie: TelegramUser, services: Services, manager: MemberView, outsider_manager: MemberView
) -> None:
    await services.clients.create(manager, professional())
    await services.clients.create(manager, private_person())
    await services.clients.create(outsider_manager, professional(name="Secret SA"))
    await marie.send("/export")
    files = uploads(marie)
    assert set(files) == {"csv", "xlsx"}
    csv_file, _ = files["csv"]
    header, *rows = csv_rows(csv_file)
    assert header[:4] == ["Code", "Type", "Raison sociale / Nom", "Contact"]
    assert "TVA intracommunautaire" in header and "Code postal" in header
    assert [row[2] for row in rows] == ["Boulangerie Dupont", "Élodie Martin"]
    first = dict(zip(header, rows[0], strict=True))
    assert first["Type"] == "Professionnel" and first["Mobile"] == "06 12 34 56 78"
    assert first["Ville"] == "Paris" and first["Code"] == "CLI-000001"
    xlsx_file, xlsx_call = files["xlsx"]
    assert xlsx_rows(xlsx_file)[0] == header
    assert [row[2] for row in xlsx_rows(xlsx_file)[1:]] == ["Boulangerie Dupont", "Élodie Martin"]
    assert xlsx_call.params["caption"] == "2 clients du compte « Dupont Chauffage »."
    assert xlsx_file.filename.startswith("clients-")


async def test_export_with_text_sends_the_results_of_that_search(
    marie: TelegramUser, services: Services, manager: MemberView
) -> None:
    await services.clients.create(manager, professional())
    await services.clients.create(manager, private_person(name="Dupont <Marcel>"))
    await services.clients.create(manager, private_person(name="Martin"))
    await marie.send("/export dupont")
    csv_file, _ = uploads(marie)["csv"]
    assert [row[2] for row in csv_rows(csv_file)[1:]] == ["Boulangerie Dupont", "Dupont <Marcel>"]
    _, xlsx_call = uploads(marie)["xlsx"]
    assert xlsx_call.params["caption"] == "2 clients trouvés pour « dupont »."


async def test_a_technicien_cannot_export(
    theo: TelegramUser, services: Services, manager: MemberView
) -> None:
    await services.clients.create(manager, professional())
    await theo.send("/export")
    assert theo.texts == ["Réservé aux managers."]
    assert uploads(theo) == {}


async def test_in_a_group_the_export_is_offered_in_private_only(
    as_user: UserFactory, services: Services, manager: MemberView
) -> None:
    await services.groups.link(manager, -100123, "Équipe Dupont")
    await services.clients.create(manager, professional())
    marie = as_user(manager, chat_id=-100123, chat_type="supergroup")
    await marie.send("/export")
    assert uploads(marie) == {}
    assert "message privé" in marie.last_text
    assert marie.url_buttons() == {"Ouvrir le bot": f"https://t.me/{BOT_USERNAME}"}


async def test_an_empty_export_says_so(marie: TelegramUser) -> None:
    await marie.send("/export")
    assert marie.texts == ["Aucun client à exporter."]
    assert uploads(marie) == {}


async def test_the_files_speak_english_to_an_english_manager(
    as_user: UserFactory, services: Services, manager: MemberView
) -> None:
    await services.clients.create(manager, professional())
    english = as_user(manager, language_code="en")
    await english.send("/export")
    csv_file, _ = uploads(english)["csv"]
    header, row = csv_rows(csv_file)
    assert header[:3] == ["Code", "Type", "Company name / Name"]
    assert row[1] == "Business"


async def test_the_export_has_a_column_with_each_clients_notes_newest_first(
    marie: TelegramUser,
    services: Services,
    manager: MemberView,
    technicien: MemberView,
) -> None:
    client = await services.clients.create(manager, professional(notes="Code portail 1234"))
    await services.clients.create(manager, private_person())
    await services.notes.add(technicien, client.id, "Portail cassé")
    await services.notes.add(manager, client.id, "=Devis envoyé")
    await marie.send("/export")
    csv_file, _ = uploads(marie)["csv"]
    header, first, second = csv_rows(csv_file)
    notes = dict(zip(header, first, strict=True))
    assert notes["Notes"] == "Code portail 1234"
    lines = notes["Notes de terrain"].split("\n")
    # Newest first, each with its date, time and author; a spreadsheet runs no formula.
    assert [line.split(" ", 2)[2] for line in lines] == [
        "Marie Manager : =Devis envoyé",
        "Théo Technicien : Portail cassé",
    ]
    assert dict(zip(header, second, strict=True))["Notes de terrain"] == ""
    xlsx_file, _ = uploads(marie)["xlsx"]
    assert xlsx_rows(xlsx_file)[1][header.index("Notes de terrain")] == notes["Notes de terrain"]
