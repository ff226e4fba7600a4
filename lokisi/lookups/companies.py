"""France's company register, through the public "Recherche d'entreprises" API
(recherche-entreprises.api.gouv.fr, `GET /search?q=…`, no key, 7 requests/s per IP).

A SIRET (14 digits) finds its establishment, a SIREN (9 digits) or the start of a name the
companies, each by its head office ("siège"). Non-diffusible companies come with their address
masked ("[NON-DIFFUSIBLE]"): they are offered without it.
"""

from __future__ import annotations

import re
from typing import Any

from lokisi.lookups.service import PublicService
from lokisi.lookups.text import street_case
from lokisi.schemas import Establishment
from lokisi.validation import vat_of

MAX_RESULTS = 5
MIN_NAME_LENGTH = 3
MASKED = "[NON-DIFFUSIBLE]"
# Nature juridique 1000: entrepreneur individuel, whose head office is often their home.
SOLE_TRADER = "1000"
_NUMBER = re.compile(r"\d{9}|\d{14}")


class CompanyRegister:
    RATE_PER_SECOND = 7

    def __init__(self, service: PublicService) -> None:
        self.service = service

    async def search(self, query: str) -> list[Establishment]:
        """The establishments a SIRET, a SIREN or the start of a name stands for, at most five;
        none for a query too short to look up. Unavailable when the register cannot answer."""
        compact = re.sub(r"[\s.]", "", query)
        number = compact if _NUMBER.fullmatch(compact) else None
        text = number or " ".join(query.split())
        if number is None and len(text) < MIN_NAME_LENGTH:
            return []
        params: dict[str, str | int] = {
            "q": text,
            "per_page": MAX_RESULTS,
            "minimal": "true",
            "include": "siege,matching_etablissements",
        }
        answer = await self.service.get_json("/search", params)
        found = []
        for company in answer.get("results") or []:
            establishment = _chosen(company, number)
            if establishment is not None:
                found.append(_establishment(company, establishment))
        return found


def _chosen(company: dict[str, Any], number: str | None) -> dict[str, Any] | None:
    """The establishment whose SIRET was asked, else the head office."""
    siege = company.get("siege") or None
    if number is not None and len(number) == 14:
        for establishment in [*(company.get("matching_etablissements") or []), siege or {}]:
            if establishment.get("siret") == number:
                return establishment
        return None
    return siege


def _shown(value: Any) -> str | None:
    if not isinstance(value, str) or not value.strip() or value == MASKED:
        return None
    return value.strip()


def _coordinate(value: Any) -> float | None:
    try:
        return float(value) if _shown(str(value) if value is not None else None) else None
    except ValueError:
        return None


def _street(establishment: dict[str, Any]) -> str | None:
    """The street line: the full address without its complement, postal code and town."""
    address = _shown(establishment.get("adresse"))
    if address is None:
        return None
    complement = _shown(establishment.get("complement_adresse"))
    if complement and address.startswith(complement):
        address = address[len(complement) :].strip()
    postal_code = _shown(establishment.get("code_postal"))
    if postal_code and f" {postal_code}" in f" {address}":
        address = f" {address}".split(f" {postal_code}", 1)[0].strip()
    return street_case(address) if address else None


def _establishment(company: dict[str, Any], establishment: dict[str, Any]) -> Establishment:
    siren = str(company.get("siren") or establishment.get("siret", "")[:9])
    masked = MASKED in (establishment.get("adresse"), establishment.get("code_postal")) or (
        establishment.get("statut_diffusion_etablissement") == "P"
    )
    city = _shown(establishment.get("libelle_commune"))
    return Establishment(
        siret=str(establishment.get("siret") or ""),
        siren=siren,
        vat_number=vat_of(siren),
        name=_shown(company.get("nom_raison_sociale")) or _shown(company.get("nom_complet")),
        address_line1=_street(establishment),
        address_line2=street_case(c)
        if (c := _shown(establishment.get("complement_adresse")))
        else None,
        postal_code=_shown(establishment.get("code_postal")),
        city=street_case(city) if city else None,
        latitude=_coordinate(establishment.get("latitude")),
        longitude=_coordinate(establishment.get("longitude")),
        head_office=bool(establishment.get("est_siege")),
        closed=establishment.get("etat_administratif") == "F"
        or company.get("etat_administratif") == "C",
        sole_trader=company.get("nature_juridique") == SOLE_TRADER,
        masked=masked,
    )
