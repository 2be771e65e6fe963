"""Translations: editorial pages under content/en/ name the French page they translate; a publication's
translated text is <id>.en.md beside it."""

from __future__ import annotations

import difflib
from pathlib import Path

from .errors import Problem, Problems
from .fields import suggest
from .i18n import LANGUAGES, SOURCE
from .load import PUBLICATIONS_DIR, TRANSLATED, Loaded, Located, read_text


def check_translations(loaded: Loaded, root: Path, problems: Problems) -> None:
    """A translated editorial page (under content/<language>/) names the French page it translates, once."""
    seen: dict[str, str] = {}
    for rel, meta in loaded.pages.items():
        folder = page_language(rel)
        translated = folder != SOURCE
        where = f"content/{rel}"
        line = _front_matter_line(root / "content" / rel, "translation_of")
        if meta.translation_of is None:
            continue
        target = meta.translation_of
        if not translated:
            problems.add(
                Problem(
                    where,
                    line,
                    "seule une page traduite (sous content/en/) indique la page qu'elle traduit",
                    field="translation_of",
                )
            )
        elif target not in loaded.pages or page_language(target) != SOURCE:
            french = [page for page in loaded.pages if page_language(page) == SOURCE]
            problems.add(
                Problem(
                    where,
                    line,
                    f"« {target} » n'est pas une page française sous content/ "
                    f"(exemple : translation_of: a-propos.md){suggest(target, french)}",
                    field="translation_of",
                )
            )
        elif f"{folder}:{target}" in seen:
            problems.add(
                Problem(
                    where,
                    line,
                    f"« {target} » est déjà traduite par content/{seen[f'{folder}:{target}']}",
                    field="translation_of",
                )
            )
        else:
            seen[f"{folder}:{target}"] = rel


def page_language(rel: str) -> str:
    """The language of an editorial page under content/: its top folder when that is a site language."""
    folder = rel.split("/", 1)[0] if "/" in rel else ""
    return folder if folder in LANGUAGES else SOURCE


def _front_matter_line(path: Path, key: str) -> int:
    try:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if line.startswith(f"{key}:"):
                return number
    except (OSError, UnicodeDecodeError):
        pass
    return 0


def attach_translations(root: Path, loaded: Loaded, problems: Problems) -> None:
    """Attach each publication's translated text to it; a translation of nothing is an error, not ignored."""
    by_id = {item.entry.id: index for index, item in enumerate(loaded.publications)}
    for path in loaded.translations:
        rel = path.relative_to(root).as_posix()
        match = TRANSLATED.fullmatch(path.name)
        assert match is not None  # load_all keeps in `translations` only the names TRANSLATED matches
        lang, pub_id = match["lang"], match["id"]
        if lang not in LANGUAGES or lang == SOURCE:
            problems.add(
                Problem(
                    rel,
                    0,
                    f"langue « {lang} » inconnue : le site est publié en "
                    f"{', '.join(LANGUAGES)} ; nommez le fichier {PUBLICATIONS_DIR}/{pub_id}.en.md",
                )
            )
            continue
        text = read_text(root, rel, problems)
        if text is None:
            continue
        if text.startswith("---"):
            problems.add(
                Problem(
                    rel,
                    1,
                    "une traduction n'a pas d'en-tête : le titre et le résumé traduits vont dans "
                    f"{PUBLICATIONS_DIR}/{pub_id}.md (title: {{fr: …, {lang}: …}}), ce fichier ne "
                    "contient que le texte",
                )
            )
            continue
        if pub_id not in by_id:
            if (PUBLICATIONS_DIR, pub_id) not in loaded.invalid_ids:
                close = difflib.get_close_matches(pub_id, list(by_id), n=1, cutoff=0.6)
                hint = f" — vouliez-vous dire « {PUBLICATIONS_DIR}/{close[0]}.{lang}.md » ?" if close else ""
                problems.add(
                    Problem(
                        rel,
                        0,
                        f"traduction d'une publication introuvable : {PUBLICATIONS_DIR}/{pub_id}.md "
                        "n'existe pas (le fichier porte le nom de la publication, puis "
                        f".{lang}.md){hint}",
                    )
                )
            continue
        item = loaded.publications[by_id[pub_id]]
        entry = item.entry.model_copy(update={"translations": {**item.entry.translations, lang: text}})
        loaded.publications[by_id[pub_id]] = Located(entry, item.doc, item.prefix, item.label, item.raw)
