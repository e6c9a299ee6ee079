"""Settings, every one read from the environment with a safe default."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
INSECURE_SECRET = "dev-only-insecure-secret"  # noqa: S105 - refused outside debug and tests
DEFAULT_BASE_URL = "http://127.0.0.1:5000"  # `make run`'s default PORT


def _bool(value: str | None, default: bool = False) -> bool:
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value else default
    except ValueError:
        return default


class Config:
    """Build the settings dict for create_app from an environment mapping."""

    @staticmethod
    def from_env(environ: os._Environ[str] | dict[str, str] | None = None) -> dict:
        env = os.environ if environ is None else environ
        instance_dir = Path(env.get("HUB_INSTANCE_DIR") or PROJECT_ROOT / "instance").resolve()
        secret = env.get("HUB_SECRET_KEY") or _read_secret_file(instance_dir)
        return {
            "INSTANCE_DIR": str(instance_dir),
            "SECRET_KEY": secret or "",
            "DEBUG": _bool(env.get("HUB_DEBUG")),
            "SQLALCHEMY_DATABASE_URI": env.get("HUB_DATABASE_URL")
            or f"sqlite:///{instance_dir / 'hub.sqlite3'}",
            "SEARCH_BACKEND": env.get("HUB_SEARCH_BACKEND") or "whoosh",
            "SEARCH_INDEX_DIR": env.get("HUB_SEARCH_INDEX_DIR") or str(instance_dir / "search"),
            "UPLOAD_DIR": env.get("HUB_UPLOAD_DIR") or str(instance_dir / "uploads"),
            "MAIL_OUTBOX_DIR": str(instance_dir / "outbox"),
            "MAIL_SERVER": env.get("HUB_MAIL_SERVER", ""),
            "MAIL_PORT": _int(env.get("HUB_MAIL_PORT"), 587),
            "MAIL_USERNAME": env.get("HUB_MAIL_USERNAME", ""),
            "MAIL_PASSWORD": env.get("HUB_MAIL_PASSWORD", ""),
            "MAIL_USE_TLS": _bool(env.get("HUB_MAIL_USE_TLS"), True),
            "MAIL_SENDER": env.get("HUB_MAIL_SENDER", "Diaspora Hub <no-reply@localhost>"),
            "QUEUE_URL": env.get("HUB_QUEUE_URL", ""),
            "QUEUE_NAME": env.get("HUB_QUEUE_NAME", "hub"),
            **_base_url(env, instance_dir),
            "RATELIMIT_STORAGE_URI": env.get("HUB_RATELIMIT_STORAGE_URL", "memory://"),
            "RATELIMIT_ENABLED": _bool(env.get("HUB_RATELIMIT_ENABLED"), True),
            "RATELIMIT_KEY_PREFIX": env.get("HUB_RATELIMIT_KEY_PREFIX", ""),
            "CACHE_URL": env.get("HUB_CACHE_URL", ""),
            "CACHE_KEY_PREFIX": env.get("HUB_CACHE_KEY_PREFIX") or "hub:",
            "CACHE_PAGES": _bool(env.get("HUB_CACHE_PAGES"), True),
            "DATA_DIR": env.get("HUB_DATA_DIR") or str(PROJECT_ROOT / "data"),
            "MAX_CONTENT_LENGTH": _int(env.get("HUB_MAX_UPLOAD_BYTES"), 5 * 1024 * 1024),
            "PAGE_SIZE": _int(env.get("HUB_PAGE_SIZE"), 20),
            "SESSION_COOKIE_HTTPONLY": True,
            "SESSION_COOKIE_SAMESITE": "Lax",
            "SESSION_COOKIE_SECURE": _bool(env.get("HUB_SECURE_COOKIES")),
            "REMEMBER_COOKIE_HTTPONLY": True,
            "REMEMBER_COOKIE_SAMESITE": "Lax",
            "REMEMBER_COOKIE_SECURE": _bool(env.get("HUB_SECURE_COOKIES")),
            "PREFERRED_URL_SCHEME": env.get("HUB_URL_SCHEME", "http"),
            # Where links in mail sent outside a request (digests, the CLI) point.
            "BABEL_DEFAULT_LOCALE": "en",
            "LANGUAGES": ["en", "fr", "es"],
            "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
            "WTF_CSRF_TIME_LIMIT": None,
        }


def _base_url(env, instance_dir: Path) -> dict:
    """HUB_BASE_URL, else the address `make run` last served this instance on (instance/base_url),
    else the default; BASE_URL_FROM says which ("" for the default), so commands can warn."""
    if env.get("HUB_BASE_URL"):
        return {"BASE_URL": env["HUB_BASE_URL"], "BASE_URL_FROM": "HUB_BASE_URL"}
    path = instance_dir / "base_url"
    try:
        written = path.read_text(encoding="utf-8").strip()
    except OSError:
        written = ""
    if written:
        return {"BASE_URL": written, "BASE_URL_FROM": str(path)}
    return {"BASE_URL": DEFAULT_BASE_URL, "BASE_URL_FROM": ""}


def _read_secret_file(instance_dir: Path) -> str:
    path = instance_dir / "secret_key"
    try:
        return path.read_text(encoding="utf-8").strip()
    except OSError:
        return ""


def check_secret(config: dict) -> None:
    """Refuse to start outside debug and test mode with an empty or default secret."""
    if config.get("TESTING") or config.get("DEBUG"):
        if not config.get("SECRET_KEY"):
            config["SECRET_KEY"] = INSECURE_SECRET
        return
    secret = config.get("SECRET_KEY") or ""
    if not secret or secret == INSECURE_SECRET or len(secret) < 16:
        raise RuntimeError(
            "HUB_SECRET_KEY is not set (or is too short). Set it in the environment, or run "
            "'make run' once to write a random one to instance/secret_key."
        )
