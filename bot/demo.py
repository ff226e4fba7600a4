"""Demo data for the console: a heating company near Lyon, its two members, 30 clients
and a few documents, so that every task of the manual can be tried at once."""

from __future__ import annotations

from typing import Any

from lokisi.enums import DocumentFamily, DocumentKind, Role
from lokisi.schemas import ClientView, MemberView
from lokisi.services import Services

ACCOUNT_NAME = "Démo LoKisi"
# Ids no real Telegram user has: the demo members exist only in the console.
MANAGER_ID = 100_000_001
TECHNICIEN_ID = 100_000_002
MEMBERS = {
    Role.MANAGER: (MANAGER_ID, "Marie Martin"),
    Role.TECHNICIEN: (TECHNICIEN_ID, "Théo Bernard"),
}


def _pro(name: str, **fields: Any) -> dict[str, Any]:
    return {"type": "professionnel", "name": name, **fields}


def _private(name: str, **fields: Any) -> dict[str, Any]:
    return {"type": "particulier", "name": name, **fields}


def _lyon(line1: str, postal_code: str, city: str, lat: float, lon: float) -> dict[str, Any]:
    return {
        "address_line1": line1,
        "postal_code": postal_code,
        "city": city,
        "latitude": lat,
        "longitude": lon,
    }


