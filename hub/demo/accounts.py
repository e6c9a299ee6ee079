"""The demo accounts, one per role, with passwords that are meant to be public."""

from typing import NamedTuple


class DemoAccount(NamedTuple):
    email: str
    password: str
    name: str
    role: str  # site role
    organization: str = ""  # key of the demo organization
    org_role: str = ""  # owner or editor
    purpose: str = ""


DEMO_ACCOUNTS: tuple[DemoAccount, ...] = (
    DemoAccount("admin@demo.diasporahub.org", "demo-admin-2026", "Demo Administrator", "admin",
                purpose="everything, including the audit log and user management"),
    DemoAccount("moderator@demo.diasporahub.org", "demo-moderator-2026", "Demo Moderator",
                "moderator", purpose="the review queue, featuring, the data-source catalogue"),
    DemoAccount("owner@demo.diasporahub.org", "demo-owner-2026", "Demo Owner", "member",
                "kbha", "owner",
                purpose="owner of a verified organization (Kente Bridge Health Association)"),
    DemoAccount("editor@demo.diasporahub.org", "demo-editor-2026", "Demo Editor", "member",
                "teranga", "editor",
                purpose="editor of a verified organization (Association Teranga Solidarité "
                        "Lyon)"),
    DemoAccount("pending@demo.diasporahub.org", "demo-pending-2026", "Demo Newcomer", "member",
                "somali-mothers", "owner",
                purpose="owner of an organization still awaiting verification (Hooyo Link "
                        "Somali Mothers' Network)"),
)
