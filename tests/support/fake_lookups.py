"""A small local fake of the two public services the bot looks things up in, for tests that
must never reach the internet:

- France's company register (recherche-entreprises.api.gouv.fr) under /entreprises:
  `GET /search?q=…` answers as the real API does (`results` of companies with `siege` and
  `matching_etablissements`, masked "[NON-DIFFUSIBLE]" fields, `etat_administratif`...);
- the IGN Géoplateforme geocoder (data.geopf.fr/geocodage) under /geocodage: `GET /search`
  and `/reverse` answer GeoJSON FeatureCollections, `POST /search/csv` the sent CSV with the
  `latitude`, `longitude` and `result_*` columns added.

The shapes follow the real services' documentation and source (search-api's formatters and
open-api.yml; the geocoder's documented answers). A test makes a service stall 5 s, answer
500 or 429 with a Retry-After, and reads what was asked (`requests`).
"""

from __future__ import annotations

import csv
import email.parser
import email.policy
import io
import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from unidecode import unidecode

STALL_SECONDS = 5.0
MASKED = "[NON-DIFFUSIBLE]"


def _establishment(
    siret: str,
    address: str,
    postal_code: str,
    town: str,
    position: tuple[str, str] | None,
    *,
    head_office: bool = True,
    open_: bool = True,
    diffusible: bool = True,
) -> dict[str, Any]:
    latitude, longitude = position or (None, None)
    establishment = {
        "activite_principale": "10.71C",
        "adresse": f"{address} {postal_code} {town}",
        "code_postal": postal_code,
        "commune": "75102",
        "complement_adresse": None,
        "date_creation": "2008-03-01",
        "date_fermeture": None if open_ else "2019-06-30",
        "est_siege": head_office,
        "etat_administratif": "A" if open_ else "F",
        "latitude": latitude,
        "libelle_commune": town,
        "liste_enseignes": None,
        "longitude": longitude,
        "nom_commercial": None,
        "siret": siret,
        "statut_diffusion_etablissement": "O" if diffusible else "P",
        "tranche_effectif_salarie": "03",
    }
    if not diffusible:
        for name in ("adresse", "code_postal", "latitude", "longitude", "complement_adresse"):
            establishment[name] = MASKED
    return establishment


def _company(
    siren: str, name: str, nature: str, siege: dict[str, Any], *others: dict[str, Any]
) -> dict[str, Any]:
    diffusible = siege["statut_diffusion_etablissement"] == "O"
    return {
        "siren": siren,
        "nom_complet": name,
        "nom_raison_sociale": None if nature == "1000" else name,
        "sigle": None,
        "nombre_etablissements": 1 + len(others),
        "nombre_etablissements_ouverts": 1 + sum(e["etat_administratif"] == "A" for e in others),
        "activite_principale": "10.71C",
        "categorie_entreprise": "PME",
        "date_creation": "2008-03-01",
        "etat_administratif": "A",
        "nature_juridique": nature,
        "section_activite_principale": "C",
        "statut_diffusion": "O" if diffusible else "P",
        "siege": siege,
        "etablissements": [siege, *others],
    }


COMPANIES = (
    _company(
        "732829320",
        "BOULANGERIE DUPONT",
        "5499",
        _establishment(
            "73282932000074", "12 RUE DE LA PAIX", "75002", "PARIS", ("48.868690", "2.331470")
        ),
        _establishment(
            "73282932000082",
            "3 AVENUE DE L'OPERA",
            "75001",
            "PARIS",
            ("48.863400", "2.335200"),
            head_office=False,
            open_=False,
        ),
    ),
    _company(
        "812345676",
        "JEAN MARTIN",
        "1000",
        _establishment(
            "81234567600017", "8 RUE DES LILAS", "69003", "LYON", ("45.759700", "4.842200")
        ),
    ),
    _company(
        "523456788",
        "SOCIETE DISCRETE",
        "5710",
        _establishment("52345678800018", "4 RUE SECRETE", "75008", "PARIS", None, diffusible=False),
    ),
    _company(
        "901234567",
        "BOULANGERIE DU MARCHE",
        "5499",
        _establishment(
            "90123456700013", "5 PLACE DU MARCHE", "33000", "BORDEAUX", ("44.837800", "-0.579200")
        ),
    ),
)


@dataclass(frozen=True)
class _Address:
    number: str
    street: str
    postal_code: str
    city: str
    citycode: str
    latitude: float
    longitude: float

    @property
    def name(self) -> str:
        return f"{self.number} {self.street}"

    @property
    def label(self) -> str:
        return f"{self.name} {self.postal_code} {self.city}"