CLIENTS: tuple[dict[str, Any], ...] = (
    _pro(
        "Boulangerie Dupont",
        contact_name="Jean Dupont",
        phone="04 78 42 17 63",
        mobile="06 71 23 45 98",
        email="contact@boulangerie-dupont.fr",
        siret="52601815509080",
        vat_number="FR83526018155",
        **_lyon("12 rue de la République", "69002", "Lyon", 45.7603, 4.8357),
    ),
    _pro(
        "Hôtel des Célestins",
        contact_name="Sophie Garnier",
        phone="04 72 56 80 14",
        email="technique@hotel-celestins.fr",
        siret="30166131008602",
        vat_number="FR35301661310",
        **_lyon("4 rue des Archers", "69002", "Lyon", 45.7597, 4.8322),
    ),
    _pro(
        "Garage Moderne Villeurbanne",
        contact_name="Karim Haddad",
        phone="04 78 85 21 40",
        mobile="07 82 11 34 56",
        siret="91390996600305",
        **_lyon("85 cours Émile Zola", "69100", "Villeurbanne", 45.7689, 4.8797),
    ),
    _pro(
        "Crèche Les Petits Loups",
        contact_name="Claire Fontaine",
        phone="04 37 24 90 12",
        email="direction@petits-loups.fr",
        siret="82462819204820",
        **_lyon("18 rue Pasteur", "69007", "Lyon", 45.7508, 4.8422),
    ),
    _pro(
        "Restaurant Le Bouchon Lyonnais",
        contact_name="Paul Bocuse-Martin",
        phone="04 78 28 11 33",
        siret="19935181809092",
        vat_number="FR26199351818",
        **_lyon("9 rue Mercière", "69002", "Lyon", 45.7620, 4.8330),
    ),
    _pro(
        "Pharmacie du Parc",
        contact_name="Hélène Roux",
        phone="04 78 89 42 10",
        siret="37865797705434",
        **_lyon("54 boulevard des Belges", "69006", "Lyon", 45.7718, 4.8543),
    ),
    _pro(
        "Syndic Immo Rhône",
        contact_name="Nicolas Perrin",
        phone="04 72 41 66 20",
        email="gestion@immo-rhone.fr",
        siret="23194875307492",
        vat_number="FR87231948753",
        address_line1="3 quai Jules Courmont",
        address_line2="Bâtiment B, 4e étage",
        postal_code="69002",
        city="Lyon",
        notes="Gère 12 copropriétés ; toujours passer par M. Perrin pour les devis.",
    ),
    _pro(
        "Clinique Vétérinaire des Monts d'Or",
        contact_name="Dr Anne Lefèvre",
        phone="04 78 35 22 90",
        siret="11862527606016",
        **_lyon("2 route de Saint-Cyr", "69450", "Saint-Cyr-au-Mont-d'Or", 45.8146, 4.8175),
    ),
    _pro(
        "Lycée Ampère (intendance)",
        contact_name="Marc Giraud",
        phone="04 78 42 35 05",
        siret="89555979707111",
        **_lyon("31 rue de la Bourse", "69002", "Lyon", 45.7652, 4.8365),
    ),
    _pro(
        "Brasserie Georges",
        contact_name="Louis Morel",
        phone="04 72 56 54 54",
        siret="47104974206505",
        **_lyon("30 cours de Verdun Perrache", "69002", "Lyon", 45.7484, 4.8267),
    ),
    _pro(
        "Fromagerie Mons",
        phone="04 78 62 12 07",
        siret="75291703904230",
        **_lyon("102 cours Lafayette", "69003", "Lyon", 45.7630, 4.8510),
    ),
    _pro(
        "Salle de sport Gerland Fit",
        contact_name="Yanis Benali",
        mobile="06 23 45 67 81",
        siret="66712768204266",
        **_lyon("260 avenue Jean Jaurès", "69007", "Lyon", 45.7334, 4.8380),
    ),
    _pro(
        "Imprimerie Vaise",
        contact_name="Bruno Faure",
        phone="04 78 83 40 12",
        siret="84656321102236",
        address_line1="15 rue Marietton",
        postal_code="69009",
        city="Lyon",
    ),
    _pro(
        "Cabinet Médical Croix-Rousse",
        contact_name="Dr Julie Blanc",
        phone="04 78 28 90 45",
        siret="30792440702682",
        **_lyon("6 place de la Croix-Rousse", "69004", "Lyon", 45.7745, 4.8318),
    ),
    _pro(
        "Mairie de Caluire (services techniques)",
        contact_name="Service bâtiments",
        phone="04 78 98 80 80",
        siret="59952890807862",
        **_lyon("Place du Docteur Frédéric Dugoujon", "69300", "Caluire-et-Cuire", 45.7955, 4.8466),
    ),
    _pro(
        "Atelier Menuiserie Bois & Co",
        mobile="06 45 12 78 90",
        siret="66617603701378",
        city="Écully",
        postal_code="69130",
        notes="Pas d'adresse précise : rappeler avant de passer.",
    ),
    _pro("Laverie du Centre", mobile="07 61 22 43 85", city="Oullins", postal_code="69600"),
    _pro(
        "Cave à vins Le Tire-Bouchon",
        phone="04 78 37 65 12",
        **_lyon("22 rue Auguste Comte", "69002", "Lyon", 45.7548, 4.8291),
    ),
    _private(
        "Élodie Martin",
        mobile="06 12 34 56 78",
        email="elodie.martin@example.fr",
        **_lyon("7 rue Chevreul", "69007", "Lyon", 45.7500, 4.8448),
    ),
    _private(
        "Jacques Moreau",
        phone="04 78 25 63 41",
        **_lyon("45 montée de la Grande Côte", "69001", "Lyon", 45.7712, 4.8316),
        notes="Chaudière gaz Saunier Duval, entretien annuel en octobre.",
    ),
    _private(
        "Fatima Benchekroun",
        mobile="06 98 76 54 32",
        **_lyon("11 rue Paul Bert", "69003", "Lyon", 45.7590, 4.8480),
    ),
    _private(
        "Pierre et Lucie Garnier",
        mobile="07 51 42 33 10",
        address_line1="28 chemin des Mouilles",
        postal_code="69130",
        city="Écully",
    ),
    _private("Thomas Roussel", mobile="06 33 21 87 64", city="Villeurbanne", postal_code="69100"),
    _private(
        "Chantal Dubois",
        phone="04 78 59 14 22",
        **_lyon("3 impasse des Lilas", "69500", "Bron", 45.7390, 4.9110),
    ),
    _private(
        "Nguyen Van Minh",
        mobile="06 87 45 12 39",
        **_lyon("66 rue Duguesclin", "69006", "Lyon", 45.7690, 4.8460),
    ),
    _private("Sarah Cohen", email="sarah.cohen@example.fr", city="Lyon"),
    _private(
        "Michel Lambert",
        phone="04 72 38 45 67",
        **_lyon("14 avenue Berthelot", "69007", "Lyon", 45.7470, 4.8420),
    ),
    _private("Isabelle Mercier", mobile="07 68 90 12 34", city="Tassin-la-Demi-Lune"),
    _private(
        "Antoine Chevalier",
        mobile="06 54 32 10 98",
        **_lyon("9 rue du Plat", "69002", "Lyon", 45.7560, 4.8280),
    ),
    _private(
        "Gérard et Monique Petit",
        phone="04 78 34 11 90",
        address_line1="120 grande rue de Vaise",
        postal_code="69009",
        city="Lyon",
        notes="Code portail 4512. Chien dans le jardin.",
    ),
)

