"""Offline validation of Bot API calls against the published Bot API 10.1 schema."""

from __future__ import annotations

import functools
import json
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

SPEC_PATH = Path(__file__).resolve().parent.parent / "telegram" / "bot-api-10.1.json"

PARSE_MODES = frozenset({"HTML", "MarkdownV2", "Markdown"})
MESSAGE_TEXT_METHODS = frozenset({"sendMessage", "editMessageText"})
MAX_MESSAGE_TEXT = 4096
MAX_CAPTION = 1024
MAX_CALLBACK_ANSWER = 200
MAX_CALLBACK_DATA_BYTES = 64
# sendMediaGroup: "must include 2-10 items"; documents and audio "only ... with messages of the
# same type".
MEDIA_GROUP_SIZE = range(2, 11)
_GROUPED_ALONE = frozenset({"document", "audio"})
URL_SCHEMES = ("http://", "https://", "tg://")

# Inline buttons carry exactly one action; these fields only decorate the button.
_BUTTON_DECORATIONS = frozenset({"text", "icon_custom_emoji_id", "style"})

# Telegram HTML: tag -> (allowed attributes, required attributes).
_HTML_TAGS: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    **{
        tag: (frozenset(), frozenset())
        for tag in ("b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "tg-spoiler")
    },
    "span": (frozenset({"class"}), frozenset()),
    "a": (frozenset({"href"}), frozenset({"href"})),
    "code": (frozenset({"class"}), frozenset()),
    "pre": (frozenset(), frozenset()),
    "blockquote": (frozenset({"expandable"}), frozenset()),
    "tg-emoji": (frozenset({"emoji-id"}), frozenset({"emoji-id"})),
}
_HTML_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_USER_LINK = "tg://user?id="


@functools.cache
def spec() -> dict[str, Any]:
    """Return the parsed Bot API schema (loaded once)."""
    with SPEC_PATH.open(encoding="utf-8") as handle:
        data: dict[str, Any] = json.load(handle)
    return data


def method_fields(method: str) -> dict[str, dict[str, Any]]:
    """Return the schema fields of a Bot API method by name (KeyError if unknown)."""
    return {field["name"]: field for field in spec()["methods"][method].get("fields", [])}


def method_returns(method: str) -> list[str]:
    """Return the schema return types of a Bot API method (empty if unknown)."""
    entry = spec()["methods"].get(method)
    return list(entry["returns"]) if entry else []


@functools.cache
def inline_button_actions() -> frozenset[str]:
    """Return the InlineKeyboardButton fields that define what pressing the button does."""
    fields = spec()["types"]["InlineKeyboardButton"]["fields"]
    return frozenset(field["name"] for field in fields) - _BUTTON_DECORATIONS


class _TelegramHTMLChecker(HTMLParser):
    """Collect violations of Telegram's HTML subset and the visible text."""

    def __init__(self) -> None:
        # Entities must reach handle_entityref so unknown or unescaped ones can be reported.
        super().__init__(convert_charrefs=False)
        self.problems: list[str] = []
        self.visible: list[str] = []
        self._open: list[str] = []
        # Mentions of users (<a href="tg://user?id=N">), as Telegram turns them into
        # text_mention entities: the user's id and where the link starts.
        self.mentions: list[dict[str, Any]] = []
        self._mention: tuple[int, int] | None = None

    def _utf16_length(self) -> int:
        return len("".join(self.visible).encode("utf-16-le")) // 2

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._open.append(tag)
        href = dict(attrs).get("href") or ""
        if tag == "a" and href.startswith(_USER_LINK) and href[len(_USER_LINK) :].isdigit():
            self._mention = (int(href[len(_USER_LINK) :]), self._utf16_length())
        if tag not in _HTML_TAGS:
            self.problems.append(f"unsupported HTML tag <{tag}>")
            return
        allowed, required = _HTML_TAGS[tag]
        names = {name for name, _ in attrs}
        for name in sorted(names - allowed):
            self.problems.append(f"unsupported attribute {name!r} on <{tag}>")
        for name in sorted(required - names):
            self.problems.append(f"<{tag}> needs attribute {name!r}")
        values = dict(attrs)
        if tag == "span" and values.get("class") != "tg-spoiler":
            self.problems.append('<span> must be <span class="tg-spoiler">')
        if (
            tag == "code"
            and "class" in values
            and not (values["class"] or "").startswith("language-")
        ):
            self.problems.append("<code class> must be language-<name>")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.problems.append(f"self-closing tag <{tag}/> is not supported")

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._mention is not None:
            user_id, start = self._mention
            name = "".join(self.visible).encode("utf-16-le")[start * 2 :].decode("utf-16-le")
            self.mentions.append(
                {
                    "type": "text_mention",
                    "offset": start,
                    "length": self._utf16_length() - start,
                    "user": {"id": user_id, "is_bot": False, "first_name": name or "?"},
                }
            )
            self._mention = None
        if self._open and self._open[-1] == tag:
            self._open.pop()
        else:
            self.problems.append(f"unexpected closing tag </{tag}>")

    def handle_data(self, data: str) -> None:
        for char in "<>&":
            if char in data:
                self.problems.append(f"unescaped {char!r} in HTML text")
        self.visible.append(data)

    def handle_entityref(self, name: str) -> None:
        if name not in _HTML_ENTITIES:
            self.problems.append(f"unsupported HTML entity &{name};")
        self.visible.append(_HTML_ENTITIES.get(name, ""))

    def handle_charref(self, name: str) -> None:
        try:
            code = int(name[1:], 16) if name[:1] in "xX" else int(name)
            self.visible.append(chr(code))
        except (ValueError, OverflowError):
            self.problems.append(f"invalid character reference &#{name};")

    def handle_comment(self, data: str) -> None:
        self.problems.append("HTML comments are not supported")

    def handle_decl(self, decl: str) -> None:
        self.problems.append(f"HTML declaration <!{decl}> is not supported")

    def handle_pi(self, data: str) -> None:
        self.problems.append(f"processing instruction <?{data}> is not supported")

    def unknown_decl(self, data: str) -> None:
        self.problems.append(f"HTML declaration <![{data}]> is not supported")

    def finish(self) -> None:
        """Flush buffered input and report tags left open."""
        self.close()
        self.problems.extend(f"unclosed tag <{tag}>" for tag in self._open)


