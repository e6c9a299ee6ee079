"""Uploaded images live in the database: every host serves what any host received."""

from __future__ import annotations

import io

import sqlalchemy as sa
from PIL import Image

from hub import create_app
from hub.extensions import db
from hub.images import StoredImage, import_upload_folder
from hub.orgs.models import Organization
from tests.conftest import _base_config
from tests.test_orgs import _png, _profile


def _upload_logo(login_client, cast, color=(200, 30, 30)) -> str:
    org = cast["org"]
    data = _profile(db.session.get(Organization, org.id), logo=(io.BytesIO(_png(color=color)), "logo.png"))
    response = login_client(cast["owner"]).post(f"/organizations/{org.slug}/edit", data=data,
                                                content_type="multipart/form-data")
    assert response.status_code == 302
    db.session.expire_all()
    return db.session.get(Organization, org.id).logo


def test_an_image_uploaded_on_one_host_is_served_by_another(app, cast, login_client, tmp_path, reference_dir):
    logo = _upload_logo(login_client, cast)
    other_host = create_app(_base_config(tmp_path / "host-b", app.config["SQLALCHEMY_DATABASE_URI"], reference_dir))
    assert not any((tmp_path / "host-b" / "uploads").iterdir())  # nothing of A's on B's disk
    with other_host.test_client() as client_b:
        served = client_b.get(f"/media/{logo}")
        assert served.status_code == 200 and served.mimetype == "image/png"
        with Image.open(io.BytesIO(served.data)) as image:
            assert image.size == (64, 48)
        again = client_b.get(f"/media/{logo}", headers={"If-None-Match": served.headers["ETag"]})
        assert again.status_code == 304 and not again.data
        assert "immutable" in again.headers["Cache-Control"]
    with other_host.app_context():
        db.engine.dispose()


def test_replacing_a_logo_removes_the_old_image(app, cast, login_client, client):
    first = _upload_logo(login_client, cast)
    second = _upload_logo(login_client, cast, color=(10, 200, 10))
    assert first != second
    assert client.get(f"/media/{first}").status_code == 404
    assert client.get(f"/media/{second}").status_code == 200
    assert db.session.scalars(sa.select(StoredImage.name)).all() == [second]


def test_image_files_of_a_folder_based_install_are_brought_in_once(app_ctx, tmp_path, runner):
    folder = tmp_path / "old-uploads"
    folder.mkdir()
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(buffer, format="PNG")
    name = "0123456789abcdef0123456789abcdef.png"
    (folder / name).write_bytes(buffer.getvalue())
    (folder / "notes.txt").write_text("not an upload")
    assert import_upload_folder(folder) == 1
    assert import_upload_folder(folder) == 0  # idempotent: nothing stored twice
    stored = db.session.get(StoredImage, name)
    assert stored.content_type == "image/png" and stored.data == buffer.getvalue()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(StoredImage)) == 1
