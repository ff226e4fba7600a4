"""Tests of the offline Telegram harness in tests.support."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest
from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InputFile,
    InputMediaPhoto,
    InputMediaVideo,
    Update,
)
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, RetryAfter
from telegram.ext import (
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from tests.support.bot_api import check_call
from tests.support.driver import AnyApplication, TelegramUser, running_application
from tests.support.recording_request import NOT_MODIFIED, RecordingRequest

MENU = InlineKeyboardMarkup(
    [
        [InlineKeyboardButton("Clients", callback_data="clients")],
        [InlineKeyboardButton("Silencieux", callback_data="mute")],
        [InlineKeyboardButton("Aide en ligne", url="https://example.org/aide")],
    ]
)


async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.effective_message is not None
    await update.effective_message.reply_text(update.effective_message.text or "?")


async def menu(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.effective_message is not None
    await update.effective_message.reply_text(
        "<b>Menu</b> &amp; options", parse_mode=ParseMode.HTML, reply_markup=MENU
    )


async def clients(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    assert query is not None
    await query.answer("OK")
    await query.edit_message_text("Liste des clients", reply_markup=MENU)


async def same_again(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    assert query is not None
    await query.answer()
    await query.edit_message_text("Liste des clients", reply_markup=MENU)


async def ignore(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Forget to answer the callback query, as buggy handlers do."""