def parse_html(text: str) -> tuple[str, list[str]]:
    """Return the visible text of Telegram HTML and the list of formatting violations."""
    checker = _TelegramHTMLChecker()
    checker.feed(text)
    checker.finish()
    return "".join(checker.visible), checker.problems


def visible_text(text: str, parse_mode: object) -> str:
    """Return what the user sees for a text sent with the given parse_mode."""
    return parse_html(text)[0] if parse_mode == "HTML" else text


def mention_entities(text: str, parse_mode: object) -> list[dict[str, Any]]:
    """The text_mention entities Telegram makes of the HTML's links to users."""
    if parse_mode != "HTML":
        return []
    checker = _TelegramHTMLChecker()
    checker.feed(text)
    checker.finish()
    return checker.mentions


def parse_markup(markup: object) -> dict[str, Any] | None:
    """Return reply_markup as a dict, decoding it when it was sent as a JSON string."""
    if isinstance(markup, str):
        markup = json.loads(markup)
    return markup if isinstance(markup, dict) else None


# python-telegram-bot's `Defaults` (bot.app) fill these in on every method that sends or edits
# a message, including those without text (sendContact, editMessageReplyMarkup...); Telegram
# ignores a field a method does not take, so only these two are let through, only there.
_DEFAULTED_EVERYWHERE = frozenset({"parse_mode", "link_preview_options"})


def check_call(
    method: str, params: dict[str, Any], chat: dict[str, Any] | None = None
) -> list[str]:
    """Return the Bot API violations of one call; an empty list means Telegram would accept it.

    `chat` describes the target chat when known: some fields only work in some chats
    (`message_thread_id` in forums, keyboards that request users, chats or locations in
    private chats)."""
    if method not in spec()["methods"]:
        return [f"unknown Bot API method {method!r}"]
    fields = method_fields(method)
    problems = [
        f"missing required field {name!r}"
        for name, field in fields.items()
        if field["required"] and params.get(name) is None
    ]
    problems += [
        f"unknown field {name!r}"
        for name in params
        if name not in fields
        and not (name in _DEFAULTED_EVERYWHERE and method.startswith(("send", "edit")))
    ]
    parse_mode = params.get("parse_mode")
    if parse_mode is not None and parse_mode not in PARSE_MODES:
        problems.append(f"invalid parse_mode {parse_mode!r}")
    problems += _check_texts(method, params, parse_mode)
    problems += _check_markups(params, chat)
    problems += _check_thread(params, chat)
    problems += _check_media_group(params.get("media")) if method == "sendMediaGroup" else []
    return problems


def album_media_types() -> dict[str, str]:
    """The InputMedia types sendMediaGroup's "media" takes, by the "type" each one declares
    ("photo": InputMediaPhoto), from the schema's own field types."""
    names = [
        kind.removeprefix("Array of ") for kind in method_fields("sendMediaGroup")["media"]["types"]
    ]
    return {name.removeprefix("InputMedia").lower(): name for name in names}


