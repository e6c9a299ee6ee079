"""Uploaded images: validated by content, re-encoded without metadata, stored in the database.

Images live in the `stored_image` table, not in a folder, so every host behind a load balancer
serves what any host received and `pg_dump` backs them up with everything else.

The small API every feature uses:

    save_image(file_storage) -> str      validate, re-encode, store (add + flush); returns the new name
    delete_image(name) -> None           remove a stored image (ignores unknown names)
    import_upload_folder(folder) -> int  bring image files of an older, folder-based install in
    ImageFile()                          WTForms validator for a FileField (empty is allowed)
    url_for("images.media", name=name)   the image's address (templates: media_url(name))

save_image raises ImageError (a ValueError with a translated, user-facing message).
"""

from __future__ import annotations

import hashlib
import io
import re
import secrets
from datetime import datetime
from pathlib import Path

import sqlalchemy as sa
from flask import Blueprint, abort, current_app, request, url_for
from flask_babel import lazy_gettext as _l
from PIL import Image, ImageOps, UnidentifiedImageError
from sqlalchemy.orm import Mapped, mapped_column
from wtforms.validators import ValidationError

from hub.extensions import db
from hub.modeling import utcnow

bp = Blueprint("images", __name__)

MAX_BYTES = 2 * 1024 * 1024  # IMAGE_MAX_BYTES overrides
MAX_PIXELS = 40_000_000  # refuse decompression bombs before decoding
MAX_SIDE = 2000  # larger images are scaled down when re-encoded
FORMATS = {"PNG": ("png", "image/png"), "JPEG": ("jpg", "image/jpeg"), "WEBP": ("webp", "image/webp")}
MIMETYPES = {ext: mime for ext, mime in FORMATS.values()}
NAME_PATTERN = re.compile(r"^[a-f0-9]{32}\.(png|jpg|webp)$")


class StoredImage(db.Model):
    """One uploaded image, re-encoded; its random name is its address and never changes."""

    __tablename__ = "stored_image"

    name: Mapped[str] = mapped_column(sa.String(40), primary_key=True)
    content_type: Mapped[str] = mapped_column(sa.String(40))
    size: Mapped[int] = mapped_column(sa.Integer)
    sha256: Mapped[str] = mapped_column(sa.String(64))
    data: Mapped[bytes] = mapped_column(sa.LargeBinary, deferred=True)
    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)

    def __repr__(self) -> str:
        return f"<StoredImage {self.name} {self.size} bytes>"


def _store(name: str, data: bytes) -> None:
    db.session.add(StoredImage(name=name, content_type=MIMETYPES[name.rsplit(".", 1)[1]], size=len(data),
                               sha256=hashlib.sha256(data).hexdigest(), data=data))
    db.session.flush()


class ImageError(ValueError):
    """An upload that is not an acceptable image; str(error) is the message for the user."""


def _max_bytes() -> int:
    return int(current_app.config.get("IMAGE_MAX_BYTES", MAX_BYTES))


def _read(file_storage) -> bytes:
    limit = _max_bytes()
    stream = file_storage.stream
    stream.seek(0)
    data = stream.read(limit + 1)
    stream.seek(0)
    if len(data) > limit:
        raise ImageError(_l("The image is larger than %(mb)s MB.", mb=round(limit / 1024 / 1024, 1)))
    if not data:
        raise ImageError(_l("The file is empty."))
    return data


def _open(data: bytes) -> Image.Image:
    try:
        image = Image.open(io.BytesIO(data))
        if image.format not in FORMATS:
            raise ImageError(_l("Upload a PNG, JPEG or WebP image."))
        width, height = image.size
        if width * height > MAX_PIXELS or width < 1 or height < 1:
            raise ImageError(_l("The image's dimensions are too large."))
        image.load()
    except ImageError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        raise ImageError(_l("This file is not an image the hub can read (PNG, JPEG or WebP).")) from exc
    return image


