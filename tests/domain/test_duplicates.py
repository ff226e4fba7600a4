"""When two clients are the same one: names and places compared as people write them."""

from lokisi.duplicates import close_spellings, name_key, same_place


def test_a_name_key_ignores_accents_case_spaces_and_punctuation() -> None:
    assert name_key("  Boulangerie  DUPONT-Frères ") == name_key("boulangerie dupont freres")
    assert name_key("Éric L'Hôte") == "ericlhote"


def test_close_spellings_allow_a_mistake_per_dozen_letters_but_not_another_number() -> None:
    keys = ["boulangeriedupond", "boulangeriedurand", "boulangeriedupont2", None, "dupont"]
    assert close_spellings("boulangeriedupont", keys) == [0]
    assert close_spellings("dupont", ["dupond", "dupuis", "dupon"]) == [0, 2]


def test_the_same_place_is_the_postal_code_else_the_town() -> None:
    assert same_place("75002", "Paris", "75002", None)
    assert not same_place("75002", "Paris", "75003", "Paris")
    assert same_place(None, "Saint-Étienne", "42000", "saint etienne")
    assert not same_place("42000", None, None, "Saint-Étienne")
    assert same_place(None, None, None, None)
    assert not same_place(None, None, None, "Lyon")