def _check_media_group(media: object) -> list[str]:
    """Each item of an album is an InputMedia of the schema, its caption checked like a
    message's; 2-10 items, documents and audio never mixed with other types."""
    if isinstance(media, str):
        media = json.loads(media)
    if not isinstance(media, list) or not all(isinstance(item, dict) for item in media):
        return ["media must be an array of InputMedia objects"]
    problems: list[str] = []
    if len(media) not in MEDIA_GROUP_SIZE:
        problems.append(f"media has {len(media)} items (must include 2-10)")
    kinds = {item.get("type") for item in media}
    if kinds & _GROUPED_ALONE and len(kinds) > 1:
        problems.append(f"documents and audio are grouped only with their own type: {kinds}")
    for position, item in enumerate(media):
        type_name = album_media_types().get(str(item.get("type")).replace("_", ""))
        if type_name is None:
            problems.append(f"media[{position}]: unknown type {item.get('type')!r}")
            continue
        fields = {f["name"]: f for f in spec()["types"][type_name]["fields"]}
        problems += [
            f"media[{position}]: missing required field {name!r}"
            for name, field in fields.items()
            if field["required"] and item.get(name) is None
        ]
        problems += [
            f"media[{position}]: unknown field {name!r}" for name in item if name not in fields
        ]
        problems += [
            f"media[{position}]: {problem}"
            for problem in _check_texts("sendMediaGroup", item, item.get("parse_mode"))
        ]
    return problems


def _check_thread(params: dict[str, Any], chat: dict[str, Any] | None) -> list[str]:
    """A topic exists only in a forum: elsewhere Telegram answers "message thread not found"."""
    thread = params.get("message_thread_id")
    if thread is None or chat is None or chat.get("is_forum"):
        return []
    return [f"message_thread_id {thread} in chat {chat.get('id')}, which has no topics"]


def _check_texts(method: str, params: dict[str, Any], parse_mode: object) -> list[str]:
    """Check text and caption lengths and, for HTML, their markup."""
    problems: list[str] = []
    for key in ("text", "caption"):
        raw = params.get(key)
        if not isinstance(raw, str):
            continue
        shown = raw
        if parse_mode == "HTML":
            shown, html_problems = parse_html(raw)
            problems += [f"{key}: {problem}" for problem in html_problems]
        if key == "text" and method in MESSAGE_TEXT_METHODS:
            if not shown.strip():
                problems.append("text is empty after entity parsing")
            elif len(shown) > MAX_MESSAGE_TEXT:
                problems.append(f"text has {len(shown)} characters (max {MAX_MESSAGE_TEXT})")
        elif key == "text" and method == "answerCallbackQuery" and len(shown) > MAX_CALLBACK_ANSWER:
            problems.append(f"callback answer has {len(shown)} characters (max 200)")
        elif key == "caption" and len(shown) > MAX_CAPTION:
            problems.append(f"caption has {len(shown)} characters (max {MAX_CAPTION})")
    return problems


# What a reply_markup is, told by the field only that type has.
_MARKUP_TYPES = {
    "inline_keyboard": "InlineKeyboardMarkup",
    "keyboard": "ReplyKeyboardMarkup",
    "remove_keyboard": "ReplyKeyboardRemove",
    "force_reply": "ForceReply",
}
# Reply keyboard buttons that ask the user for something; Telegram takes them in private
# chats only, and one button does one thing.
_REQUESTS = (
    "request_users",
    "request_chat",
    "request_managed_bot",
    "request_contact",
    "request_location",
    "request_poll",
    "web_app",
)
_PRIVATE_ONLY_REQUESTS = frozenset(
    {"request_users", "request_chat", "request_contact", "request_location", "request_poll"}
)
_INT32 = 2**31
MAX_COPY_TEXT = 256
MAX_REQUESTED_USERS = 10


def _check_markups(params: dict[str, Any], chat: dict[str, Any] | None = None) -> list[str]:
    """Check reply_markup of the call and of each inline query result."""
    markups: list[object] = [params.get("reply_markup")]
    results = params.get("results")
    if isinstance(results, str):
        results = json.loads(results)
    if isinstance(results, list):
        markups += [result.get("reply_markup") for result in results if isinstance(result, dict)]
    problems: list[str] = []
    for raw in markups:
        if raw is None:
            continue
        try:
            markup = parse_markup(raw)
        except json.JSONDecodeError:
            problems.append("reply_markup is not valid JSON")
            continue
        if markup is None:
            problems.append("reply_markup must be a JSON object")
            continue
        kinds = [name for key, name in _MARKUP_TYPES.items() if key in markup]
        if len(kinds) != 1:
            problems.append(f"reply_markup is none of {sorted(_MARKUP_TYPES.values())}: {markup}")
            continue
        problems += check_object(kinds[0], markup)
        if "inline_keyboard" in markup:
            problems += _check_inline_keyboard(markup["inline_keyboard"])
        elif "keyboard" in markup:
            problems += _check_reply_keyboard(markup["keyboard"], chat)
    return problems


