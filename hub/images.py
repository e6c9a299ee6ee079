"""Uploaded images: validated by content, re-encoded without metadata, served from UPLOAD_DIR.

The small API every feature uses:

    save_image(file_storage) -> str      validate, re-encode, store; returns the new file name
    delete_image(name) -> None           remove a stored image (ignores unknown names)
    ImageFile()                          WTForms validator for a FileField (empty is allowed)
    url_for("images.media", name=name)   the image's address (templates: media_url(name))

save_image raises ImageError (a ValueError with a translated, user-facing message).
"""

from __future__ import annotations

import io
import re
import secrets
from pathlib import Path

from flask import Blueprint, abort, current_app, request, url_for
from flask_babel import lazy_gettext as _l
from PIL import Image, ImageOps, UnidentifiedImageError
from wtforms.validators import ValidationError

bp = Blueprint("images", __name__)

MAX_BYTES = 2 * 1024 * 1024  # IMAGE_MAX_BYTES overrides
MAX_PIXELS = 40_000_000  # refuse decompression bombs before decoding
MAX_SIDE = 2000  # larger images are scaled down when re-encoded
FORMATS = {"PNG": ("png", "image/png"), "JPEG": ("jpg", "image/jpeg"), "WEBP": ("webp", "image/webp")}
MIMETYPES = {ext: mime for ext, mime in FORMATS.values()}
NAME_PATTERN = re.compile(r"^[a-f0-9]{32}\.(png|jpg|webp)$")


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
    folder = Path(current_app.config["UPLOAD_DIR"])
    folder.mkdir(parents=True, exist_ok=True)
    clean.save(folder / name, format=source_format, **options)
    return name


def delete_image(name: str | None) -> None:
    """Remove a stored image; unknown or unsafe names are ignored."""
    if name and NAME_PATTERN.match(name):
        (Path(current_app.config["UPLOAD_DIR"]) / name).unlink(missing_ok=True)


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
    # Read whole (images are small after re-encoding): no file handle outlives the request.
    try:
        data = (Path(current_app.config["UPLOAD_DIR"]) / name).read_bytes()
    except FileNotFoundError:
        abort(404)
    response = current_app.response_class(data, mimetype=MIMETYPES[name.rsplit(".", 1)[1]])
    response.set_etag(name)  # the name is random and the content never changes
    response.make_conditional(request)
    response.headers["Cache-Control"] = "public, max-age=31536000, immutable"
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@bp.app_context_processor
def _media_helpers():
    return {"media_url": media_url}
