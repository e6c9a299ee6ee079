"""The write API: an organization's token submits actions, events and opportunities into the review workflow."""

from __future__ import annotations

import hashlib

from flask import Blueprint, current_app, g, jsonify, request, url_for
from flask_limiter.util import get_remote_address
from marshmallow import ValidationError

from hub.actions import services as actions
from hub.api import dated_schemas as d
from hub.api import schemas as s
from hub.api import tokens
from hub.api.common import error_response
from hub.events import services as events
from hub.extensions import csrf, db, limiter
from hub.opportunities import services as opportunities
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


def _unknown_codes(data: dict, names) -> dict:
    """Field errors for country codes in `data[name]` lists (or single codes) that are not countries."""
    wanted = {c for name in names for c in (data.get(name) if isinstance(data.get(name), list)
                                               else [data.get(name)]) if c}
    if not wanted:
        return {}
    known = {c.iso3 for c in db.session.query(Country.iso3).filter(Country.iso3.in_(wanted))}
    errors = {}
    for name in names:
        given = data.get(name) if isinstance(data.get(name), list) else [data.get(name)]
        unknown = sorted({c for c in given if c} - known)
        if unknown:
            errors[name] = [f"Unknown country code: {', '.join(unknown)}."]
    return errors


def create_with_token(kind: str, input_schema, country_fields, create, created_schema, endpoint: str):
    """The write API's one path: authenticate the token, validate the JSON body, create into review (201).

    `create(organization, user, data)` is the feature's service; `endpoint` is the new record's page.
    """
    found = tokens.authenticate(bearer_secret())
    if found is None:
        return _unauthorized("A valid API token is required: Authorization: Bearer <token>.")
    token, user = found
    g.api_token = token
    payload = request.get_json(silent=True)
    if not isinstance(payload, dict):
        return error_response(422, "The body must be a JSON object.", {"_schema": ["Expected a JSON object."]})
    try:
        data = input_schema.load(payload)
    except ValidationError as exc:
        return error_response(422, f"The {kind} is not valid.", exc.messages)
    if errors := _unknown_codes(data, country_fields):
        return error_response(422, f"The {kind} is not valid.", errors)
    organization = db.session.get(Organization, token.organization_id)
    submit = data.pop("submit")
    record = create(organization, user, data)
    if submit:
        workflow.transition(record, "submit", user)
    tokens.mark_used(token)
    db.session.commit()
    response = jsonify(created_schema.dump(record))
    response.status_code = 201
    response.headers["Location"] = url_for(endpoint, slug=record.slug, _external=True)
    return response


def _limit():
    return current_app.config.get("API_WRITE_RATE_LIMIT", "60 per hour")


@bp.post("/actions")
@csrf.exempt
@limiter.limit(_limit, key_func=token_key)
def create_action():
    """Create an action for the token's organization and submit it for review (201)."""
    return create_with_token("action", s.ActionInput(), ("origin_countries", "implementation_countries"),
                             actions.create_action, s.ActionCreated(), "actions.detail")


@bp.post("/events")
@csrf.exempt
@limiter.limit(_limit, key_func=token_key)
def create_event():
    """Create an event for the token's organization and submit it for review (201).

    `start` and `end` are local date-times in `timezone`; the checks are the web form's.
    """
    return create_with_token("event", d.EventInput(), ("countries", "venue_country_iso3"),
                             events.create_event, d.EventCreated(), "events.detail")


@bp.post("/opportunities")
@csrf.exempt
@limiter.limit(_limit, key_func=token_key)
def create_opportunity():
    """Create an opportunity for the token's organization and submit it for review (201).

    `closes` (and `opens`) are local date-times in `timezone`; a deadline in the past is refused.
    """
    return create_with_token("opportunity", d.OpportunityInput(),
                             ("countries", "residence_countries", "heritage_countries"),
                             opportunities.create_opportunity, d.OpportunityCreated(), "opportunities.detail")
