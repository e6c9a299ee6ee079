"""The open-data blueprint: the read API, the write API, tokens, the OpenAPI document and the API page."""

from __future__ import annotations

from flask import Blueprint, jsonify, render_template

from hub import feeds
from hub.api import dated, exports, linked_data, openapi, read, token_views, write  # noqa: F401 (dated: routes)
from hub.caching import cached_page

bp = Blueprint("api", __name__)
bp.register_blueprint(read.bp)
bp.register_blueprint(write.bp)
bp.register_blueprint(token_views.bp)
bp.register_blueprint(exports.bp)
# Feeds and the DCAT catalogue are open data too; registered here so hub/__init__.py needs no change.
bp.register_blueprint(feeds.bp)
bp.add_app_template_global(linked_data.schema_org, "schema_org")


@read.bp.get("/openapi.json")
@cached_page()
def openapi_document():
    """The OpenAPI 3 document of this API."""
    return jsonify(openapi.build_spec())


@read.bp.get("")
@cached_page()
def root():
    """Where to start: the collections and the document."""
    document = openapi.build_spec()
    return jsonify({"openapi": "/api/v1/openapi.json", "paths": sorted(document["paths"])})


@bp.get("/api")
@cached_page()
def page():
    """The API explained for people: every endpoint and its parameters."""
    operations, document = openapi.operations_for_page()
    return render_template("api/index.html", operations=operations, document=document)
