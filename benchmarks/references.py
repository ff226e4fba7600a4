"""Two more references beside the /start floor: python-telegram-bot's own cost, then with the
cheapest SQLAlchemy read, for the kind of update the bot answers most.

Most of the bot's updates are a button press answered with answerCallbackQuery and an
editMessageText carrying a card and its keyboard, after at least one database read. These
applications do exactly that and nothing else, through the same transport, timed the same way:

- the **button floor** answers the press and edits the pressed message into a fixed card;
- the **database floor** does the same after one read of one client by primary key through
  SQLAlchemy's asyncio API, on the benchmark's own engine (so on PostgreSQL it pays the round
  trip too), rotating over the seeded clients.

The card is written here with plain fixed strings, in the shape of the real one
(bot/views/card.py) for a typical seeded client: 8 lines and 224 characters of HTML (the
median over seeded clients is 7 to 8 lines and 228 characters), and the technicians' most
common keyboard: 8 rows, 11 buttons (8 callbacks, 2 Maps links, one inline share). Nothing
here calls the bot's code: this is what any bot on this stack pays for such an update.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import bindparam, select
from sqlalchemy.ext.asyncio import AsyncEngine
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ParseMode
from telegram.ext import Application, ApplicationBuilder, CallbackQueryHandler, ContextTypes

from benchmarks.floor import OFFLINE_TOKEN
from benchmarks.transport import BenchTransport
from lokisi.db import reading, session_factory
from lokisi.models import Client

AnyApplication = Application[Any, Any, Any, Any, Any, Any]

CARD_TEXT = "\n".join(
    (
        "<b>FICHE CLIENT</b> · CLI-000421",
        "<b>Garage Martin</b>",
        "<i>Professionnel</i>",
        "SIRET : 758 880 736 96096",
        "Contact : Louis Perrin",
        "Tél. : +33 4 78 64 50 33",
        "Mobile : +33 6 88 22 56 46",
        "Adresse : 42 rue Victor Hugo, 69002 Lyon, France",
    )
)
_MAPS_QUERY = "Garage+Martin%2C+42+rue+Victor+Hugo%2C+69002+Lyon%2C+France"
CARD_KEYBOARD = InlineKeyboardMarkup(
    [
        [InlineKeyboardButton("✏️ Modifier", callback_data="e:421")],
        [
            InlineKeyboardButton(
                "📍 Localiser",
                url=f"https://www.google.com/maps/search/?api=1&query={_MAPS_QUERY}",
            ),
            InlineKeyboardButton(
                "🧭 Itinéraire",
                url=f"https://www.google.com/maps/dir/?api=1&destination={_MAPS_QUERY}",
            ),
        ],
        [
            InlineKeyboardButton("📞 Appeler", callback_data="ca:421"),
            InlineKeyboardButton("📤 Partager", switch_inline_query="CLI-000421"),
        ],
        [InlineKeyboardButton("🛠 Créer une intervention", callback_data="dc:intervention:421")],
        [InlineKeyboardButton("📦 Créer une location", callback_data="dc:location:421")],
        [InlineKeyboardButton("🛒 Créer une vente", callback_data="dc:vente:421")],
        [InlineKeyboardButton("🧾 Créer une facture", callback_data="dc:facture:421")],
        [
            InlineKeyboardButton("📂 Documents", callback_data="ds:421"),
            InlineKeyboardButton("⬅️ Retour", callback_data="m"),
        ],
    ]
)
# Built once, as a bot would keep it: building a statement costs more than running this one.
CLIENT_NAME = select(Client.name).where(Client.id == bindparam("client_id"))
# Consecutive reads land on different pages of the table, as a user's presses would.
STRIDE = 7_919


class ClientIds:
    """The seeded clients' ids, in turn, with a prime stride through the whole range."""

    def __init__(self, first: int, last: int) -> None:
        self.first = first
        self.count = last - first + 1
        self.offset = 0
        if self.count < 1:
            raise ValueError("no seeded client to read")

    def __next__(self) -> int:
        self.offset = (self.offset + STRIDE) % self.count
        return self.first + self.offset


async def show_card(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Answer the press and redraw the pressed message as the fixed card."""
    query = update.callback_query
    assert query is not None
    await query.answer()
    await query.edit_message_text(CARD_TEXT, parse_mode=ParseMode.HTML, reply_markup=CARD_KEYBOARD)


def build_button_floor(transport: BenchTransport) -> AnyApplication:
    """One callback query handler: answer, edit into the card. No database, no persistence."""
    application = ApplicationBuilder().token(OFFLINE_TOKEN).request(transport).updater(None).build()
    application.add_handler(CallbackQueryHandler(show_card))
    return application


def build_database_floor(
    transport: BenchTransport, engine: AsyncEngine, client_ids: ClientIds
) -> AnyApplication:
    """The button floor after one read of one client by primary key, on `engine`."""

    sessions = session_factory(engine)

    async def read_then_show_card(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        # As the bot reads (lokisi.db.reading): in autocommit on PostgreSQL, no BEGIN and
        # ROLLBACK round trips.
        async with reading(sessions) as connection:
            (await connection.execute(CLIENT_NAME, {"client_id": next(client_ids)})).one()
        await show_card(update, context)

    application = ApplicationBuilder().token(OFFLINE_TOKEN).request(transport).updater(None).build()
    application.add_handler(CallbackQueryHandler(read_then_show_card))
    return application


async def send_card(application: AnyApplication, chat_id: int) -> None:
    """The message the presses are of: Telegram (the transport) then holds it, as in the mix."""
    await application.bot.send_message(
        chat_id, CARD_TEXT, parse_mode=ParseMode.HTML, reply_markup=CARD_KEYBOARD
    )
