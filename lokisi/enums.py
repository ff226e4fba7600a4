"""The closed vocabularies of the business, stored by value."""

from enum import StrEnum


class ClientType(StrEnum):
    PROFESSIONNEL = "professionnel"
    PARTICULIER = "particulier"


class DuplicateReason(StrEnum):
    """Why a client looks like another (lokisi.duplicates)."""

    PHONE = "phone"
    NAME = "name"


class Role(StrEnum):
    TECHNICIEN = "technicien"
    MANAGER = "manager"


class DocumentFamily(StrEnum):
    """What the user asks for from a client card; the account configuration picks the kind."""

    INTERVENTION = "intervention"
    LOCATION = "location"
    VENTE = "vente"
    FACTURE = "facture"


class DocumentKind(StrEnum):
    INTERVENTION_DEVIS = "intervention_devis"
    INTERVENTION_ORDRE = "intervention_ordre"
    LOCATION_DEVIS = "location_devis"
    LOCATION_CONTRAT = "location_contrat"
    VENTE = "vente"
    FACTURE = "facture"

    @property
    def family(self) -> DocumentFamily:
        return _FAMILY_OF_KIND[self]

    @property
    def prefix(self) -> str:
        """Number prefix, as in FA-2026-0001."""
        return _PREFIX_OF_KIND[self]


_FAMILY_OF_KIND = {
    DocumentKind.INTERVENTION_DEVIS: DocumentFamily.INTERVENTION,
    DocumentKind.INTERVENTION_ORDRE: DocumentFamily.INTERVENTION,
    DocumentKind.LOCATION_DEVIS: DocumentFamily.LOCATION,
    DocumentKind.LOCATION_CONTRAT: DocumentFamily.LOCATION,
    DocumentKind.VENTE: DocumentFamily.VENTE,
    DocumentKind.FACTURE: DocumentFamily.FACTURE,
}

_PREFIX_OF_KIND = {
    DocumentKind.INTERVENTION_DEVIS: "DI",
    DocumentKind.INTERVENTION_ORDRE: "OI",
    DocumentKind.LOCATION_DEVIS: "DL",
    DocumentKind.LOCATION_CONTRAT: "CL",
    DocumentKind.VENTE: "VE",
    DocumentKind.FACTURE: "FA",
}


class DocumentStatus(StrEnum):
    BROUILLON = "brouillon"
    EN_COURS = "en_cours"
    CLOTURE = "cloture"
    ANNULE = "annule"

    @property
    def is_open(self) -> bool:
        """Brouillon and en cours block the deletion of the client."""
        return self in (DocumentStatus.BROUILLON, DocumentStatus.EN_COURS)


class InterventionStart(StrEnum):
    DEVIS = "devis"
    ORDRE = "ordre"
    AU_CHOIX = "au_choix"


class RentalStart(StrEnum):
    DEVIS = "devis"
    CONTRAT = "contrat"
    AU_CHOIX = "au_choix"


class AttachmentKind(StrEnum):
    """What the bot keeps of a message attached to a client: its file on Telegram (a file id,
    never the bytes), a position, or the text of a forwarded message."""

    PHOTO = "photo"
    VIDEO = "video"
    DOCUMENT = "document"
    VOICE = "voice"
    LOCATION = "location"
    MESSAGE = "message"

    @property
    def has_file(self) -> bool:
        return self not in (AttachmentKind.LOCATION, AttachmentKind.MESSAGE)
