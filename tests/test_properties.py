"""Property-based: random and mutated contributions never raise, they end in located messages.

Hypothesis feeds the check (every data file, publication front matter, editorial pages), the
build's planning step and the SVG cleaner with random text and with mutations of the tiny site's
files (tests/tiny/, written with every field of the sample data). Runs are derandomized so CI is
reproducible; set PDH_HYPOTHESIS_EXAMPLES to try more.
"""

from __future__ import annotations

import contextlib
import os
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import tiny_project
from pdh.content.errors import ContentError
from pdh.content.settings import raw_settings
from pdh.plan.catalog import check_problems

EXAMPLES = int(os.environ.get("PDH_HYPOTHESIS_EXAMPLES", "60"))
PROPERTY = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

# Characters YAML, Markdown and XML give a meaning to, and the invisible ones contributors paste.
SPECIAL = list("[]{}:-\"'#&*!|>%@`,?\\\t\n <>/=;") + ["\ufeff", "\u200d", "\u202e", "\u00a0", "é", "🏳", "\r", "\x00"]
FRAGMENT = st.one_of(
    st.text(st.sampled_from(SPECIAL), min_size=1, max_size=6),
    st.text(max_size=12),
    st.integers(1, 200).map(lambda n: "[" * n),
    st.integers(1, 60).map(lambda n: "".join("  " * i + f"k{i}:\n" for i in range(n))),
    st.sampled_from(
        [
            "&a",
            "*a",
            "!!python/object:os.system",
            "<<: *a",
            "---\n",
            "...\n",
            "? x\n",
            "- - -",
            "|\n",
            ">-\n",
            "2021-02-30",
            "NO",
            "0x1F",
            ".inf",
            "~",
            "<script>",
            "</svg>",
            "javascript:",
            "\\u202e",
            "🏳️‍🌈",
        ]
    ),
)


@st.composite
def mutated(draw, original: str) -> str:
    """The original text with a few random insertions, deletions and line duplications."""
    text = original
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(text)))
        action = draw(st.sampled_from(["insert", "delete", "duplicate"]))
        if action == "insert":
            text = text[:at] + draw(FRAGMENT) + text[at:]
        elif action == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 40)) :]
        else:
            start = text.rfind("\n", 0, at) + 1
            end = text.find("\n", at)
            end = len(text) if end < 0 else end + 1
            text = text[:end] + text[start:end] + text[end:]
    return text


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory) -> Path:
    """The tiny site, valid, written with every field of the sample data (tests/test_tiny.py)."""
    return tiny_project(tmp_path_factory.mktemp("property")).root


@contextlib.contextmanager
def replaced(root: Path, rel: str, data: str | bytes):
    """Write `data` to `rel` for the duration of the block, then restore the original."""
    path = root / rel
    original = path.read_bytes() if path.exists() else None
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data)
    try:
        yield
    finally:
        if original is None:
            path.unlink()
        else:
            path.write_bytes(original)


KNOWN_FILES = ("data/", "content/")
ENGLISH = re.compile(r"\b(expected|found|while parsing|while scanning|Traceback)\b")


def assert_located(problems, rel: str) -> None:
    for problem in problems.sorted():
        text = str(problem)
        assert problem.file.startswith(KNOWN_FILES), text
        assert isinstance(problem.line, int) and problem.line >= 0, text
        assert not ENGLISH.search(problem.message), text


DATA_FILES = [
    "data/members.yaml",
    "data/events.yaml",
    "data/themes.yaml",
    "data/working-groups.yaml",
    "data/advocacy-actions.yaml",
]
MARKDOWN_FILES = ["content/publications/2025-note-position-colombie.md", "content/a-propos.md"]


@pytest.mark.parametrize("rel", DATA_FILES + MARKDOWN_FILES)
def test_mutated_files_end_in_located_messages(sandbox, rel):
    original = (sandbox / rel).read_text(encoding="utf-8")

    @PROPERTY
    @given(text=mutated(original))
    def run(text):
        with replaced(sandbox, rel, text):
            assert_located(check_problems(sandbox), rel)

    run()


@pytest.mark.parametrize("rel", ["data/members.yaml", "content/publications/2026-aleatoire.md"])
def test_random_bytes_end_in_located_messages(sandbox, rel):
    @PROPERTY
    @given(
        data=st.one_of(
            st.binary(max_size=300),
            st.text(max_size=300).map(lambda t: t.encode("utf-8", "surrogatepass")),
            st.text(st.sampled_from(SPECIAL), max_size=300).map(lambda t: ("---\n" + t).encode()),
        )
    )
    def run(data):
        with replaced(sandbox, rel, data):
            problems = check_problems(sandbox)
            assert_located(problems, rel)

    run()


@pytest.mark.parametrize("rel", ["data/events.yaml", "data/members.yaml", MARKDOWN_FILES[0]])
def test_mutated_data_never_breaks_the_build_planning(sandbox, rel):
    """start_build either plans the site or raises ContentError (every problem located)."""
    from pdh.build import start_build

    original = (sandbox / rel).read_text(encoding="utf-8")
    now = datetime(2026, 12, 1, tzinfo=UTC)
    assert start_build(sandbox, "https://exemple.org/", raw_settings(sandbox), now).pages  # unmutated, it plans

    @settings(PROPERTY, max_examples=max(8, EXAMPLES // 6))
    @given(text=mutated(original))
    def run(text):
        with replaced(sandbox, rel, text):
            try:
                start_build(sandbox, "https://exemple.org/", raw_settings(sandbox), now)
            except ContentError as exc:
                assert exc.problems, "a ContentError always carries its problems"
                assert_located(exc.problems, rel)

    run()


def test_mutated_svg_is_refused_or_cleaned_idempotently():
    from pdh.content.svg import SvgRefused, clean_svg

    base = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" '
        'xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 100 40" width="100" height="40">'
        '<style>.st0{fill:#E30613;}</style><defs><linearGradient id="g"><stop offset="0" stop-color="#fff"/>'
        '</linearGradient></defs><rect class="st0" width="100" height="40"/><path d="M0 0L10 10" '
        'style="stroke:#000;fill:url(#g)"/><use xlink:href="#g"/><text x="5" y="20">PDH</text></svg>'
    )
    clean_svg(base.encode())  # the seed itself is acceptable

    @PROPERTY
    @given(text=mutated(base))
    def run(text):
        try:
            cleaned = clean_svg(text.encode("utf-8", "surrogatepass"))
        except SvgRefused as refused:
            assert str(refused).startswith("SVG "), str(refused)
            return
        assert clean_svg(cleaned) == cleaned
        lowered = cleaned.lower()
        for needle in (
            b"<script",
            b"<style",
            b"style=",
            b"javascript:",
            b"<?xml-stylesheet",
            b"<!doctype",
            b"onload",
            b"<foreignobject",
            b"<set",
            b"<animate",
        ):
            assert needle not in lowered, (needle, cleaned)

    run()
