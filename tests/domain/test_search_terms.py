"""How clients become searchable and queries become prefixes."""

from lokisi.search_terms import client_terms, query_prefixes


def terms(**overrides: object) -> set[str]:
    base: dict[str, object] = {
        "code": "CLI-000042",
        "number": 42,
        "name": "Société Générale d'Électricité",
        "contact_name": "Zoé Lefèvre",
        "city": "Saint-Étienne",
        "postal_code": "42000",
        "phone": "+33477000000",
        "mobile": None,
        "siret": "73282932000074",
    }
    base.update(overrides)
    return client_terms(**base)  # type: ignore[arg-type]


def test_words_are_folded_to_lower_case_ascii() -> None:
    found = terms()
    assert {"societe", "generale", "electricite", "zoe", "lefevre", "saint", "etienne"} <= found


def test_code_number_phone_and_siret_are_searchable() -> None:
    found = terms()
    assert {"cli000042", "42", "42000", "33477000000", "0477000000", "73282932000074"} <= found


def test_a_query_is_split_into_folded_prefixes_longest_first() -> None:
    assert query_prefixes("Élec  SOC") == ["elec", "soc"]


def test_a_phone_typed_with_spaces_is_one_prefix() -> None:
    assert query_prefixes("04 77 00") == ["047700"]
    assert query_prefixes("+33 4 77") == ["33477"]


def test_a_client_code_is_one_prefix() -> None:
    assert query_prefixes("cli-0000") == ["cli0000"]


def test_wildcards_and_quotes_are_not_part_of_any_prefix() -> None:
    assert query_prefixes("100% l'eau_vive\\") == ["vive", "100", "eau", "l"]
    assert query_prefixes("%_'") == []