# (client index, family, kind, how far it went): enough to try closing documents and to
# see a deletion refused while documents are in progress.
DOCUMENTS: tuple[tuple[int, DocumentFamily, DocumentKind, str], ...] = (
    (0, DocumentFamily.INTERVENTION, DocumentKind.INTERVENTION_ORDRE, "en_cours"),
    (0, DocumentFamily.FACTURE, DocumentKind.FACTURE, "cloture"),
    (1, DocumentFamily.INTERVENTION, DocumentKind.INTERVENTION_DEVIS, "brouillon"),
    (1, DocumentFamily.LOCATION, DocumentKind.LOCATION_CONTRAT, "en_cours"),
    (4, DocumentFamily.VENTE, DocumentKind.VENTE, "cloture"),
    (6, DocumentFamily.INTERVENTION, DocumentKind.INTERVENTION_DEVIS, "annule"),
    (18, DocumentFamily.INTERVENTION, DocumentKind.INTERVENTION_ORDRE, "brouillon"),
    (19, DocumentFamily.FACTURE, DocumentKind.FACTURE, "cloture"),
)


class NotADemoDatabase(Exception):
    """The console seeds only a database of its own: one with no account, or the demo's."""


async def demo_member(services: Services, role: Role) -> MemberView:
    """The demo member of that role, the demo being seeded first into a database that has no
    account yet; a database with other accounts is refused (NotADemoDatabase)."""
    telegram_id, _ = MEMBERS[role]
    member = await services.accounts.member_for(telegram_id)
    if member is None:
        accounts = await services.accounts.overview()
        if accounts:
            names = ", ".join(repr(account.name) for account in accounts[:3])
            more = ", ..." if len(accounts) > 3 else ""
            raise NotADemoDatabase(
                f"it holds {len(accounts)} account(s) ({names}{more}) and not the demo's"
            )
        await seed(services)
        member = await services.accounts.member_for(telegram_id)
    assert member is not None
    return member


async def seed(services: Services) -> MemberView:
    """Create the demo account, its members, clients and documents; return the manager."""
    manager_id, manager_name = MEMBERS[Role.MANAGER]
    _, manager = await services.accounts.create_account(
        ACCOUNT_NAME, manager_telegram_id=manager_id, manager_name=manager_name
    )
    technicien_id, technicien_name = MEMBERS[Role.TECHNICIEN]
    invitation = await services.accounts.invite(manager, Role.TECHNICIEN)
    await services.accounts.redeem(
        invitation.token, telegram_user_id=technicien_id, name=technicien_name
    )
    clients = [await services.clients.create(manager, data) for data in CLIENTS]
    await _documents(services, manager, clients)
    return manager


async def _documents(services: Services, manager: MemberView, clients: list[ClientView]) -> None:
    for index, family, kind, status in DOCUMENTS:
        document = await services.documents.create(manager, clients[index].id, family, kind)
        if status in ("en_cours", "cloture"):
            await services.documents.start(manager, document.id)
        if status == "cloture":
            await services.documents.close(manager, document.id)
        elif status == "annule":
            await services.documents.cancel(manager, document.id)
