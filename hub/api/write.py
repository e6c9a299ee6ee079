"""The write API: an organization's token submits actions into the review workflow."""

from __future__ import annotations

import hashlib

from flask import Blueprint, current_app, g, jsonify, request, url_for
from flask_limiter.util import get_remote_address
from marshmallow import ValidationError

from hub.actions import services as actions
from hub.api import schemas as s
from hub.api import tokens
from hub.api.common import error_response
from hub.extensions import csrf, db, limiter
from hub.orgs.models import Organization
from hub.places.models import Country
from hub.review import workflow

bp = Blueprint("write", __name__, url_prefix="/api/v1")


def bearer_secret() -> str:
    kind, _sep, secret = request.headers.get("Authorization", "").partition(" ")
    return secret.strip() if kind.lower() == "bearer" else ""


def token_key() -> str:
    """Rate-limit key: the token (hashed, so the secret never sits in the limiter's storage), else the address."""
    secret = bearer_secret()
    return "token:" + hashlib.sha256(secret.encode()).hexdigest() if secret else "ip:" + get_remote_address()


def _unauthorized(message: str):
    response = error_response(401, message)
    response.headers["WWW-Authenticate"] = 'Bearer realm="api"'
    return response


def _unknown_countries(data: dict) -> dict:
    wanted = set(data["origin_countries"]) | set(data["implementation_countries"])
    if not wanted:
        return {}
    known = {c.iso3 for c in db.session.query(Country.iso3).filter(Country.iso3.in_(wanted))}
    errors = {}
    for name in ("origin_countries", "implementation_countries"):
        unknown = sorted(set(data[name]) - known)
        if unknown:
            errors[name] = [f"Unknown country code: {', '.join(unknown)}."]
    return errors


@bp.post("/actions")
@csrf.exempt
@limiter.limit(lambda: current_app.config.get("API_WRITE_RATE_LIMIT", "60 per hour"), key_func=token_key)
def create_action():
    """Create an action for the token's organization and submit it for review (201)."""
    found = tokens.authenticate(bearer_secret())
    if found is None:
        return _unauthorized("A valid API token is required: Authorization: Bearer <token>.")
    token, user = found
    g.api_token = token
    payload = request.get_json(silent=True)
    if not isinstance(payload, dict):
        return error_response(422, "The body must be a JSON object.", {"_schema": ["Expected a JSON object."]})
    try:
        data = s.ActionInput().load(payload)
    except ValidationError as exc:
        return error_response(422, "The action is not valid.", exc.messages)
    if errors := _unknown_countries(data):
        return error_response(422, "The action is not valid.", errors)
    organization = db.session.get(Organization, token.organization_id)
    submit = data.pop("submit")
    action = actions.create_action(organization, user, data)
    if submit:
        workflow.transition(action, "submit", user)
    tokens.mark_used(token)
    db.session.commit()
    response = jsonify(s.ActionCreated().dump(action))
    response.status_code = 201
    response.headers["Location"] = url_for("actions.detail", slug=action.slug, _external=True)
    return response
