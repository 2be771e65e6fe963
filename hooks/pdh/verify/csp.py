"""Content-Security-Policy for every page: only our own resources, inline scripts by hash.

Only the inline scripts that the theme's templates contain are allowed (each template script
becomes a pattern, its Jinja expressions limited to URL-path characters); any other inline
script in a page, which can only come from an injection, stops the build instead of being
hashed into the policy.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable
from pathlib import Path

_INLINE_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S | re.I)
_JS_TYPES = ("", "text/javascript", "module", "application/javascript")
_CHARSET = re.compile(r"<meta charset=\"utf-8\">", re.I)
REFERRER_POLICY = "no-referrer"  # visitors' browsing is not disclosed to the sites we link to


_JINJA_EXPRESSION = re.compile(r"\{\{.*?\}\}", re.S)
_JINJA_COMMENT = re.compile(r"\{#.*?#\}", re.S)
_URL_PATH = r"[A-Za-z0-9._~/-]*"  # what a template expression inside a script may print (base_url)


class UnknownScript(ValueError):
    """An inline script that no template contains: refused rather than allowed by hash."""


def _executable_scripts(html: str) -> Iterable[str]:
    """Bodies of the inline scripts a browser would run (not src=, not data blocks)."""
    for match in _INLINE_SCRIPT.finditer(html):
        attrs = match.group("attrs")
        if re.search(r"\ssrc\s*=", attrs, re.I):
            continue
        kind = re.search(r"\stype\s*=\s*[\"']?([^\"'\s>]*)", attrs, re.I)
        if kind and kind.group(1).lower() not in _JS_TYPES:
            continue  # data blocks (application/json, ld+json) are not executed
        yield match.group("body")


def known_inline_scripts(template_dirs: Iterable[str | Path]) -> tuple[re.Pattern[str], ...]:
    """One pattern per inline script found in the templates (theme and overrides)."""
    patterns: dict[str, re.Pattern[str]] = {}
    for folder in template_dirs:
        for path in sorted(Path(folder).rglob("*.html")):
            text = _JINJA_COMMENT.sub("", path.read_text(encoding="utf-8"))
            for body in _executable_scripts(text):
                if "{%" in body:
                    continue  # control flow inside a script: not supported, so never allowed
                parts = _JINJA_EXPRESSION.split(body)
                source = _URL_PATH.join(re.escape(part) for part in parts)
                patterns.setdefault(source, re.compile(source, re.S))
    return tuple(patterns.values())


def inline_script_hashes(html: str, known: tuple[re.Pattern[str], ...]) -> list[str]:
    """CSP source expressions for the executable inline scripts of a page, in order.

    Raises UnknownScript for a script that matches no template's script.
    """
    hashes = []
    for body in _executable_scripts(html):
        if not any(pattern.fullmatch(body) for pattern in known):
            raise UnknownScript(f"script en ligne qui ne vient d'aucun gabarit : « {body.strip()[:80]} »")
        digest = hashlib.sha256(body.encode("utf-8")).digest()
        source = f"'sha256-{base64.b64encode(digest).decode()}'"
        if source not in hashes:
            hashes.append(source)
    return hashes


def policy(script_hashes: list[str]) -> str:
    return "; ".join(
        [
            "default-src 'self'",
            # 'wasm-unsafe-eval' lets Pagefind compile its WebAssembly; it allows no JavaScript eval.
            "script-src 'self' 'wasm-unsafe-eval' " + " ".join(script_hashes)
            if script_hashes
            else "script-src 'self' 'wasm-unsafe-eval'",
            "style-src 'self'",
            "img-src 'self' data:",
            "font-src 'self'",
            "connect-src 'self'",
            "media-src 'self'",
            "object-src 'none'",
            "frame-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
        ]
    )


def add_security_meta(html: str, known: tuple[re.Pattern[str], ...]) -> str:
    """Insert the CSP and referrer <meta> right after the charset declaration."""
    meta = (
        f'<meta http-equiv="Content-Security-Policy" content="{policy(inline_script_hashes(html, known))}">'
        f'<meta name="referrer" content="{REFERRER_POLICY}">'
    )
    result, count = _CHARSET.subn(lambda m: m.group(0) + meta, html, count=1)
    if count != 1:
        raise ValueError('page without <meta charset="utf-8">: cannot place the Content-Security-Policy')
    return result


# Material markup that the HTML standard forbids: autocomplete on its toggle checkboxes and an
# empty tabindex on section labels (partials/nav-item.html). Removed from our own output.
_AUTOCOMPLETE = re.compile(r'(<input class="md-toggle"[^>]*?) autocomplete="off"')
_EMPTY_TABINDEX = re.compile(r'(<label class="md-nav__link[^>]*?) tabindex=""')


def finish_html(html: str, known: tuple[re.Pattern[str], ...]) -> str:
    """Last pass over every page: the theme's invalid attributes out, the security <meta> in."""
    return add_security_meta(_EMPTY_TABINDEX.sub(r"\1", _AUTOCOMPLETE.sub(r"\1", html)), known)
