"""Realistic French clients, generated deterministically: names, towns, phones, SIRETs.

Names follow a skewed distribution (a few very common ones, a long tail), as in a real
client file, so that searching "martin" finds thousands of clients at 100,000.
"""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass
from typing import Any

from stdnum import luhn

from lokisi.enums import ClientType

LAST_NAMES = (
    "Martin",
    "Bernard",
    "Thomas",
    "Petit",
    "Robert",
    "Richard",
    "Durand",
    "Dubois",
    "Moreau",
    "Laurent",
    "Simon",
    "Michel",
    "Lefèvre",
    "Leroy",
    "Roux",
    "David",
    "Bertrand",
    "Morel",
    "Fournier",
    "Girard",
    "Bonnet",
    "Dupont",
    "Lambert",
    "Fontaine",
    "Rousseau",
    "Vincent",
    "Muller",
    "Lefebvre",
    "Faure",
    "André",
    "Mercier",
    "Blanc",
    "Guérin",
    "Boyer",
    "Garnier",
    "Chevalier",
    "François",
    "Legrand",
    "Gauthier",
    "Garcia",
    "Perrin",
    "Robin",
    "Clément",
    "Morin",
    "Nicolas",
    "Henry",
    "Roussel",
    "Mathieu",
    "Gautier",
    "Masson",
    "Marchand",
    "Duval",
    "Denis",
    "Dumont",
    "Marie",
    "Lemaire",
    "Noël",
    "Meyer",
    "Dufour",
    "Meunier",
    "Brun",
    "Blanchard",
    "Giraud",
    "Joly",
    "Rivière",
    "Lucas",
    "Brunet",
    "Gaillard",
    "Barbier",
    "Arnaud",
    "Martinez",
    "Gérard",
    "Roche",
    "Renard",
    "Schmitt",
    "Roy",
    "Leroux",
    "Colin",
    "Vidal",
    "Caron",
    "Picard",
    "Roger",
    "Fabre",
    "Aubert",
    "Lemoine",
    "Renaud",
    "Dumas",
    "Lacroix",
    "Olivier",
    "Philippe",
    "Bourgeois",
    "Pierre",
    "Benoît",
    "Rey",
    "Leclerc",
    "Payet",
    "Rolland",
    "Leclercq",
    "Guillaume",
    "Lecomte",
    "Lopez",
    "Jean",
    "Dupuy",
    "Guillot",
    "Hubert",
    "Berger",
    "Carpentier",
    "Sánchez",
    "Dupuis",
    "Moulin",
    "Louis",
    "Deschamps",
    "Huet",
    "Vasseur",
    "Perez",
    "Boucher",
    "Fleury",
    "Royer",
    "Klein",
    "Jacquet",
    "Adam",
    "Paris",
    "Poirier",
    "Marty",
    "Aubry",
    "Guyot",
    "Carré",
    "Charles",
    "Renault",
    "Charpentier",
    "Ménard",
    "Maillard",
    "Baron",
    "Bertin",
    "Bailly",
    "Hervé",
    "Schneider",
    "Fernandez",
    "Le Gall",
    "Collet",
    "Léger",
    "Bouvier",
    "Julien",
    "Prévost",
    "Millet",
    "Perrot",
    "Daniel",
    "Le Roux",
    "Cousin",
    "Germain",
    "Breton",
    "Besson",
    "Langlois",
    "Rémy",
    "Le Goff",
    "Pelletier",
    "Lévêque",
    "Perrier",
    "Leblanc",
    "Barré",
    "Lebrun",
    "Marchal",
    "Weber",
    "Mallet",
    "Hamon",
    "Boulanger",
    "Jacob",
    "Monnier",
    "Michaud",
    "Rodriguez",
    "Guichard",
    "Gillet",
    "Étienne",
    "Grondin",
    "Poulain",
    "Tessier",
    "Chevallier",
    "Collin",
    "Chauvin",
    "Da Silva",
    "Bouchet",
    "Gay",
    "Lemaître",
    "Bénard",
    "Maréchal",
    "Humbert",
    "Reynaud",
    "Antoine",
    "Hoarau",
    "Perret",
    "Barthélemy",
    "Cordier",
    "Pichon",
    "Lejeune",
    "Gilbert",
    "Lamy",
    "Delaunay",
    "Pasquier",
    "Carlier",
    "Laporte",
)
FIRST_NAMES = (
    "Jean",
    "Marie",
    "Michel",
    "Pierre",
    "Philippe",
    "Nathalie",
    "Isabelle",
    "Alain",
    "Sylvie",
    "Catherine",
    "Patrick",
    "Nicolas",
    "Christophe",
    "Françoise",
    "Christine",
    "Éric",
    "Laurent",
    "Stéphane",
    "Sophie",
    "David",
    "Frédéric",
    "Valérie",
    "Sandrine",
    "Olivier",
    "Martine",
    "Julien",
    "Thierry",
    "Céline",
    "Véronique",
    "Daniel",
    "Pascal",
    "Anne",
    "Christian",
    "Bernard",
    "Jacques",
    "Monique",
    "Hélène",
    "Élodie",
    "Aurélie",
    "Thomas",
    "Émilie",
    "Sébastien",
    "Camille",
    "Jérôme",
    "Chloé",
    "Léa",
    "Manon",
    "Inès",
    "Hugo",
    "Lucas",
    "Théo",
    "Louis",
    "Gabriel",
    "Raphaël",
    "Arthur",
    "Zoé",
    "Jeanne",
    "Agnès",
    "Brigitte",
    "Gérard",
    "Benoît",
    "Cédric",
    "Grégory",
    "Mélanie",
    "Noémie",
    "Joël",
    "Anaïs",
    "Maëlle",
    "Loïc",
    "Gaëlle",
    "Josiane",
    "Régis",
)
TRADES = (
    "Boulangerie",
    "Boucherie",
    "Garage",
    "Plomberie",
    "Chauffage",
    "Électricité",
    "Menuiserie",
    "Maçonnerie",
    "Carrosserie",
    "Pharmacie",
    "Restaurant",
    "Café",
    "Hôtel",
    "Cabinet",
    "Transports",
    "Fleuriste",
    "Coiffure",
    "Pressing",
    "Auto-école",
    "Boulangerie-Pâtisserie",
    "Épicerie",
    "Charcuterie",
    "Imprimerie",
    "Couverture",
    "Climatisation",
    "Serrurerie",
    "Paysagiste",
    "Librairie",
    "Quincaillerie",
    "Cave",
)
FORMS = ("SARL", "SAS", "EURL", "SA", "SCI", "")
PLACES = (
    "du Centre",
    "de la Gare",
    "des Lilas",
    "du Port",
    "de l'Église",
    "des Halles",
    "du Marché",
    "Saint-Michel",
    "de la Place",
    "du Château",
)
STREET_KINDS = ("rue", "avenue", "boulevard", "place", "chemin", "allée", "impasse", "route")
STREET_NAMES = (
    "de la Paix",
    "Victor Hugo",
    "Jean Jaurès",
    "de la République",
    "Gambetta",
    "Pasteur",
    "du Général de Gaulle",
    "des Écoles",
    "de l'Église",
    "Jules Ferry",
    "du Moulin",
    "des Acacias",
    "Émile Zola",
    "de Verdun",
    "du 8 Mai 1945",
    "Carnot",
    "Voltaire",
    "des Tilleuls",
    "de la Liberté",
    "Saint-Exupéry",
)
# Real towns, their postal codes and an approximate position.
TOWNS: tuple[tuple[str, tuple[str, ...], float, float], ...] = (
    ("Paris", tuple(f"750{n:02d}" for n in range(1, 21)), 48.8566, 2.3522),
    ("Marseille", tuple(f"130{n:02d}" for n in range(1, 17)), 43.2965, 5.3698),
    ("Lyon", tuple(f"6900{n}" for n in range(1, 10)), 45.7640, 4.8357),
    ("Toulouse", ("31000", "31100", "31200", "31300", "31400", "31500"), 43.6047, 1.4442),
    ("Nice", ("06000", "06100", "06200", "06300"), 43.7102, 7.2620),
    ("Nantes", ("44000", "44100", "44200", "44300"), 47.2184, -1.5536),
    ("Montpellier", ("34000", "34070", "34080", "34090"), 43.6108, 3.8767),
    ("Strasbourg", ("67000", "67100", "67200"), 48.5734, 7.7521),
    ("Bordeaux", ("33000", "33100", "33200", "33300", "33800"), 44.8378, -0.5792),
    ("Lille", ("59000", "59160", "59260", "59777", "59800"), 50.6292, 3.0573),
    ("Rennes", ("35000", "35200", "35700"), 48.1173, -1.6778),
    ("Reims", ("51100",), 49.2583, 4.0317),
    ("Saint-Étienne", ("42000", "42100"), 45.4397, 4.3872),
    ("Le Havre", ("76600", "76610", "76620"), 49.4944, 0.1079),
    ("Toulon", ("83000", "83100", "83200"), 43.1242, 5.9280),
    ("Grenoble", ("38000", "38100"), 45.1885, 5.7245),
    ("Dijon", ("21000",), 47.3220, 5.0415),
    ("Angers", ("49000", "49100"), 47.4784, -0.5632),
    ("Nîmes", ("30000", "30900"), 43.8367, 4.3601),
    ("Villeurbanne", ("69100",), 45.7719, 4.8902),
    ("Clermont-Ferrand", ("63000", "63100"), 45.7772, 3.0870),
    ("Le Mans", ("72000", "72100"), 48.0061, 0.1996),
    ("Aix-en-Provence", ("13090", "13100", "13290", "13540"), 43.5297, 5.4474),
    ("Brest", ("29200",), 48.3904, -4.4861),
    ("Tours", ("37000", "37100", "37200"), 47.3941, 0.6848),
    ("Amiens", ("80000", "80080", "80090"), 49.8941, 2.2958),
    ("Limoges", ("87000", "87100", "87280"), 45.8336, 1.2611),
    ("Annecy", ("74000", "74370", "74600", "74940", "74960"), 45.8992, 6.1294),
    ("Perpignan", ("66000", "66100"), 42.6887, 2.8948),
    ("Boulogne-Billancourt", ("92100",), 48.8397, 2.2399),
    ("Metz", ("57000", "57050", "57070"), 49.1193, 6.1757),
    ("Besançon", ("25000",), 47.2378, 6.0241),
    ("Orléans", ("45000", "45100"), 47.9030, 1.9093),
    ("Rouen", ("76000", "76100"), 49.4432, 1.0999),
    ("Mulhouse", ("68100", "68200"), 47.7508, 7.3359),
    ("Caen", ("14000",), 49.1829, -0.3707),
    ("Nancy", ("54000", "54100"), 48.6921, 6.1844),
    ("Argenteuil", ("95100",), 48.9472, 2.2467),
    ("Saint-Denis", ("93200", "93210"), 48.9362, 2.3574),
    ("Roubaix", ("59100",), 50.6942, 3.1746),
    ("Tourcoing", ("59200",), 50.7239, 3.1612),
    ("Montreuil", ("93100",), 48.8638, 2.4485),
    ("Avignon", ("84000",), 43.9493, 4.8055),
    ("Créteil", ("94000",), 48.7904, 2.4556),
    ("Poitiers", ("86000",), 46.5802, 0.3404),
    ("Pau", ("64000",), 43.2951, -0.3708),
    ("La Rochelle", ("17000",), 46.1603, -1.1511),
    ("Calais", ("62100",), 50.9513, 1.8587),
    ("Cannes", ("06150", "06400"), 43.5528, 7.0174),
    ("Béziers", ("34500",), 43.3442, 3.2158),
    ("Colmar", ("68000",), 48.0794, 7.3585),
    ("Quimper", ("29000",), 47.9960, -4.1024),
    ("Valence", ("26000",), 44.9334, 4.8924),
    ("Troyes", ("10000",), 48.2973, 4.0744),
    ("Chambéry", ("73000",), 45.5646, 5.9178),
    ("Lorient", ("56100",), 47.7483, -3.3700),
    ("Niort", ("79000",), 46.3237, -0.4588),
    ("Saint-Malo", ("35400",), 48.6493, -2.0257),
    ("Bayonne", ("64100",), 43.4929, -1.4748),
    ("Vannes", ("56000",), 47.6582, -2.7608),
    ("Évreux", ("27000",), 49.0241, 1.1508),
    ("Montélimar", ("26200",), 44.5581, 4.7509),
    ("Épinal", ("88000",), 48.1724, 6.4496),
    ("Mâcon", ("71000",), 46.3069, 4.8287),
)
MAIL_HOSTS = ("gmail.com", "orange.fr", "free.fr", "laposte.net", "sfr.fr", "wanadoo.fr")
NOTES = (
    "Code portail 1234B, sonner chez le gardien.",
    "Chaudière gaz, entretien annuel en octobre.",
    "Préfère être appelé le matin.",
    "Chien dans le jardin : prévenir avant de passer.",
    "Accès par la cour arrière, parking devant.",
    "Client fidèle depuis 2015.",
)