ADDRESSES = (
    _Address("12", "Rue de la Paix", "75002", "Paris", "75102", 48.868690, 2.331470),
    _Address("14", "Rue de la Paix", "75002", "Paris", "75102", 48.868950, 2.331190),
    _Address("12", "Rue de la République", "69002", "Lyon", "69382", 45.763920, 4.835700),
    _Address("8", "Rue des Lilas", "69003", "Lyon", "69383", 45.759700, 4.842200),
    _Address("1", "Rue Cler", "75007", "Paris", "75107", 48.857020, 2.306050),
    _Address("102", "Quai de Jemmapes", "75010", "Paris", "75110", 48.871600, 2.366300),
)
CSV_RESULT_COLUMNS = (
    "latitude",
    "longitude",
    "result_label",
    "result_score",
    "result_score_next",
    "result_type",
    "result_id",
    "result_banId",
    "result_housenumber",
    "result_name",
    "result_street",
    "result_postcode",
    "result_city",
    "result_context",
    "result_citycode",
    "result_oldcitycode",
    "result_oldcity",
    "result_district",
    "result_status",
)


def _words(text: str) -> list[str]:
    return "".join(c if c.isalnum() else " " for c in unidecode(text).lower()).split()


def _matches(query: str, label: str, *, prefix: bool) -> bool:
    wanted, have = _words(query), _words(label)
    if prefix:
        return all(any(h.startswith(w) for h in have) for w in wanted)
    return all(w in have for w in wanted)


def _feature(address: _Address, score: float, **extra: Any) -> dict[str, Any]:
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [address.longitude, address.latitude]},
        "properties": {
            "label": address.label,
            "score": score,
            "housenumber": address.number,
            "id": f"{address.citycode}_0001_{int(address.number):05d}",
            "banId": "8e6b04d7-f6fd-48a1-80be-4ec984a286e8",
            "name": address.name,
            "postcode": address.postal_code,
            "citycode": address.citycode,
            "x": 651234.5,
            "y": 6862345.6,
            "city": address.city,
            "context": f"{address.postal_code[:2]}, {address.city}",
            "type": "housenumber",
            "importance": 0.67985,
            "street": address.street,
            "_type": "address",
            **extra,
        },
    }


@dataclass
class FakeLookups:
    """What the tests see of the fake: its URLs, what it was asked, how it misbehaves."""

    base_url: str = ""
    requests: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    # Per service ("entreprises", "geocodage"): None, "stall", "error" or "busy".
    failures: dict[str, str | None] = field(default_factory=dict)
    # Per service: answer 500 from its Nth request on (1 for the first).
    failing_from: dict[str, int] = field(default_factory=dict)
    retry_after: int = 3

    @property
    def companies_url(self) -> str:
        return f"{self.base_url}/entreprises"

    @property
    def geocoder_url(self) -> str:
        return f"{self.base_url}/geocodage"

    def asked(self, path: str) -> list[dict[str, Any]]:
        """The parameters of each request to `path` (e.g. "/geocodage/search/csv")."""
        return [params for asked_path, params in self.requests if asked_path == path]

    def answer(
        self, path: str, params: dict[str, Any], files: dict[str, bytes]
    ) -> tuple[int, dict[str, str], bytes]:
        service = path.strip("/").split("/", 1)[0]
        if "data" in files:
            params = {**params, "rows": files["data"].decode().count("\n") - 1}
        self.requests.append((path, params))
        failure = self.failures.get(service)
        asked = sum(p.strip("/").startswith(service) for p, _ in self.requests)
        if asked >= self.failing_from.get(service, asked + 1):
            failure = "error"
        if failure == "stall":
            time.sleep(STALL_SECONDS)
        elif failure == "error":
            return 500, {}, b'{"code": 500, "message": "Internal Server Error"}'
        elif failure == "busy":
            body = b'{"code": 429, "message": "Too Many Requests"}'
            return 429, {"Retry-After": str(self.retry_after)}, body
        if path == "/entreprises/search":
            return _json(_company_search(params))
        if path == "/geocodage/search":
            prefix = str(params.get("autocomplete")) == "1"
            return _json(_address_search(params, prefix=prefix))
        if path == "/geocodage/reverse":
            return _json(_reverse(params))
        if path == "/geocodage/search/csv":
            return 200, {"Content-Type": "text/csv; charset=utf-8"}, _csv(params, files["data"])
        return 404, {}, b'{"code": 404, "message": "Not Found"}'


def _json(body: Any) -> tuple[int, dict[str, str], bytes]:
    return 200, {"Content-Type": "application/json"}, json.dumps(body).encode()


