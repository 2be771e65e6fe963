"""An issue written by a form (« ### Label », blank line, answer) → the answers, or every reason to refuse it.

The body is untrusted text the author can edit after submitting. Answers are found only under
the form's own headings, in the form's order, each once: a « ### » heading typed inside an
answer cannot forge another field. What could break the file the answer goes into (a line
break in a one-line answer, a « --- » line, a line opening a new entry, HTML) is refused here,
with a French message naming the question; the model checks the values afterwards.
"""

from __future__ import annotations

import difflib
import re

from ..content.fields import CONTROL, HTML_TAG
from .issuefiles import FileRefused, attachment_links
from .issueforms import Form, FormField

MAX_BODY = 65_536  # characters: GitHub's own limit for an issue body
NO_RESPONSE = "_No response_"
CHECKBOX = re.compile(r"- \[(?P<mark>[ xX])\] (?P<text>.*)")
ID_SUFFIX = re.compile(r".*\((?P<id>[^()]*)\)")
FRONT_MATTER_BREAK = re.compile(r"(?m)^[ ]*(---|\.\.\.)[ ]*$")
NEW_ENTRY = re.compile(r"(?m)^\s*-\s+id\s*:")
Answer = str | list[str] | None


class Refused(Exception):
    """The issue cannot become a change; `messages` (French) say why, every one of them."""

    def __init__(self, messages: list[str]):
        self.messages = messages
        super().__init__("\n".join(messages))


def parse_body(body: str, form: Form) -> dict[str, Answer]:
    """The answers by YAML key: text, option id(s) or attachment links; None when left empty."""
    if len(body) > MAX_BODY:
        raise Refused(
            [f"ticket : texte trop long ({len(body)} caractères, maximum {MAX_BODY}) : raccourcissez les réponses"]
        )
    text = body.replace("\r\n", "\n")
    sections, messages = _sections(text, form)
    answers: dict[str, Answer] = {}
    for field in form.fields:
        raw = sections.get(field.title)
        value = None if raw is None or raw.strip() in ("", NO_RESPONSE) else raw
        try:
            answers[field.key] = _read(field, value)
        except Refused as refused:
            messages += [f"{field.title} : {message}" for message in refused.messages]
            continue
        if field.required and not answers[field.key]:
            messages.append(f"{field.title} : champ obligatoire vide")
    if messages:
        raise Refused(messages)
    return answers


def _sections(text: str, form: Form) -> tuple[dict[str, str], list[str]]:
    """The text under each of the form's headings; a heading repeated or out of order is refused."""
    titles = [field.title for field in form.fields]
    found: list[tuple[str, int, int]] = []  # title, start of its line, start of its answer
    for match in re.finditer(r"(?m)^### (.*)$", text):
        title = match.group(1).strip()
        if title in titles:
            found.append((title, match.start(), match.end()))
    messages = []
    seen = [title for title, _, _ in found]
    for title in dict.fromkeys(seen):
        if seen.count(title) > 1:
            messages.append(
                f"{title} : l'intertitre « ### {title} » apparaît {seen.count(title)} fois ; une réponse "
                "ne peut pas contenir les intertitres du formulaire"
            )
    if not messages and seen != sorted(seen, key=titles.index):
        messages.append(
            "ticket : les questions ne sont plus dans l'ordre du formulaire ; une réponse ne peut pas "
            "contenir les intertitres du formulaire"
        )
    sections = {}
    for index, (title, _, start) in enumerate(found):
        end = found[index + 1][1] if index + 1 < len(found) else len(text)
        sections[title] = text[start:end].strip("\n")
    return sections, messages


def _read(field: FormField, value: str | None) -> Answer:
    if field.widget == "checkboxes":
        return _checked(field, value or "")
    if value is None:
        return None
    if field.reads == "file":
        try:
            return attachment_links(value)
        except FileRefused as refused:
            raise Refused(str(refused).split("\n")) from None
    _refuse_markup(field, value)
    if field.widget == "dropdown":
        return _option(field, value.strip())
    if field.widget == "input":
        if "\n" in value.strip():
            raise Refused(["une seule ligne attendue : retirez les retours à la ligne"])
        return value.strip()
    return "\n".join(line.rstrip().replace("\t", "    ") for line in value.strip("\n").split("\n"))


def _refuse_markup(field: FormField, value: str) -> None:
    problems = []
    if CONTROL.search(value):
        problems.append("caractère de contrôle interdit : retapez le texte")
    tag = HTML_TAG.search(value)
    if tag:
        problems.append(
            f"le HTML n'est pas accepté (« {tag.group().strip()} ») : écrivez du texte simple ou du Markdown"
        )
    if field.widget == "textarea":
        if front_matter_break := FRONT_MATTER_BREAK.search(value):
            line = front_matter_break.group(1)
            problems.append(f"une ligne « {line} » n'est pas acceptée (elle couperait le fichier en deux) : retirez-la")
        if NEW_ENTRY.search(value):
            problems.append(
                "une ligne « - id: » n'est pas acceptée (elle ouvrirait une nouvelle entrée) : reformulez-la"
            )
    if problems:
        raise Refused(problems)


def _option(field: FormField, value: str) -> str:
    by_text = {field.option_text(option): option[0] for option in field.options}
    if value in by_text:
        return by_text[value]
    hint = difflib.get_close_matches(value, list(by_text), n=1, cutoff=0.6)
    tip = f" — vouliez-vous dire « {hint[0]} » ?" if hint else f" (choix possibles : {', '.join(by_text)})"
    raise Refused([f"choix inconnu « {value} »{tip}"])


def _checked(field: FormField, value: str) -> list[str]:
    """The ids of the ticked boxes; a box whose text is not one of the form's is refused."""
    by_text = {field.option_text(option): option[0] for option in field.options}
    ids, problems = [], []
    for line in value.split("\n"):
        if not line.strip() or line.strip() == NO_RESPONSE:
            continue
        match = CHECKBOX.fullmatch(line.strip())
        if not match:
            problems.append(f"ligne « {line.strip()[:80]} » : attendu « - [X] » suivi d'une case du formulaire")
            continue
        if match["mark"] == " ":
            continue
        text = match["text"].strip()
        if text in by_text:
            ids.append(by_text[text])
            continue
        suffix = ID_SUFFIX.fullmatch(text)
        if suffix and suffix["id"] not in dict(field.options):
            problems.append(f"{field.noun} inconnu « {suffix['id']} »")
            continue
        labels = {label.casefold(): option_id for option_id, label in field.options}
        known = labels.get(text.casefold()) or (text if text in dict(field.options) else None)
        hint = f" — vouliez-vous dire « {field.option_text((known, dict(field.options)[known]))} » ?" if known else ""
        problems.append(f"case inconnue « {text[:80]} » : cochez les cases du formulaire sans changer leur texte{hint}")
    if problems:
        raise Refused(problems)
    return list(dict.fromkeys(ids))
