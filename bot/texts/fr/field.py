"""Le nom de chaque champ d'un client, partout où il paraît : formulaire, fiche, export."""

TEXTS: dict[str, str] = {
    "field.type": "Type",
    "field.name": "Raison sociale / Nom",
    "field.name.professionnel": "Raison sociale",
    "field.name.particulier": "Nom",
    "field.contact_name": "Contact",
    "field.mobile": "Mobile",
    "field.phone": "Téléphone",
    "field.email": "E-mail",
    "field.address": "Adresse",
    "field.address_line1": "Adresse",
    "field.address_line2": "Complément d'adresse",
    "field.postal_code": "Code postal",
    "field.city": "Ville",
    "field.country": "Pays",
    "field.siret": "SIRET",
    "field.vat_number": "TVA intracommunautaire",
    "field.position": "Position GPS",
    "field.latitude": "Latitude",
    "field.longitude": "Longitude",
    "field.notes": "Notes",
}
