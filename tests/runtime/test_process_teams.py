"""The real `lokisi-bot run` process, over HTTP to the fake Bot API, as a team uses Telegram:
a technicien invited with the person picker before they ever opened the bot, then two forms
filled at once in two topics of the team's forum, and the activity feed in its topic."""

from __future__ import annotations

import re
from pathlib import Path

from tests.runtime.test_process import MARIE, bot_process, real_bot_settings, tap
from tests.support import builders
from tests.support.fake_bot_api import FakeBotApi

THEO = 1002
FORUM = builders.group_chat(-1009876543, "Équipe Dupont", "supergroup", forum=True)
CHANTIERS, BUREAU = 5, 7
INVITATION = re.compile(r"start=inv_([\w-]+)")


def test_a_team_invites_with_the_picker_and_works_in_two_topics_at_once(
    tmp_path: Path, api: FakeBotApi
) -> None:
    env = real_bot_settings(api, tmp_path / "teams.sqlite3", LOG_LEVEL="DEBUG")
    log = tmp_path / "bot.log"
    marie = api.user(MARIE)

    with bot_process("run", env, tmp_path, log):
        # The person picker, for someone who never started the bot: a link for them alone.
        marie.send("/start")
        tap(marie, "Inviter")
        tap(marie, "Un technicien")
        marie.wait_for_text("Choisissez la personne à inviter")
        marie.share_users(1, {"user_id": THEO, "first_name": "Théo", "last_name": "Bernard"})
        invited = marie.wait_for_text("Théo Bernard n'a pas encore ouvert le bot")
        found = INVITATION.search(invited.text)
        assert found is not None
        theo = api.user(THEO, "Théo")
        theo.send(f"/start inv_{found.group(1)}")
        theo.wait_for_text("Bienvenue dans « Dupont Chauffage »")

        # The feed on, the forum linked from the topic that gets it.
        marie.send("/menu")
        tap(marie, "Réglages")
        tap(marie, "Activer le fil d'activité")
        marie.wait_for_button("Désactiver le fil d'activité")
        marie_there = api.member_in(FORUM, MARIE, "Marie", topic=CHANTIERS)
        theo_there = api.member_in(FORUM, THEO, "Théo", topic=BUREAU)
        marie_there.send("/lier")
        marie_there.wait_for_text("Le fil d'activité arrive dans ce sujet")

        # Two forms at once, one in each topic, answered by replying.
        for user in (marie_there, theo_there):
            user.send("/menu")
            tap(user, "+ Nouveau client")
            tap(user, "Oui")
            user.wait_for_text("« Raison sociale » ?")
        theo_there.reply("Garage du Bureau")
        marie_there.reply("Boulangerie des Chantiers")
        marie_there.wait_for_text("Raison sociale : Boulangerie des Chantiers")
        theo_there.wait_for_text("Raison sociale : Garage du Bureau")
        tap(marie_there, "Enregistrer")
        marie_there.wait_for_text("FICHE CLIENT", "Boulangerie des Chantiers")
        tap(theo_there, "Enregistrer")
        theo_there.wait_for_text("FICHE CLIENT", "Garage du Bureau")
        marie_there.wait_for_text("Théo a créé le client Garage du Bureau")

    sent_to_forum = [
        call.params
        for call in api.calls_to("sendMessage")
        if str(call.params.get("chat_id")) == str(FORUM["id"])
    ]
    # Everything the bot sent to the forum went to one of the two topics, never to General.
    topics = {int(params["message_thread_id"]) for params in sent_to_forum}
    assert topics == {CHANTIERS, BUREAU}
