"""The public registers the bot looks things up in, both optional: France's company register
(lokisi.lookups.companies) and national address base (lokisi.lookups.addresses). Off, slow or
down, they are simply not used (lokisi.lookups.service)."""

from __future__ import annotations

from dataclasses import dataclass

import httpx

from lokisi.lookups.addresses import Geocoder
from lokisi.lookups.companies import CompanyRegister
from lokisi.lookups.service import PublicService, Unavailable

__all__ = ["CompanyRegister", "Geocoder", "Lookups", "Unavailable"]


@dataclass(frozen=True)
class Lookups:
    """The services configured for this process; None for one turned off."""

    companies: CompanyRegister | None = None
    addresses: Geocoder | None = None

    @classmethod
    def over(
        cls,
        company_lookup_url: str | None,
        geocoder_url: str | None,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> Lookups:
        """The services at these base URLs (empty or None: that one is off)."""
        companies = addresses = None
        if company_lookup_url:
            companies = CompanyRegister(
                PublicService(
                    "company register",
                    company_lookup_url,
                    rate=CompanyRegister.RATE_PER_SECOND,
                    transport=transport,
                )
            )
        if geocoder_url:
            addresses = Geocoder(
                PublicService(
                    "geocoder", geocoder_url, rate=Geocoder.RATE_PER_SECOND, transport=transport
                )
            )
        return cls(companies, addresses)

    async def aclose(self) -> None:
        for lookup in (self.companies, self.addresses):
            if lookup is not None:
                await lookup.service.aclose()
