"""The callback context every handler gets: services, and who is acting in which language."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from telegram.ext import Application, CallbackContext, ExtBot

from bot.languages import DEFAULT_LANGUAGE
from lokisi.schemas import MemberView
from lokisi.services import Services

if TYPE_CHECKING:
    from bot.export_builder import Exporter

SERVICES_KEY = "services"
SETTINGS_KEY = "settings"
EXPORTER_KEY = "exporter"


class BotContext(CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], dict[Any, Any]]):
    """Filled per update by bot.access: `lang` always, `member` for members."""

    def __init__(
        self,
        application: Application[Any, Any, Any, Any, Any, Any],
        chat_id: int | None = None,
        user_id: int | None = None,
    ) -> None:
        super().__init__(application=application, chat_id=chat_id, user_id=user_id)
        self.lang = DEFAULT_LANGUAGE
        self._member: MemberView | None = None

    @property
    def services(self) -> Services:
        return self.application.bot_data[SERVICES_KEY]

    @property
    def exporter(self) -> Exporter:
        return self.application.bot_data[EXPORTER_KEY]

    @property
    def member(self) -> MemberView:
        if self._member is None:
            raise RuntimeError("handler not wrapped by bot.access")
        return self._member

    @member.setter
    def member(self, member: MemberView) -> None:
        self._member = member

    @property
    def default_language(self) -> str:
        settings = self.application.bot_data.get(SETTINGS_KEY)
        return getattr(settings, "default_language", DEFAULT_LANGUAGE)
