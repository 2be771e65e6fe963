"""Nothing lost, nothing random: the completeness check and byte-identical builds."""

from __future__ import annotations

import hashlib

import pytest
from mkdocs.exceptions import Abort

from conftest import TINY_EPOCH


def test_completeness_check_catches_an_entry_dropped_from_a_listing(tiny, caplog):
    tiny.replace(
        "overrides/pdh/members.html",
        "{% for card in cards %}",
        "{% for card in cards if card.member.id != 'agir-ensemble' %}",
    )
    with pytest.raises(Abort):
        tiny.build()
    assert "Contrôle d'exhaustivité" in caplog.text
    assert "membre « agir-ensemble » : absent de la liste /membres/" in caplog.text
    assert "exemple-association-a" not in caplog.text


def test_completeness_check_catches_a_page_missing_from_the_sitemap(tiny, caplog):
    tiny.write(
        "overrides/sitemap.xml",
        """
    <?xml version="1.0" encoding="UTF-8"?>
    <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
    {%- for file in pages if file.page.url != 'membres/exemple-association-b/' %}
      <url><loc>{{ file.page.canonical_url }}</loc></url>
    {%- endfor %}
    </urlset>
    """,
    )
    with pytest.raises(Abort):
        tiny.build()
    assert "membre « exemple-association-b » : absent du plan du site (sitemap.xml)" in caplog.text


# Pagefind 1.5 writes its filter chunks (and the meta file naming them) in hash-map order:
# the search index is the one output that is not byte-identical between two builds.
NOT_DETERMINISTIC = ("pagefind/", "en/pagefind/")


def test_completeness_check_catches_an_entry_dropped_from_a_feed(tiny, caplog, monkeypatch):
    import re

    from pdh.render import feeds

    real = feeds.render_rss

    def drop_first_item(info, entries):
        return re.sub(rb"<item>.*?</item>", b"", real(info, entries), count=1, flags=re.S)

    monkeypatch.setattr(feeds, "render_rss", drop_first_item)
    with pytest.raises(Abort):
        tiny.build()
    assert "Contrôle d'exhaustivité" in caplog.text
    assert "absent du flux /flux/tout.xml" in caplog.text


def digest_tree(site):
    return {
        p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(site.rglob("*"))
        if p.is_file() and not p.relative_to(site).as_posix().startswith(NOT_DETERMINISTIC)
    }


def test_menus_shared_by_sibling_pages_are_the_ones_each_page_would_render(tiny_site, tiny, monkeypatch):
    """Material's menu and tabs are rendered once per folder for pages outside the menu (hooks/site.py):
    the same build with every page rendering its own must give the same bytes, in both languages."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", TINY_EPOCH)
    tiny.replace(
        "hooks/site.py",
        'env.globals["pdh_shared"] = _shared_block',
        'env.globals["pdh_shared"] = lambda part, page, caller: caller()',
    )
    shared, own = digest_tree(tiny_site), digest_tree(tiny.build())
    pages = [name for name in shared if name.endswith(".html")]
    assert len(pages) > 50 and any(name.startswith("en/publications/") for name in pages)
    assert [name for name in pages if shared[name] != own.get(name)] == []


def test_two_builds_are_byte_identical(tiny_site, tiny, monkeypatch):
    """The session's build of the tiny site and another one, later, from another folder, on the same day.

    Both run in one process (same string hashing): what this catches is the clock, the folder and the file system."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", TINY_EPOCH)  # the day tiny_site was built: the one clock of the build
    first = digest_tree(tiny_site)
    second = digest_tree(tiny.build())
    assert tiny.root != tiny_site.parent
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []
    assert len(first) > 20
