"""The pure parts of how the bot speaks."""

from bot.errors import describe
from bot.replies import clip
from lokisi.errors import LokisiError


def test_a_long_message_is_cut_at_a_line_break_so_no_tag_stays_open() -> None:
    text = "\n".join(f"<b>ligne {n}</b>" for n in range(1000))
    clipped = clip(text)
    assert len(clipped) <= 4096
    assert clipped.endswith("</b>…")
    assert clipped.count("<b>") == clipped.count("</b>")


def test_a_short_message_is_left_alone() -> None:
    assert clip("<b>court</b>") == "<b>court</b>"


def test_an_unknown_domain_error_still_gets_a_useful_sentence() -> None:
    assert "réessayez" in describe(LokisiError("new"), "fr")
