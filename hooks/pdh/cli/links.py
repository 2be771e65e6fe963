"""Links from a job summary to the files it names.

GitHub shows $GITHUB_STEP_SUMMARY on the workflow run's page, where a relative link resolves against
that page (…/actions/runs/…), not the repository: every link is absolute, built from the variables
the runner sets, to the commit the job checked (GITHUB_SHA: on a pull request, the merge commit the
`pr` checkout reads, so line numbers match). Run locally, without them, paths stay plain text.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import quote

_SERVER = re.compile(r"https://[A-Za-z0-9.-]+(:[0-9]{1,5})?")
_REPOSITORY = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})/[A-Za-z0-9._-]{1,100}")
_SHA = re.compile(r"[0-9a-f]{40}([0-9a-f]{24})?")
GUIDE = "CONTRIBUTING.md"
GUIDE_SECTION = "4-ce-que-disent-les-vérifications-et-comment-corriger"  # « 4. Ce que disent les vérifications… »


@dataclass(frozen=True)
class RepoLinks:
    """Absolute addresses of the repository's files at one commit."""

    blob: str  # https://github.com/owner/name/blob/<sha>

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> RepoLinks | None:
        """From GITHUB_SERVER_URL, GITHUB_REPOSITORY and GITHUB_SHA; None when one is missing or malformed."""
        env = os.environ if env is None else env
        server, repository, sha = (
            env.get(name, "") for name in ("GITHUB_SERVER_URL", "GITHUB_REPOSITORY", "GITHUB_SHA")
        )
        if not (_SERVER.fullmatch(server) and _REPOSITORY.fullmatch(repository) and _SHA.fullmatch(sha)):
            return None
        return cls(f"{server}/{repository}/blob/{sha}")

    def url(self, path: str, line: int = 0, fragment: str = "") -> str:
        """The file (at a line) on GitHub; the path is percent-encoded, so no character ends the Markdown link."""
        anchor = f"#L{line}" if line else f"#{quote(fragment)}" if fragment else ""
        return f"{self.blob}/{quote(path.lstrip('/'), safe='/')}{anchor}"


def linked(links: RepoLinks | None, text: str, path: str, line: int = 0) -> str:
    """`text` (already Markdown-escaped) as a link to `path` at `line`, or as is without links."""
    return f"[{text}]({links.url(path, line)})" if links and text else text


def guide(links: RepoLinks | None) -> str:
    """The contributors' guide, at its section on the checks' messages."""
    if links is None:
        return f"`{GUIDE}` (section 4)"
    return f"[{GUIDE}, section 4]({links.url(GUIDE, fragment=GUIDE_SECTION)})"