async def places(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    assert message is not None and message.location is not None
    await message.reply_location(message.location.latitude, message.location.longitude)
    await message.reply_venue(48.85, 2.35, "Agence", "1 rue de Rivoli")
    await message.reply_contact("+33612345678", "Dupont")


async def boom(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    raise RuntimeError("handler bug")


async def document(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.effective_chat is not None
    await context.bot.send_document(
        update.effective_chat.id, InputFile(b"a;b\n", filename="clients.csv"), caption="Export"
    )


@pytest.fixture
def request_() -> RecordingRequest:
    return RecordingRequest()


@pytest.fixture
async def app(request_: RecordingRequest) -> AsyncIterator[AnyApplication]:
    application = (
        ApplicationBuilder()
        .token("123:ABC")
        .request(request_)
        .get_updates_request(RecordingRequest())
        .updater(None)
        .build()
    )
    application.add_handler(CommandHandler("menu", menu))
    application.add_handler(CommandHandler("export", document))
    application.add_handler(CommandHandler("boom", boom))
    application.add_handler(MessageHandler(filters.LOCATION, places))
    application.add_handler(CallbackQueryHandler(clients, pattern="^clients$"))
    application.add_handler(CallbackQueryHandler(same_again, pattern="^same$"))
    # "mute" is deliberately left unanswered to prove press() notices it.
    application.add_handler(CallbackQueryHandler(ignore, pattern="^mute$"))
    application.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, echo))
    async with running_application(application):
        yield application


@pytest.fixture
def jean(app: AnyApplication, request_: RecordingRequest) -> TelegramUser:
    return TelegramUser(app, request_, user_id=42)


async def test_echo_records_a_valid_call(jean: TelegramUser, request_: RecordingRequest) -> None:
    calls = await jean.send("Bonjour")
    assert [call.method for call in calls] == ["sendMessage"]
    assert calls[0].params == {"chat_id": 42, "text": "Bonjour"}
    assert jean.last_text == "Bonjour"
    assert request_.calls[0].method == "getMe"
    request_.assert_no_violations()


async def test_html_menu_and_press_edits_message(
    jean: TelegramUser, request_: RecordingRequest
) -> None:
    await jean.send("/menu")
    assert jean.last_text == "Menu & options"
    assert jean.buttons() == [["Clients"], ["Silencieux"], ["Aide en ligne"]]
    assert jean.url_buttons() == {"Aide en ligne": "https://example.org/aide"}
    menu_id = jean.last_message.message_id
    calls = await jean.press("Client")
    assert [call.method for call in calls] == ["answerCallbackQuery", "editMessageText"]
    assert jean.callback_answers == ["OK"]
    assert jean.message(menu_id).text == "Liste des clients"
    assert jean.texts == ["Liste des clients"]
    request_.assert_no_violations()


async def test_user_messages_share_the_chat_message_ids(jean: TelegramUser) -> None:
    await jean.send("un")
    await jean.send("deux")
    assert [message.message_id for message in jean.messages] == [2, 4]


async def test_unanswered_callback_query_makes_press_raise(jean: TelegramUser) -> None:
    await jean.send("/menu")
    with pytest.raises(AssertionError, match="not answered"):
        await jean.press("Silencieux")


async def test_url_buttons_cannot_be_pressed(jean: TelegramUser) -> None:
    await jean.send("/menu")
    with pytest.raises(AssertionError, match="not a callback button"):
        await jean.press("Aide")


async def test_identical_edit_returns_not_modified(
    jean: TelegramUser, request_: RecordingRequest
) -> None:
    await jean.send("/menu")
    await jean.press("Clients")
    with pytest.raises(BadRequest, match="Message is not modified"):
        await jean.press_data("same", jean.last_message.message_id)
    assert request_.calls[-1].response["description"] == NOT_MODIFIED
    assert request_.violations == ["editMessageText: message is not modified"]


async def test_fault_injection(jean: TelegramUser, request_: RecordingRequest) -> None:
    request_.fail_next("sendMessage", 429, "Too Many Requests: retry after 7", retry_after=7)
    with pytest.raises(RetryAfter):
        await jean.send("Bonjour")
    request_.fail_next("sendMessage", 403, "Forbidden: bot was blocked by the user")
    with pytest.raises(Exception, match="blocked"):
        await jean.send("Bonjour")
    await jean.send("Bonjour")
    assert [call.ok for call in request_.calls_to("sendMessage")] == [False, False, True]


async def test_document_upload_is_recorded(jean: TelegramUser, request_: RecordingRequest) -> None:
    calls = await jean.send("/export")
    upload = calls[0].files["document"]
    assert (upload.filename, upload.content) == ("clients.csv", b"a;b\n")
    assert calls[0].result["document"]["file_name"] == "clients.csv"
    assert jean.last_text == "Export"
    request_.assert_no_violations()


async def test_location_venue_and_contact_replies(
    jean: TelegramUser, request_: RecordingRequest
) -> None:
    calls = await jean.share_location(45.76, 4.83)
    assert [call.method for call in calls] == ["sendLocation", "sendVenue", "sendContact"]
    assert calls[0].result["location"] == {"latitude": 45.76, "longitude": 4.83}
    assert calls[1].result["venue"]["title"] == "Agence"
    assert calls[2].result["contact"]["phone_number"] == "+33612345678"
    request_.assert_no_violations()


async def test_handler_errors_are_raised(jean: TelegramUser) -> None:
    with pytest.raises(RuntimeError, match="handler bug"):
        await jean.send("/boom")


async def test_inline_query_must_be_answered(jean: TelegramUser) -> None:
    with pytest.raises(AssertionError, match="not answered"):
        await jean.inline_query("dupont")


async def test_group_user_replies_to_the_bot(
    app: AnyApplication, request_: RecordingRequest
) -> None:
    marie = TelegramUser(
        app, request_, user_id=7, first_name="Marie", chat_id=-100, chat_type="group"
    )
    await marie.send("/menu@lokisi_test_bot")
    await marie.reply("Dupont")
    assert marie.last_message.payload["chat"]["type"] == "group"
    assert marie.texts == ["Dupont"]


def _button(**fields: Any) -> dict[str, Any]:
    return {"inline_keyboard": [[{"text": "Choisir", **fields}]]}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"chat_id": 1, "text": "ok"}, []),
        ({"chat_id": 1}, ["missing required field 'text'"]),
        ({"chat_id": 1, "text": "ok", "colour": "red"}, ["unknown field 'colour'"]),
        ({"chat_id": 1, "text": ""}, ["text is empty after entity parsing"]),
        ({"chat_id": 1, "text": "x" * 4097}, ["text has 4097 characters (max 4096)"]),
        ({"chat_id": 1, "text": "ok", "parse_mode": "html"}, ["invalid parse_mode 'html'"]),
        (
            {"chat_id": 1, "text": "<b>gras", "parse_mode": "HTML"},
            ["text: unclosed tag <b>"],
        ),
        (
            {"chat_id": 1, "text": "a < b", "parse_mode": "HTML"},
            ["text: unescaped '<' in HTML text"],
        ),
        (
            {"chat_id": 1, "text": "<p>x</p>", "parse_mode": "HTML"},
            ["text: unsupported HTML tag <p>"],
        ),
        ({"chat_id": 1, "text": "ok", "reply_markup": _button(callback_data="é" * 32)}, []),
        (
            {"chat_id": 1, "text": "ok", "reply_markup": _button(callback_data="x" * 65)},
            ["button 'Choisir': callback_data is 65 bytes (must be 1-64)"],
        ),
        (
            {"chat_id": 1, "text": "ok", "reply_markup": _button()},
            ["button 'Choisir' must have exactly one action field, has []"],
        ),
        (
            {"chat_id": 1, "text": "ok", "reply_markup": _button(url="ftp://x", callback_data="a")},
            [
                "button 'Choisir' must have exactly one action field, has ['callback_data', 'url']",
                "button 'Choisir': url 'ftp://x' must be http(s):// or tg://",
            ],
        ),
        (
            {"chat_id": 1, "text": "ok", "reply_markup": '{"inline_keyboard": [[{"text": ""}]]}'},
            [
                "inline button without text: {'text': ''}",
                "button '' must have exactly one action field, has []",
            ],
        ),
    ],
)
def test_check_send_message(params: dict[str, Any], expected: list[str]) -> None:
    assert check_call("sendMessage", params) == expected