def check_image(file_storage) -> None:
    """Raise ImageError unless `file_storage` holds an acceptable image."""
    _open(_read(file_storage))


def save_image(file_storage) -> str:
    """Validate the upload by its content, re-encode it without metadata, store it; return its name."""
    image = _open(_read(file_storage))
    source_format = image.format
    image = ImageOps.exif_transpose(image)  # keep the orientation, drop the EXIF that carried it
    image.thumbnail((MAX_SIDE, MAX_SIDE))
    extension, _mime = FORMATS[source_format]
    if source_format == "JPEG":
        image = image.convert("RGB")
        options = {"quality": 85, "optimize": True}
    elif source_format == "WEBP":
        options = {"quality": 85}
    else:
        if image.mode not in ("RGB", "RGBA", "L", "LA"):
            image = image.convert("RGBA")
        options = {"optimize": True}
    # A fresh image from the raw pixels: no EXIF, ICC, XMP or text chunks survive.
    clean = Image.frombytes(image.mode, image.size, image.tobytes())
    name = f"{secrets.token_hex(16)}.{extension}"
    buffer = io.BytesIO()
    clean.save(buffer, format=source_format, **options)
    _store(name, buffer.getvalue())
    return name


def store_upload(field):
    """Save the image uploaded in a form's FileField: its stored name, None when there is none,
    False when it was refused (the reason is then on the field)."""
    if not getattr(field.data, "filename", ""):
        return None
    try:
        return save_image(field.data)
    except ImageError as exc:
        field.errors.append(str(exc))
        return False


def keep_image(data: dict, record, upload: str | None, remove: bool) -> None:
    """Set `data["image"]` and `data["image_alt"]` for an edit of `record`: a new upload replaces the
    image, `remove` drops it, otherwise the current one (and its description, if none was typed) stays."""
    data["image"] = upload or ("" if remove else record.image)
    if not data["image"]:
        data["image_alt"] = ""
    elif not upload and not data.get("image_alt"):
        data["image_alt"] = record.image_alt


def delete_image(name: str | None) -> None:
    """Remove a stored image (in the caller's transaction); unknown or unsafe names are ignored."""
    if name and NAME_PATTERN.match(name):
        db.session.execute(sa.delete(StoredImage).where(StoredImage.name == name))


def import_upload_folder(folder: Path) -> int:
    """Store the image files an older install kept in `folder`; returns how many were new."""
    if not folder.is_dir():
        return 0
    names = sorted(p.name for p in folder.iterdir() if NAME_PATTERN.match(p.name) and p.is_file())
    known = set(db.session.scalars(sa.select(StoredImage.name).where(StoredImage.name.in_(names)))) if names else set()
    for name in names:
        if name not in known:
            _store(name, (folder / name).read_bytes())
    return len(names) - len(known)


class ImageFile:
    """WTForms validator: the FileField, if filled in, holds an acceptable image."""

    def __call__(self, form, field) -> None:
        data = field.data
        if data is None or isinstance(data, str) or not getattr(data, "filename", ""):
            return
        try:
            check_image(data)
        except ImageError as exc:
            raise ValidationError(str(exc)) from exc


def media_url(name: str | None) -> str | None:
    return url_for("images.media", name=name) if name else None


@bp.get("/media/<name>")
def media(name: str):
    """Serve an uploaded image; names are random, so it may be cached for a year."""
    if not NAME_PATTERN.match(name):
        abort(404)
    etag = name  # the name is random and the content never changes
    if etag in request.if_none_match:
        response = current_app.response_class(status=304)
    else:
        image = db.session.get(StoredImage, name, options=[sa.orm.undefer(StoredImage.data)])
        if image is None:
            abort(404)
        response = current_app.response_class(image.data, mimetype=image.content_type)
    response.set_etag(etag)
    response.headers["Cache-Control"] = "public, max-age=31536000, immutable"
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@bp.app_context_processor
def _media_helpers():
    return {"media_url": media_url}
