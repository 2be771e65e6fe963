"""Where each page comes from in the repository, and the GitHub links to correct it there.

« Modifier cette fiche » opens GitHub's web editor on the file that produced the page: the data file
of a member, event, action or working group (with the line its entry starts at, shown to the reader:
GitHub's editor opens at the top of the file), a publication's Markdown file, an editorial page.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote


@dataclass(frozen=True)
class Source:
    """A file of the repository (path from its root) and, for a YAML entry, the line of its `- id:`."""

    path: str
    line: int = 0


def edit_url(repository: str, branch: str, source: Source) -> str:
    """GitHub's web editor on the file (« #L… » marks the entry's line for the reader)."""
    return f"{repository}/edit/{quote(branch)}/{quote(source.path)}" + (f"#L{source.line}" if source.line else "")


def view_url(repository: str, branch: str, source: Source) -> str:
    """The file as GitHub shows it, its entry's line highlighted."""
    return f"{repository}/blob/{quote(branch)}/{quote(source.path)}" + (f"#L{source.line}" if source.line else "")


def entry_source(lines: dict[tuple[str, str], int], file: str, entry_id: str) -> Source:
    """A YAML entry's file and the line of its `- id:` (`lines` from the catalog)."""
    return Source(file, lines.get((file, entry_id), 0))


def publication_source(source: str, translations: dict[str, str], lang: str) -> Source:
    """A publication's Markdown file; on another edition, its translation's (`<id>.en.md`) when it has one."""
    return Source(source.removesuffix(".md") + f".{lang}.md" if lang in translations else source)
