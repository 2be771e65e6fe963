"""A file a field names but the repository lacks: the file probably meant, written as that field needs it,
or how to add it from GitHub's web interface (the way volunteers work: no terminal)."""

from __future__ import annotations

import difflib
import posixpath
import unicodedata
from collections.abc import Callable, Iterable
from pathlib import Path

from .fields import REPO_PATH

UPLOAD = (
    "ouvrez le dossier {folder} sur GitHub, Add file → Upload files, déposez le fichier sous le nom « {name} » "
    "sur la même branche que votre modification"
)


def _fold(name: str) -> str:
    """A file name as people confuse them: without accents, case or the spaces and underscores they put for « - »."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return ascii_name.replace(" ", "-").replace("_", "-")


def _stem(name: str) -> str:
    return posixpath.splitext(name)[0]


def close_file(root: Path, rel: str, folders: Iterable[str], types: Iterable[str] = ()) -> str | None:
    """The repository path of the file `rel` probably means, among the files of `folders` (of `types`, when given):
    the same name but for case, accents or spaces, then the same name with another extension, then a near spelling
    with the same extension."""
    accepted = {t.lower() for t in types}
    found: dict[str, str] = {}  # repository path → its name
    for folder in dict.fromkeys(folders):
        directory = root / folder
        if not folder or not directory.is_dir() or directory.is_symlink():
            continue
        for file in sorted(directory.iterdir()):
            if file.is_file() and not file.is_symlink() and (not accepted or file.suffix.lower() in accepted):
                found.setdefault(f"{folder}/{file.name}", file.name)
    found.pop(rel, None)
    name = posixpath.basename(rel)
    tests: tuple[Callable[[str], bool], ...] = (
        lambda other: _fold(other) == _fold(name),
        lambda other: _fold(_stem(other)) == _fold(_stem(name)),
    )
    for same in tests:
        match = next((path for path, other in found.items() if same(other)), None)
        if match:
            return match
    by_fold: dict[str, str] = {}  # a typo keeps the extension: a file of another type is no near spelling
    for path, other in found.items():
        if posixpath.splitext(other)[1].lower() == posixpath.splitext(name)[1].lower():
            by_fold.setdefault(_fold(other), path)
    close = difflib.get_close_matches(_fold(name), list(by_fold), n=1, cutoff=0.6)
    return by_fold[close[0]] if close else None


def missing_file(
    root: Path, rel: str, home: str, *, types: Iterable[str] = (), shown: Callable[[str], str] = lambda path: path
) -> str:
    """« fichier … introuvable » with what to do: type the close file that exists, or upload this one.

    `home` is the folder such files go in (data/logos); `shown` writes a repository path as the field
    expects it (the press kit's paths are under content/, for example).
    """
    folder, name = posixpath.split(rel)
    exists = bool(folder) and (root / folder).is_dir()
    where = folder if exists else home
    upload = UPLOAD.format(folder=where, name=name)
    close = close_file(root, rel, [folder, home], types)
    then = "" if exists else f", puis écrivez « {shown(posixpath.join(where, name))} »"
    text = f"fichier « {shown(rel)} » introuvable dans le dépôt"
    if close and REPO_PATH.fullmatch(close):
        return f"{text} — vouliez-vous dire « {shown(close)} » ? Sinon, pour l'ajouter, {upload}{then}"
    if close:
        return (
            f"{text} ; « {shown(close)} » existe, mais un chemin ne peut contenir ni accent ni espace : déposez ce "
            f"fichier à nouveau, renommé : {upload}{then}"
        )
    if folder and not exists:
        return f"{text} : le dossier {folder} n'existe pas ; pour l'ajouter, {upload}{then}"
    return f"{text} : pour l'ajouter, {upload}{then}"