def _zipf_weights(count: int) -> list[float]:
    return [1 / (rank + 4) for rank in range(count)]


_LAST_WEIGHTS = _zipf_weights(len(LAST_NAMES))
_FIRST_WEIGHTS = _zipf_weights(len(FIRST_NAMES))
_TOWN_WEIGHTS = _zipf_weights(len(TOWNS))


def slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "-".join("".join(c if c.isalnum() else " " for c in ascii_text.lower()).split())


def siret(rng: random.Random) -> str:
    """14 digits whose SIREN (first 9) and whole both pass Luhn, as INSEE numbers do."""
    siren = str(rng.randrange(10_000_000, 100_000_000))
    siren += luhn.calc_check_digit(siren)
    nic = f"{rng.randrange(0, 10_000):04d}"
    return siren + nic + luhn.calc_check_digit(siren + nic)


def vat_number(siret_digits: str) -> str:
    """The French intra-community VAT number derived from the SIREN."""
    siren = int(siret_digits[:9])
    return f"FR{(12 + 3 * (siren % 97)) % 97:02d}{siren:09d}"


# Number ranges the numbering plan (and so phonenumbers) accepts in full.
def mobile(rng: random.Random) -> str:
    return f"+336{rng.choice('0124578')}{rng.randrange(0, 10_000_000):07d}"