def _company_search(params: dict[str, Any]) -> dict[str, Any]:
    query = str(params.get("q", "")).strip()
    results = []
    for company in COMPANIES:
        if query.isdigit() and len(query) == 14:
            matching = [e for e in company["etablissements"] if e["siret"] == query]
            if not matching:
                continue
        elif query.isdigit():
            if company["siren"] != query:
                continue
            matching = []
        elif _matches(query, company["nom_complet"], prefix=True):
            matching = [company["siege"]]
        else:
            continue
        found = {k: v for k, v in company.items() if k != "etablissements"}
        results.append({**found, "matching_etablissements": matching})
    per_page = int(params.get("per_page", 10))
    return {
        "results": results[:per_page],
        "total_results": len(results),
        "page": 1,
        "per_page": per_page,
        "total_pages": 1,
    }


def _address_search(params: dict[str, Any], *, prefix: bool) -> dict[str, Any]:
    query = str(params.get("q", ""))
    postcode = params.get("postcode")
    features = [
        _feature(address, 0.93)
        for address in ADDRESSES
        if _matches(query, address.label, prefix=prefix)
        and (not postcode or postcode == address.postal_code)
    ]
    return {
        "type": "FeatureCollection",
        "features": features[: int(params.get("limit", 5))],
        "query": query,
    }


def _reverse(params: dict[str, Any]) -> dict[str, Any]:
    latitude, longitude = float(params["lat"]), float(params["lon"])
    nearest = min(
        ADDRESSES, key=lambda a: (a.latitude - latitude) ** 2 + (a.longitude - longitude) ** 2
    )
    distance = ((nearest.latitude - latitude) ** 2 + (nearest.longitude - longitude) ** 2) ** 0.5
    features = [] if distance > 0.05 else [_feature(nearest, 0.99, distance=round(distance * 1e5))]
    return {"type": "FeatureCollection", "features": features}


def _csv(params: dict[str, Any], data: bytes) -> bytes:
    columns = params.get("columns") or []
    columns = columns if isinstance(columns, list) else [columns]
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8"))))
    out = io.StringIO()
    writer = csv.writer(out)
    headers = list(rows[0].keys()) if rows else []
    writer.writerow([*headers, *CSV_RESULT_COLUMNS])
    for row in rows:
        query = " ".join(row.get(column, "") for column in columns)
        postcode = row.get(params.get("postcode", ""), "")
        found = next(
            (
                a
                for a in ADDRESSES
                if _matches(query, a.label, prefix=False) and postcode in ("", a.postal_code)
            ),
            None,
        )
        writer.writerow([*row.values(), *_csv_result(found)])
    return out.getvalue().encode()


def _csv_result(found: _Address | None) -> list[str]:
    if found is None:
        return [""] * (len(CSV_RESULT_COLUMNS) - 1) + ["not-found"]
    return [
        f"{found.latitude}",
        f"{found.longitude}",
        found.label,
        "0.95",
        "0.4",
        "housenumber",
        f"{found.citycode}_0001_{int(found.number):05d}",
        "8e6b04d7-f6fd-48a1-80be-4ec984a286e8",
        found.number,
        found.name,
        found.street,
        found.postal_code,
        found.city,
        f"{found.postal_code[:2]}, {found.city}",
        found.citycode,
        "",
        "",
        "",
        "ok",
    ]


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        self._reply(*self.server.fake.answer(url.path, dict(parse_qsl(url.query)), {}))

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length)
        params, files = _form(self.headers["Content-Type"], body)
        self._reply(*self.server.fake.answer(urlsplit(self.path).path, params, files))

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the test reports what matters."""

    def _reply(self, status: int, headers: dict[str, str], body: bytes) -> None:
        try:
            self.send_response(status)
            for name, value in {"Content-Type": "application/json", **headers}.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up waiting (the stall)


def _form(content_type: str, body: bytes) -> tuple[dict[str, Any], dict[str, bytes]]:
    """A multipart form's fields (a repeated one as a list) and files."""
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
        f"Content-Type: {content_type}\r\n\r\n".encode() + body
    )
    fields: dict[str, Any] = {}
    files: dict[str, bytes] = {}
    for part in message.iter_parts():
        name = str(part.get_param("name", header="content-disposition"))
        content = part.get_payload(decode=True) or b""
        if part.get_filename():
            files[name] = content
        elif name in fields:
            previous = fields[name]
            fields[name] = [
                *(previous if isinstance(previous, list) else [previous]),
                content.decode(),
            ]
        else:
            fields[name] = content.decode()
    return fields, files


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, fake: FakeLookups) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.fake = fake


@contextmanager
def fake_lookups() -> Iterator[FakeLookups]:
    """The fake services on 127.0.0.1, in a thread, for the duration of the block."""
    fake = FakeLookups()
    server = _Server(fake)
    fake.base_url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield fake
    finally:
        server.shutdown()
        server.server_close()
