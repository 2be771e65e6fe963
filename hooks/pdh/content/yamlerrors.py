"""PyYAML's syntax errors, told in French at the line where the faulty construct starts.

PyYAML reports where it noticed the problem: an unclosed quote on line 147 is reported at
line 154 as "expected <block end>, but found '<scalar>'". Contributors need the line to
change and what to type there.
"""

from __future__ import annotations

import re

import yaml

# `key: "value…`, `- 'value…` or `- key: "value…`: where a quoted value opens on a line.
_QUOTED_VALUE = re.compile(r"^\s*(?:-\s+)*(?:[^\s\"'#:][^:#]*:\s+)?(?P<quote>[\"'])(?P<rest>.*)$")
_KEY_LINE = re.compile(r"^(?P<indent>\s*)(?:-\s+)?(?P<key>[^\s\"'#:-][^:#]*):(?:\s|$)")

UNCLOSED = "unclosed"
TRAILING = "trailing"


def explain_syntax_error(exc: yaml.MarkedYAMLError, text: str) -> tuple[int, str]:
    """(line to change, 1-based; French explanation with what to type)."""
    lines = text.split("\n")
    problem_mark = exc.problem_mark or exc.context_mark
    problem_line = problem_mark.line + 1 if problem_mark else 1
    context_line = exc.context_mark.line + 1 if exc.context_mark else problem_line
    problem, context = exc.problem or "", exc.context or ""

    quoted = _faulty_quote(lines, min(context_line, problem_line), problem_line)
    if quoted is not None:
        line, quote, status = quoted
        return line, _quote_message(quote, status)
    if "'\\t'" in problem or "tab" in problem:
        return problem_line, "tabulation interdite : indentez avec des espaces"
    if "flow sequence" in context or "flow mapping" in context:
        bracket, closing, example = (
            ("[", "]", "[droits-des-femmes, migrations]")
            if "sequence" in context
            else ("{", "}", "{city: Lyon, country: FR}")
        )
        return context_line, (
            f"« {bracket} » ouvert sans « {closing} » fermant sur la même ligne : "
            f"fermez-le, par exemple {example} ; "
            f"une valeur qui contient « , », « {bracket} » ou « {closing} » s'écrit entre guillemets"
        )
    if "alias" in context or "anchor" in context:
        sign = "*" if "alias" in context else "&"
        return (
            problem_line,
            f'une valeur qui commence par « {sign} » doit être entre guillemets, par exemple "{sign}texte{sign}"',
        )
    starts = re.search(r"found character '(.)' that cannot start any token", problem)
    if starts:
        return (
            problem_line,
            f'une valeur qui commence par « {starts.group(1)} » doit être entre guillemets, par exemple "{starts.group(1)}texte"',
        )
    if "directive" in context or "tag" in context or "tag handle" in problem:
        return problem_line, "une valeur qui commence par « % » ou « ! » doit être entre guillemets"
    if "unknown escape character" in problem:
        return (
            problem_line,
            "« \\ » dans un texte entre guillemets : écrivez « \\\\ », ou mettez le texte entre apostrophes",
        )
    if "special characters are not allowed" in problem:
        return problem_line, "caractère de contrôle interdit : retapez la ligne"
    if "mapping values are not allowed here" in problem:
        return _colon_or_indent(lines, problem_line)
    if "sequence entries are not allowed here" in problem:
        return (
            problem_line,
            "« - » mal placé : un élément de liste se met sous le champ qu'il complète, en retrait de deux espaces",
        )
    if "expected <block end>" in problem or "could not find expected ':'" in problem:
        return problem_line, _block_message(lines, problem_line, problem)
    return problem_line, (
        "structure incorrecte : vérifiez l'indentation (des espaces, le même nombre pour les champs "
        "d'une même entrée), le « - » au début de chaque entrée et les guillemets"
    )


def _quote_state(quote: str, rest: str) -> str | None:
    """UNCLOSED, TRAILING (text after the closing quote) or None for a well-formed quoted value."""
    i = 0
    while i < len(rest):
        char = rest[i]
        if quote == '"' and char == "\\":
            i += 2
            continue
        if char == quote:
            if quote == "'" and rest[i + 1 : i + 2] == "'":
                i += 2
                continue
            after = rest[i + 1 :].strip()
            return None if not after or after.startswith("#") or after[0] in ",]}" else TRAILING
        i += 1
    return UNCLOSED


def _faulty_quote(lines: list[str], first: int, last: int) -> tuple[int, str, str] | None:
    """The nearest line at or above `last` (down to `first`) whose quoted value is broken.

    An unclosed quote wins over text after a closing quote: the string it opens swallows the
    lines below, so a later line only looks broken because of it.
    """
    found: dict[str, tuple[int, str, str]] = {}
    for number in range(min(last, len(lines)), max(first, 1) - 1, -1):
        match = _QUOTED_VALUE.match(lines[number - 1])
        if match:
            status = _quote_state(match.group("quote"), match.group("rest"))
            if status:
                found.setdefault(status, (number, match.group("quote"), status))
    return found.get(UNCLOSED) or found.get(TRAILING)


def _quote_message(quote: str, status: str) -> str:
    if status == UNCLOSED:
        name = 'guillemet « " »' if quote == '"' else "apostrophe « ' »"
        return (
            f"{name} ouvrant sans fermeture sur la même ligne : fermez-le à la fin du texte ; "
            f"pour un texte sur plusieurs lignes, écrivez « | » après le nom du champ puis le texte en retrait"
        )
    if quote == "'":
        return (
            "apostrophe à l'intérieur d'un texte entre apostrophes : doublez-la (« L''ONG ») "
            'ou entourez le texte de guillemets (« "L\'ONG" »)'
        )
    return (
        "texte après le guillemet fermant : mettez tout le texte entre guillemets "
        "et écrivez \\\" pour un guillemet à l'intérieur"
    )


def _previous_content_line(lines: list[str], number: int) -> str | None:
    for index in range(number - 2, -1, -1):
        line = lines[index]
        if line.strip() and not line.lstrip().startswith("#"):
            return line
    return None


def _key_column(line: str) -> int:
    """Column where a line's field name starts (after the « - » of a list entry)."""
    match = _KEY_LINE.match(line)
    return match.start("key") if match else len(line) - len(line.lstrip(" "))


def _colon_or_indent(lines: list[str], number: int) -> tuple[int, str]:
    line = lines[number - 1] if 0 < number <= len(lines) else ""
    previous = _previous_content_line(lines, number)
    key = _KEY_LINE.match(line)
    if (
        previous is not None
        and key
        and _key_column(line) > _key_column(previous)
        and not previous.rstrip().endswith(":")
    ):
        above = _KEY_LINE.match(previous)
        target = f" sur « {above.group('key').strip()} »" if above else ""
        return number, (
            f"indentation : la ligne est plus en retrait que la précédente ; alignez « {key.group('key').strip()} »"
            f"{target} (même nombre d'espaces)"
        )
    return number, (
        '« : » dans une valeur : mettez la valeur entre guillemets, par exemple title: "Note : droits des femmes"'
    )


def _block_message(lines: list[str], number: int, problem: str) -> str:
    line = lines[number - 1] if 0 < number <= len(lines) else ""
    if "'?'" in problem or ("block mapping start" in problem and _key_column(line) == 0):
        return "nouvelle entrée sans « - » : commencez chaque entrée par « - id: … », les champs suivants en retrait de deux espaces"
    return (
        "indentation incohérente : les champs d'une même entrée commencent tous au même nombre d'espaces "
        "(deux espaces après le « - » de l'entrée)"
    )
