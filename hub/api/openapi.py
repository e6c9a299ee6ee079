"""The OpenAPI 3 document of the API, generated from the views' docstrings and the marshmallow schemas."""

from __future__ import annotations

from dataclasses import dataclass, field

from apispec import APISpec
from apispec.ext.marshmallow import MarshmallowPlugin
from flask import current_app

from hub.api import dated_schemas as d
from hub.api import schemas as s

OPENAPI_VERSION = "3.0.3"


@dataclass
class Operation:
    """One documented operation: the view's endpoint, its query schema, its response schema."""

    method: str
    path: str
    endpoint: str
    response: type | str
    args: type | None = None
    path_params: dict[str, str] = field(default_factory=dict)
    tag: str = ""
    status: int = 200
    body: type | None = None


def _collection(name: str, tag: str, item, args, key: str = "slug", key_description: str = "The slug."):
    page = s.page_schema(item, f"{item.__name__}Page")
    detail = {"Country": s.CountryDetail, "Theme": s.ThemeDetail}.get(item.__name__, item)
    return [
        Operation("get", f"/{name}", f"api.v1.{name}", page, args, tag=tag),
        Operation("get", f"/{name}/{{{key}}}", f"api.v1.{_singular(name)}", detail, None, {key: key_description}, tag),
    ]


def _singular(name: str) -> str:
    return {"stories": "story", "communities": "community", "countries": "country",
            "opportunities": "opportunity"}.get(name, name[:-1])


OPERATIONS = [
    *_collection("organizations", "Organizations", s.Organization, s.OrganizationArgs),
    *_collection("actions", "Actions", s.Action, s.ActionArgs),
    *_collection("partnerships", "Partnerships", s.Partnership, s.PartnershipArgs),
    *_collection("stories", "Stories", s.Story, s.StoryArgs),
    *_collection("sources", "Data sources", s.Source, s.SourceArgs),
    *_collection("events", "Events", d.Event, d.EventArgs),
    *_collection("opportunities", "Opportunities", d.Opportunity, d.OpportunityArgs),
    *_collection("countries", "Places", s.Country, s.CountryArgs, "iso3", "ISO 3166 alpha-3 code, e.g. GHA."),
    Operation("get", "/communities", "api.v1.communities", s.page_schema(s.Community, "CommunityPage"),
              s.CommunityArgs, tag="Places"),
    Operation("get", "/communities/{pair}", "api.v1.community", s.CommunityDetail, None,
              {"pair": "ORIGIN-RESIDENCE in ISO3 codes, e.g. GHA-DEU."}, "Places"),
    *_collection("themes", "Themes", s.Theme, s.PageArgs),
    Operation("get", "/search", "api.v1.search_all", s.SearchPage, s.SearchArgs, tag="Search"),
    Operation("post", "/actions", "api.write.create_action", s.ActionCreated, None, tag="Write", status=201,
              body=s.ActionInput),
    Operation("post", "/events", "api.write.create_event", d.EventCreated, None, tag="Write", status=201,
              body=d.EventInput),
    Operation("post", "/opportunities", "api.write.create_opportunity", d.OpportunityCreated, None, tag="Write",
              status=201, body=d.OpportunityInput),
]

DESCRIPTION = (
    "Open data of the Diaspora Hub: published content of verified organizations, countries and "
    "communities with UN DESA figures (each naming its edition), themes and search. Lists are paged "
    "(`page`, `per_page` up to 100) and carry `total` (the true number of items) and `links`; a page past "
    "the last one answers 404 with a JSON error naming the last page. Figures are rounded once, half "
    "away from zero, exactly as on the pages and in their CSV files. Errors are "
    '`{"error": {"code", "title", "message", "fields"?}}`. GET responses allow any origin (CORS) and '
    "carry an ETag for conditional requests. Writing needs an organization's API token."
)


def _error(description: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": "Error"}}}


def _operation(op: Operation) -> dict:
    view = current_app.view_functions[op.endpoint]
    summary, _sep, rest = (view.__doc__ or op.endpoint).strip().partition("\n")
    operation = {
        "operationId": op.endpoint.rpartition(".")[2],
        "summary": summary.strip(),
        "tags": [op.tag] if op.tag else [],
        "parameters": [
            {"in": "path", "name": name, "required": True, "description": description,
             "schema": {"type": "string", "minLength": 1}}
            for name, description in op.path_params.items()
        ],
        "responses": {
            str(op.status): {"description": "OK" if op.status == 200 else "Created",
                             "content": {"application/json": {"schema": op.response}}},
        },
    }
    if rest.strip():
        operation["description"] = rest.strip()
    if op.args is not None:
        operation["parameters"].append({"in": "query", "schema": op.args})
    if op.method == "get":
        operation["responses"]["304"] = {"description": "Not modified (conditional GET)."}
        operation["responses"]["400"] = _error("Invalid query parameters.")
        if op.args is not None and "page" in op.args().fields:
            operation["responses"]["404"] = _error("The page is past the last page.")
        if op.path_params:
            operation["responses"]["301"] = {"description": "Moved to the canonical key (upper-case code).",
                                             "content": {"application/json": {"schema": {"type": "object"}}}}
            operation["responses"]["404"] = _error("No such public record.")
        if op.endpoint == "api.v1.search_all":
            operation["responses"]["503"] = _error("Search is temporarily unavailable.")
    else:
        operation["security"] = [{"token": []}]
        operation["requestBody"] = {"required": True, "content": {"application/json": {"schema": op.body}}}
        operation["responses"]["401"] = _error("Missing, unknown or revoked token.")
        operation["responses"]["422"] = _error("Invalid input; `fields` says which fields and why.")
        operation["responses"]["429"] = _error("Too many requests for this token.")
    return operation


def build_spec() -> dict:
    """The OpenAPI document as a dict (needs an app context: it reads the views and the URL map)."""
    spec = APISpec(
        title="Diaspora Hub API", version="1.0.0", openapi_version=OPENAPI_VERSION,
        plugins=[MarshmallowPlugin()],
        info={"description": DESCRIPTION, "license": {"name": "Content: see each record"}},
        servers=[{"url": "/api/v1"}],
    )
    spec.components.security_scheme("token", {"type": "http", "scheme": "bearer",
                                              "description": "An organization's API token (dh_...)."})
    spec.components.schema("Error", schema=s.Error)
    paths: dict[str, dict] = {}
    for op in OPERATIONS:
        paths.setdefault(op.path, {})[op.method] = _operation(op)
    for path, operations in paths.items():
        spec.path(path=path, operations=operations)
    return spec.to_dict()


def operations_for_page() -> tuple[list[dict], dict]:
    """The endpoints with their parameters, for the human-readable API page."""
    document = build_spec()
    rows = []
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            rows.append({"method": method.upper(), "path": "/api/v1" + path, "summary": operation.get("summary", ""),
                         "tag": (operation.get("tags") or [""])[0],
                         "parameters": operation.get("parameters", []),
                         "body": operation.get("requestBody")})
    return rows, document
