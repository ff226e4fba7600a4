"""What may be attached to a client, checked before it is kept: the kinds the bot keeps, at most
ten items (Telegram's largest album), and Telegram's own limits on captions and texts.

Files are never kept, only what names them on Telegram (a file id, valid for this bot only,
and the file's unique id) with what people want to see of them (name, type, size, length).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Annotated, Any, Self

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from lokisi.enums import AttachmentKind
from lokisi.errors import FieldError, InvalidInput
from lokisi.validation import free_text

MAX_ITEMS = 10
MAX_CAPTION = 1024
MAX_TEXT = 4096
MAX_ORIGIN = 255

_Count = Annotated[int, Field(ge=0, lt=2**63)]


class AttachedItem(BaseModel):
    """One item as the chat gave it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: AttachmentKind
    file_id: Annotated[str, Field(min_length=1, max_length=255)] | None = None
    file_unique_id: Annotated[str, Field(min_length=1, max_length=64)] | None = None
    file_name: Annotated[str, Field(max_length=255)] | None = None
    mime_type: Annotated[str, Field(max_length=127)] | None = None
    file_size: _Count | None = None
    duration: Annotated[int, Field(ge=0, lt=2**31)] | None = None
    latitude: Annotated[float, Field(ge=-90, le=90)] | None = None
    longitude: Annotated[float, Field(ge=-180, le=180)] | None = None
    text: str | None = None

    @model_validator(mode="after")
    def _complete(self) -> Self:
        if self.kind.has_file and (self.file_id is None or self.file_unique_id is None):
            raise ValueError(f"a {self.kind.value} needs its file ids")
        if self.kind is AttachmentKind.LOCATION and (
            self.latitude is None or self.longitude is None
        ):
            raise ValueError("a location needs both coordinates")
        if self.kind is AttachmentKind.MESSAGE and not self.text:
            raise ValueError("a forwarded message needs its text")
        return self


class Attaching(BaseModel):
    """Everything attached in one go: the items, and the caption and origin they share."""

    model_config = ConfigDict(frozen=True)

    items: tuple[AttachedItem, ...]
    caption: str | None
    origin: str | None


def validate_attachment(
    items: Sequence[Mapping[str, Any]], *, caption: str | None = None, origin: str | None = None
) -> Attaching:
    """The items checked, the texts cleaned; InvalidInput ("attachment") otherwise."""
    if not 1 <= len(items) <= MAX_ITEMS:
        params = {"count": len(items), "max_items": MAX_ITEMS}
        raise InvalidInput([FieldError("attachment", "item_count", params)])
    try:
        checked = tuple(AttachedItem.model_validate(dict(item)) for item in items)
    except ValidationError as error:
        raise InvalidInput([FieldError("attachment", "item", {"detail": str(error)})]) from None
    checked = tuple(
        item.model_copy(update={"text": free_text("attachment", item.text, MAX_TEXT)})
        if item.text is not None
        else item
        for item in checked
    )
    return Attaching(
        items=checked,
        caption=free_text("caption", caption, MAX_CAPTION, required=False),
        origin=free_text("origin", origin, MAX_ORIGIN, required=False),
    )