def landline(rng: random.Random) -> str:
    return f"+33{rng.randrange(1, 6)}{rng.choice('1234578')}{rng.randrange(0, 10_000_000):07d}"


def last_name(rng: random.Random) -> str:
    return rng.choices(LAST_NAMES, _LAST_WEIGHTS)[0]


def first_name(rng: random.Random) -> str:
    return rng.choices(FIRST_NAMES, _FIRST_WEIGHTS)[0]


def person(rng: random.Random) -> str:
    return f"{first_name(rng)} {last_name(rng)}"


def company_name(rng: random.Random) -> str:
    trade = rng.choice(TRADES)
    family = last_name(rng)
    pattern = rng.randrange(6)
    if pattern == 0:
        return f"{trade} {family}"
    if pattern == 1:
        return f"{trade} {family} & Fils"
    if pattern == 2:
        return f"{family} {trade}"
    if pattern == 3:
        return f"{trade} {rng.choice(PLACES)}"
    form = rng.choice(FORMS)
    return f"{form} {trade} {family}".strip() if pattern == 4 else f"{family} et Associés"


@dataclass(frozen=True)
class Town:
    name: str
    postal_code: str
    latitude: float
    longitude: float


def town(rng: random.Random) -> Town:
    name, codes, latitude, longitude = rng.choices(TOWNS, _TOWN_WEIGHTS)[0]
    return Town(name, rng.choice(codes), latitude, longitude)