def test_check_other_methods() -> None:
    assert check_call("sendmessage", {}) == ["unknown Bot API method 'sendmessage'"]
    assert check_call("answerCallbackQuery", {"callback_query_id": "1", "text": "x" * 201}) == [
        "callback answer has 201 characters (max 200)"
    ]
    assert check_call("sendDocument", {"chat_id": 1, "document": "id", "caption": "x" * 1025}) == [
        "caption has 1025 characters (max 1024)"
    ]


async def test_bad_call_is_rejected_like_telegram(
    jean: TelegramUser, request_: RecordingRequest
) -> None:
    with pytest.raises(BadRequest, match="callback_data"):
        await jean.app.bot.send_message(
            42,
            "ok",
            reply_markup=InlineKeyboardMarkup.from_button(
                InlineKeyboardButton("Choisir", callback_data="x" * 65)
            ),
        )
    assert request_.violations == [
        "sendMessage: button 'Choisir': callback_data is 65 bytes (must be 1-64)"
    ]


PRIVATE = {"id": 1, "type": "private"}
GROUP = {"id": -5, "type": "group", "title": "Équipe"}
FORUM = {"id": -1005, "type": "supergroup", "title": "Équipe", "is_forum": True}
PICK_PERSON = {"text": "Qui ?", "request_users": {"request_id": 1, "max_quantity": 1}}


def _keyboard(*buttons: dict[str, Any], **options: Any) -> dict[str, Any]:
    return {"keyboard": [list(buttons)], **options}


@pytest.mark.parametrize(
    ("params", "chat", "expected"),
    [
        ({"message_thread_id": 3}, FORUM, []),
        ({"message_thread_id": 3}, GROUP, ["message_thread_id 3 in chat -5, which has no topics"]),
        ({"reply_markup": _keyboard(PICK_PERSON, is_persistent=True)}, PRIVATE, []),
        (
            {"reply_markup": _keyboard(PICK_PERSON)},
            GROUP,
            ["keyboard button 'Qui ?': ['request_users'] works in private chats only"],
        ),
        (
            {
                "reply_markup": _keyboard(
                    {"text": "Où ?", "request_location": True, "request_contact": True}
                )
            },
            PRIVATE,
            [
                "keyboard button 'Où ?' asks for several things: "
                "['request_contact', 'request_location']"
            ],
        ),
        (
            {"reply_markup": _keyboard({"text": "Qui ?", "request_users": {"max_quantity": 11}})},
            PRIVATE,
            [
                "ReplyKeyboardMarkup.keyboard[][].request_users: missing required field "
                "'request_id'",
                "keyboard button 'Qui ?': request_id must be a signed 32-bit",
                "keyboard button 'Qui ?': max_quantity must be 1-10",
            ],
        ),
        (
            {"reply_markup": _keyboard({"text": "x"}, colour="red")},
            PRIVATE,
            ["ReplyKeyboardMarkup: unknown field 'colour'"],
        ),
        (
            {
                "reply_markup": {
                    "inline_keyboard": [[{"text": "📋", "copy_text": {"text": "x" * 257}}]]
                }
            },
            PRIVATE,
            ["button '📋': copy_text must hold 1-256 characters"],
        ),
        (
            {"reply_markup": {"force_reply": True, "selective": True, "placeholder": "?"}},
            GROUP,
            ["ForceReply: unknown field 'placeholder'"],
        ),
    ],
)
def test_check_knows_topics_reply_keyboards_pickers_and_copy_buttons(
    params: dict[str, Any], chat: dict[str, Any], expected: list[str]
) -> None:
    call = {"chat_id": chat["id"], "text": "ok"} | params
    assert check_call("sendMessage", call, chat) == expected


