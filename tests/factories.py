"""Valid client data to start from in tests."""

from __future__ import annotations

from typing import Any


def professional(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "type": "professionnel",
        "name": "Boulangerie Dupont",
        "contact_name": "Jean Dupont",
        "phone": "01 42 68 53 00",
        "mobile": "06 12 34 56 78",
        "email": "contact@boulangerie-dupont.fr",
        "siret": "732 829 320 00074",
        "vat_number": "FR40303265045",
        "address_line1": "12 rue de la Paix",
        "postal_code": "75002",
        "city": "Paris",
    }
    data.update(overrides)
    return data


def private_person(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {"type": "particulier", "name": "Élodie Martin", "city": "Lyon"}
    data.update(overrides)
    return data