def street(rng: random.Random) -> str:
    return f"{rng.randrange(1, 180)} {rng.choice(STREET_KINDS)} {rng.choice(STREET_NAMES)}"


def client_fields(rng: random.Random) -> dict[str, Any]:
    """One client as a user would have typed it, already in its stored (canonical) form."""
    professional = rng.random() < 0.6
    where = town(rng)
    has_address = rng.random() < 0.85
    contact = person(rng)
    name = company_name(rng) if professional else contact
    number = siret(rng) if professional and rng.random() < 0.8 else None
    email_user = slug(contact).replace("-", ".")
    has_position = rng.random() < 0.3
    return {
        "type": ClientType.PROFESSIONNEL if professional else ClientType.PARTICULIER,
        "name": name,
        "contact_name": contact if professional and rng.random() < 0.8 else None,
        "phone": landline(rng) if rng.random() < 0.6 else None,
        "mobile": mobile(rng) if rng.random() < 0.7 else None,
        "email": (
            f"contact@{slug(name)}.fr" if professional else f"{email_user}@{rng.choice(MAIL_HOSTS)}"
        )
        if rng.random() < 0.6
        else None,
        "siret": number,
        "vat_number": vat_number(number) if number and rng.random() < 0.7 else None,
        "address_line1": street(rng) if has_address else None,
        "address_line2": "Bâtiment B" if has_address and rng.random() < 0.05 else None,
        "postal_code": where.postal_code if has_address or rng.random() < 0.5 else None,
        "city": where.name,
        "country": "France",
        "latitude": where.latitude + rng.uniform(-0.05, 0.05) if has_position else None,
        "longitude": where.longitude + rng.uniform(-0.05, 0.05) if has_position else None,
        "notes": rng.choice(NOTES) if rng.random() < 0.1 else None,
    }