async def test_a_message_sent_to_a_topic_is_in_that_topic(request_: RecordingRequest) -> None:
    request_.register_chat(FORUM)
    app = ApplicationBuilder().token("1:T").request(request_).updater(None).build()
    async with running_application(app):
        sent = await app.bot.send_message(FORUM["id"], "ok", message_thread_id=7)
    assert (sent.message_thread_id, sent.is_topic_message) == (7, True)


async def test_a_user_who_never_started_the_bot_cannot_be_written_to_first(
    request_: RecordingRequest,
) -> None:
    app = ApplicationBuilder().token("1:T").request(request_).updater(None).build()
    async with running_application(app):
        with pytest.raises(Forbidden, match="can't initiate conversation"):
            await app.bot.send_message(4242, "Bonjour")


def _photos(count: int, **extra: Any) -> list[dict[str, Any]]:
    return [{"type": "photo", "media": f"photo-{n}", **extra} for n in range(count)]


@pytest.mark.parametrize(
    ("media", "expected"),
    [
        (_photos(2), []),
        (_photos(10), []),
        (_photos(1), ["media has 1 items (must include 2-10)"]),
        (_photos(11), ["media has 11 items (must include 2-10)"]),
        (
            [*_photos(1), {"type": "video", "media": "v"}, {"type": "document", "media": "d"}],
            ["documents and audio are grouped only with their own type"],
        ),
        ([{"type": "sticker", "media": "s"}, *_photos(1)], ["media[0]: unknown type 'sticker'"]),
        (
            [{"type": "photo"}, {"type": "photo", "media": "p", "thumbnail": "t"}],
            ["media[0]: missing required field 'media'", "media[1]: unknown field 'thumbnail'"],
        ),
        (
            _photos(2, caption="<b>x", parse_mode="HTML"),
            ["media[0]: caption: unclosed tag <b>", "media[1]: caption: unclosed tag <b>"],
        ),
        (
            _photos(2, caption="x" * 1025),
            [
                "media[0]: caption has 1025 characters (max 1024)",
                "media[1]: caption has 1025 characters (max 1024)",
            ],
        ),
    ],
    ids=[
        "two",
        "ten",
        "one",
        "eleven",
        "documents mixed",
        "unknown type",
        "fields",
        "caption html",
        "caption length",
    ],
)
def test_check_media_groups_against_the_bot_api(
    media: list[dict[str, Any]], expected: list[str]
) -> None:
    problems = check_call("sendMediaGroup", {"chat_id": 1, "media": media})
    assert [p for p in problems if not any(p.startswith(e) for e in expected)] == []
    assert all(any(p.startswith(e) for p in problems) for e in expected)


async def test_media_sent_by_file_id_come_back_as_telegram_sends_them(
    jean: TelegramUser, request_: RecordingRequest
) -> None:
    bot = jean.app.bot
    photo = await bot.send_photo(42, "photo-id", caption="Compteur")
    voice = await bot.send_voice(42, "voice-id")
    video = await bot.send_video(42, "video-id")
    document = await bot.send_document(42, "doc-id")
    album = await bot.send_media_group(
        42, [InputMediaPhoto("p1", caption="Vanne"), InputMediaVideo("v2")]
    )
    assert (photo.photo[-1].file_id, photo.caption) == ("photo-id", "Compteur")
    assert (voice.voice.file_id, video.video.file_id) == ("voice-id", "video-id")
    assert document.document.file_id == "doc-id"
    assert [m.media_group_id for m in album] == [album[0].media_group_id] * 2
    assert (album[0].photo[-1].file_id, album[0].caption, album[1].video.file_id) == (
        "p1",
        "Vanne",
        "v2",
    )
    assert [m.text for m in jean.messages][-2:] == ["Vanne", ""]
    request_.assert_no_violations()