def _field_types(type_name: str) -> dict[str, dict[str, Any]] | None:
    entry = spec()["types"].get(type_name)
    if entry is None or "fields" not in entry:
        return None
    return {field["name"]: field for field in entry["fields"]}


def check_object(type_name: str, value: object, where: str = "") -> list[str]:
    """The violations of a JSON value against a Bot API type: unknown fields, missing required
    ones, and the same for every object inside it whose type the description names."""
    where = where or type_name
    fields = _field_types(type_name)
    if fields is None:
        return []
    if not isinstance(value, dict):
        return [f"{where} must be an object, not {value!r}"]
    problems = [f"{where}: unknown field {name!r}" for name in value if name not in fields]
    problems += [
        f"{where}: missing required field {name!r}"
        for name, field in fields.items()
        if field["required"] and value.get(name) is None
    ]
    for name, field in fields.items():
        if name in value and len(field["types"]) == 1:
            problems += _check_typed(field["types"][0], value[name], f"{where}.{name}")
    return problems


def _check_typed(type_text: str, value: object, where: str) -> list[str]:
    if type_text.startswith("Array of "):
        if not isinstance(value, list):
            return [f"{where} must be an array"]
        inner = type_text.removeprefix("Array of ")
        return [p for item in value for p in _check_typed(inner, item, f"{where}[]")]
    return check_object(type_text, value, where)


def _rows(keyboard: object) -> list[list[Any]] | None:
    """Return the keyboard rows if it is an array of arrays."""
    if isinstance(keyboard, list) and all(isinstance(row, list) for row in keyboard):
        return keyboard
    return None


def _check_inline_keyboard(keyboard: object) -> list[str]:
    """Check every inline keyboard button."""
    rows = _rows(keyboard)
    if rows is None:
        return ["inline_keyboard must be an array of button rows"]
    problems: list[str] = []
    for button in (button for row in rows for button in row):
        if not isinstance(button, dict):
            problems.append(f"inline button must be an object: {button!r}")
            continue
        label = button.get("text")
        if not isinstance(label, str) or not label.strip():
            problems.append(f"inline button without text: {button!r}")
        actions = sorted(inline_button_actions() & button.keys())
        if len(actions) != 1:
            problems.append(f"button {label!r} must have exactly one action field, has {actions}")
        data = button.get("callback_data")
        if data is not None and not 1 <= len(str(data).encode()) <= MAX_CALLBACK_DATA_BYTES:
            size = len(str(data).encode())
            problems.append(f"button {label!r}: callback_data is {size} bytes (must be 1-64)")
        url = button.get("url")
        if url is not None and not str(url).startswith(URL_SCHEMES):
            problems.append(f"button {label!r}: url {url!r} must be http(s):// or tg://")
        copied = (button.get("copy_text") or {}).get("text") if "copy_text" in button else None
        if "copy_text" in button and not (
            isinstance(copied, str) and 1 <= len(copied) <= MAX_COPY_TEXT
        ):
            problems.append(f"button {label!r}: copy_text must hold 1-{MAX_COPY_TEXT} characters")
    return problems


def _check_reply_keyboard(keyboard: object, chat: dict[str, Any] | None = None) -> list[str]:
    """Check every reply keyboard button: a label, at most one request, requests of users,
    chats, contacts and locations only in private chats, and request ids Telegram takes."""
    rows = _rows(keyboard)
    if rows is None:
        return ["keyboard must be an array of button rows"]
    private = chat is None or chat.get("type") == "private"
    problems: list[str] = []
    request_ids: list[int] = []
    for button in (button for row in rows for button in row):
        label = button.get("text") if isinstance(button, dict) else button
        if not isinstance(label, str) or not label.strip():
            problems.append(f"keyboard button without text: {button!r}")
        if not isinstance(button, dict):
            continue
        requests = [name for name in _REQUESTS if button.get(name)]
        if len(requests) > 1:
            problems.append(f"keyboard button {label!r} asks for several things: {requests}")
        if not private and _PRIVATE_ONLY_REQUESTS & set(requests):
            problems.append(f"keyboard button {label!r}: {requests} works in private chats only")
        for name in ("request_users", "request_chat"):
            asked = button.get(name)
            if not isinstance(asked, dict):
                continue
            request_id = asked.get("request_id")
            if not isinstance(request_id, int) or not -_INT32 <= request_id < _INT32:
                problems.append(f"keyboard button {label!r}: request_id must be a signed 32-bit")
            else:
                request_ids.append(request_id)
        quantity = (button.get("request_users") or {}).get("max_quantity", 1)
        if not 1 <= quantity <= MAX_REQUESTED_USERS:
            problems.append(f"keyboard button {label!r}: max_quantity must be 1-10")
    if len(request_ids) != len(set(request_ids)):
        problems.append(f"request_id used twice in one keyboard: {request_ids}")
    return problems