def search_queries(rng: random.Random, count: int) -> list[str]:
    """What technicians type: part of a name, a town, a name and a town, a phone, a code."""
    makers = (
        lambda: last_name(rng)[: rng.randrange(3, 7)].lower(),
        lambda: last_name(rng),
        lambda: rng.choice(TRADES)[:4].lower(),
        lambda: f"{rng.choice(TRADES)[:4]} {last_name(rng)[:3]}".lower(),
        lambda: town(rng).name,
        lambda: f"{last_name(rng)} {town(rng).name[:4]}",
        lambda: person(rng),
        lambda: first_name(rng)[:4].lower(),
        lambda: town(rng).postal_code,
        lambda: f"06 {rng.randrange(10, 100)} {rng.randrange(10, 100)}",
        lambda: f"CLI-{rng.randrange(1, 1000):03d}",
        lambda: slug(last_name(rng)).replace("-", " ")[:5],
    )
    return [rng.choice(makers)() for _ in range(count)]


def misspelt_queries(rng: random.Random, count: int) -> list[str]:
    """Names as people misspell them: a letter changed, dropped, added or two swapped ("dupond",
    "mesnard", "boulangreie"), alone or before a town."""

    def misspell(word: str) -> str:
        folded = slug(word).replace("-", "")
        at = rng.randrange(1, len(folded) - 1)
        change = rng.randrange(4)
        if change == 0:
            return folded[:at] + rng.choice("aeioudtsn") + folded[at + 1 :]
        if change == 1:
            return folded[:at] + folded[at + 1 :]
        if change == 2:
            return folded[:at] + rng.choice("sehn") + folded[at:]
        return folded[: at - 1] + folded[at] + folded[at - 1] + folded[at + 1 :]

    makers = (
        lambda: misspell(last_name(rng)),
        lambda: misspell(rng.choice(TRADES)),
        lambda: f"{misspell(last_name(rng))} {town(rng).name}",
        lambda: misspell(rng.choice(STREET_NAMES).split()[-1]),
    )
    return [rng.choice(makers)() for _ in range(count)]
