"""The plan/render redesign left the French site as it was, except where issue 13 asked (tests/snapshot.py)."""

from __future__ import annotations

import json

from conftest import ROOT, copy_project
from snapshot import ALLOWED, EPOCH, fingerprint_site


def test_the_french_site_is_the_one_before_the_redesign(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    monkeypatch.delenv("SITE_URL", raising=False)
    site = copy_project(tmp_path).build()
    before = json.loads((ROOT / "tests" / "snapshots" / "french-site.json").read_text(encoding="utf-8"))
    after = fingerprint_site(site)
    assert len(before) > 150 and any(p.endswith(".ics") for p in before) and any(p.endswith(".atom") for p in before)
    changed = sorted(path for path in before.keys() | after.keys() if before.get(path) != after.get(path))
    assert changed == [], (
        f"the French site changed beyond {sorted(ALLOWED)}: {changed[:20]} — if intended, "
        "regenerate tests/snapshots/french-site.json (see tests/snapshot.py) and say why"
    )


def test_the_snapshot_sees_a_change_of_words(tmp_path, monkeypatch):
    """The fingerprints are of what readers see: one changed word in one template is one changed page kind."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    monkeypatch.delenv("SITE_URL", raising=False)
    repo = copy_project(tmp_path)
    repo.replace("overrides/pdh/member.html", '{{ _("Ville") }}', "Commune")
    after = fingerprint_site(repo.build())
    before = json.loads((ROOT / "tests" / "snapshots" / "french-site.json").read_text(encoding="utf-8"))
    changed = {path for path in before if before[path] != after.get(path)}
    assert changed and all(path.startswith("membres/") and path.count("/") == 2 for path in changed)
    assert "membres/agir-ensemble/index.html" in changed
