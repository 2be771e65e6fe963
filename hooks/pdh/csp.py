"""Content-Security-Policy for every page: only our own resources, inline scripts by hash."""
from __future__ import annotations

import base64
import hashlib
import re

_INLINE_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S | re.I)
_JS_TYPES = ("", "text/javascript", "module", "application/javascript")
_CHARSET = re.compile(r"<meta charset=\"utf-8\">", re.I)
REFERRER_POLICY = "no-referrer"  # visitors' browsing is not disclosed to the sites we link to


def inline_script_hashes(html: str) -> list[str]:
    """CSP source expressions for the executable inline scripts of a page, in order."""
    hashes = []
    for match in _INLINE_SCRIPT.finditer(html):
        attrs = match.group("attrs")
        if re.search(r"\ssrc\s*=", attrs, re.I):
            continue
        kind = re.search(r"\stype\s*=\s*\"([^\"]*)\"", attrs, re.I)
        if kind and kind.group(1).lower() not in _JS_TYPES:
            continue  # data blocks (application/json) are not executed
        digest = hashlib.sha256(match.group("body").encode("utf-8")).digest()
        source = f"'sha256-{base64.b64encode(digest).decode()}'"
        if source not in hashes:
            hashes.append(source)
    return hashes


def policy(script_hashes: list[str]) -> str:
    return "; ".join([
        "default-src 'self'",
        # 'wasm-unsafe-eval' lets Pagefind compile its WebAssembly; it allows no JavaScript eval.
        "script-src 'self' 'wasm-unsafe-eval' " + " ".join(script_hashes) if script_hashes else "script-src 'self' 'wasm-unsafe-eval'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "media-src 'self'",
        "object-src 'none'",
        "frame-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
    ])


def add_security_meta(html: str) -> str:
    """Insert the CSP and referrer <meta> right after the charset declaration."""
    meta = (f'<meta http-equiv="Content-Security-Policy" content="{policy(inline_script_hashes(html))}">'
            f'<meta name="referrer" content="{REFERRER_POLICY}">')
    result, count = _CHARSET.subn(lambda m: m.group(0) + meta, html, count=1)
    if count != 1:
        raise ValueError("page without <meta charset=\"utf-8\">: cannot place the Content-Security-Policy")
    return result


# Material markup that the HTML standard forbids: autocomplete on its toggle checkboxes and an
# empty tabindex on section labels (partials/nav-item.html). Removed from our own output.
_AUTOCOMPLETE = re.compile(r'(<input class="md-toggle"[^>]*?) autocomplete="off"')
_EMPTY_TABINDEX = re.compile(r'(<label class="md-nav__link[^>]*?) tabindex=""')


def finish_html(html: str) -> str:
    """Last pass over every page: the theme's invalid attributes out, the security <meta> in."""
    return add_security_meta(_EMPTY_TABINDEX.sub(r"\1", _AUTOCOMPLETE.sub(r"\1", html)))
