"""Tracked files that must never be committed: what .gitignore excludes, environments, caches, the built site.

A pull request can commit anything the build or the checks later read from the working tree:
a `.venv/` with stub executables and a fake install stamp, a `.cache/` with invented PDF text,
a prebuilt `site/`. Ignored files are never added by accident (`git add` skips them), so a
tracked one was forced in and is refused.
"""

from __future__ import annotations

import os
import subprocess
import unicodedata
from pathlib import Path, PurePosixPath

from ..content.errors import Problem

LIMIT = 20  # problems listed one by one; the rest are counted in one more line

# Never committed, whatever any .gitignore says (a pull request can edit its own .gitignore).
# Directory names match at any depth; `site` only at the top, where MkDocs writes it, because
# « site » is also an ordinary French word for a content folder.
_DIRECTORIES = {
    ".venv": "environnement virtuel",
    "venv": "environnement virtuel",
    ".lock-venv": "environnement virtuel",
    ".cache": "cache",
    "__pycache__": "cache",
    ".pytest_cache": "cache",
    ".hypothesis": "cache",
    "node_modules": "dépendances installées",
}
_TOP_DIRECTORIES = {"site": "site construit", ".captures-site": "site construit"}
_SUFFIXES = {".egg-info": "métadonnées d'installation"}  # of a directory name
_FILE_SUFFIXES = {".pyc": "cache"}
_UNKNOWN_KIND = "environnement virtuel, cache ou site construit"


class GitError(RuntimeError):
    """`git` is missing or failed: the check could not run, which is not the same as passing."""


def never_committed(path: str) -> str | None:
    """What kind of never-committed place `path` (relative, with slashes) is or lies in, or None.

    The last component counts too: a tracked symlink named `.venv` or `site` stands for the
    whole directory, and a directory-only .gitignore pattern (`/.venv/`) does not match it.
    """
    parts = PurePosixPath(path).parts
    if parts and parts[0] in _TOP_DIRECTORIES:
        return _TOP_DIRECTORIES[parts[0]]
    for name in parts:
        if name in _DIRECTORIES:
            return _DIRECTORIES[name]
        for suffix, kind in _SUFFIXES.items():
            if name.endswith(suffix):
                return kind
    for suffix, kind in _FILE_SUFFIXES.items():
        if parts and parts[-1].endswith(suffix):
            return kind
    return None


def is_repository_root(root: Path) -> bool:
    """Whether `root` is the top of a git work tree (a `.git` directory, or file for a worktree)."""
    return (Path(root) / ".git").exists()


def _git_paths(root: Path, *args: str) -> list[str]:
    """The NUL-separated paths one `git ls-files` prints, run in `root`."""
    command = ["git", "ls-files", "-z", *args]
    try:
        result = subprocess.run(command, cwd=root, capture_output=True, check=False)
    except OSError as error:
        raise GitError(
            f"impossible de lancer git ({error}) : installez git pour vérifier les fichiers suivis"
        ) from error
    if result.returncode != 0:
        detail = os.fsdecode(result.stderr).strip() or f"code de sortie {result.returncode}"
        raise GitError(f"{root} : « {' '.join(command)} » a échoué : {detail}")
    return [os.fsdecode(raw) for raw in result.stdout.split(b"\0") if raw]


def printable(path: str) -> str:
    """A path safe to print on one log line: control, format and bidi characters shown as escapes."""
    return "".join(
        c if unicodedata.category(c)[0] != "C" and c != "\\" else c.encode("unicode_escape").decode("ascii")
        for c in path
    )


def _message(kind: str | None, ignored: bool) -> str:
    why = "alors que .gitignore l'exclut" if ignored else "à un emplacement qui ne doit jamais l'être"
    return f"fichier suivi par git {why} ({kind or _UNKNOWN_KIND}) : retirez-le du pull request (git rm --cached)"


def _overflow(rest: int) -> str:
    count = f"{rest:,}".replace(",", "\u202f")
    if rest == 1:
        return (
            f"et {count} autre fichier suivi par git alors qu'il ne doit pas l'être : retirez-le aussi du pull request"
        )
    return (
        f"et {count} autres fichiers suivis par git alors qu'ils ne doivent pas l'être : retirez-les aussi du pull "
        "request (git rm -r --cached sur leurs dossiers)"
    )


def tracked_problems(root: Path, gitignore: Path | None = None, limit: int = LIMIT) -> list[Problem]:
    """Every tracked file under `root` that .gitignore excludes or that lies in a never-committed place.

    Ignored means by the repository's own .gitignore files and, when given, by `gitignore` (the
    base branch's, which the pull request cannot edit). When `root` is not the top of a git work
    tree (an unpacked archive, a copy), there is nothing tracked: no problem is returned. When
    git is missing or fails, GitError is raised. At most `limit` files are listed, then a count.
    """
    root = Path(root)
    if not is_repository_root(root):
        return []
    # The committed .gitignore files only, not --exclude-standard: a user's global excludes or
    # .git/info/exclude would make the verdict depend on the machine.
    ignored = set(_git_paths(root, "--cached", "--ignored", "--exclude-per-directory=.gitignore"))
    if gitignore is not None:
        trusted = Path(gitignore).resolve()
        if not trusted.is_file():
            raise GitError(f"{gitignore} : fichier .gitignore de référence introuvable")
        ignored.update(_git_paths(root, "--cached", "--ignored", f"--exclude-from={trusted}"))
    kinds = {path: never_committed(path) for path in _git_paths(root, "--cached")}
    refused = sorted(path for path, kind in kinds.items() if kind or path in ignored)
    problems = [Problem(printable(path), 0, _message(kinds[path], path in ignored)) for path in refused[:limit]]
    if len(refused) > limit:
        problems.append(Problem(".gitignore", 0, _overflow(len(refused) - limit)))
    return problems
