"""The validated content of the site, with the indexes every page reads (built once)."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from .checks import check_all
from .errors import ContentError, Problems
from .load import ACTIONS, EVENTS, MEMBERS, THEMES, WORKING_GROUPS, load_all
from .model import AdvocacyAction, Event, Member, PageMeta, Publication, Theme, WorkingGroup


@dataclass(frozen=True)
class Catalog:
    members: tuple[Member, ...]
    themes: tuple[Theme, ...]
    working_groups: tuple[WorkingGroup, ...]
    events: tuple[Event, ...]
    actions: tuple[AdvocacyAction, ...]
    publications: tuple[Publication, ...]
    member_by_id: dict[str, Member] = field(repr=False)
    theme_by_id: dict[str, Theme] = field(repr=False)
    group_by_id: dict[str, WorkingGroup] = field(repr=False)
    members_by_group: dict[str, tuple[Member, ...]] = field(repr=False)
    pages: dict[str, PageMeta] = field(default_factory=dict, repr=False)

    @property
    def counts(self) -> dict[str, int]:
        members = sum(1 for m in self.members if m.status == "member")
        return {"member": members, "observer": len(self.members) - members}


def build_catalog(members, themes, groups, events, actions, publications, pages=None) -> Catalog:
    """Assemble the catalog and its indexes in one pass over each collection."""
    by_group: dict[str, list[Member]] = defaultdict(list)
    for member in members:
        for group in member.working_groups:
            by_group[group].append(member)
    return Catalog(
        members=tuple(members), themes=tuple(themes), working_groups=tuple(groups),
        events=tuple(events), actions=tuple(actions), publications=tuple(publications),
        member_by_id={m.id: m for m in members}, theme_by_id={t.id: t for t in themes},
        group_by_id={g.id: g for g in groups},
        members_by_group={k: tuple(v) for k, v in by_group.items()},
        pages=dict(pages or {}),
    )


def load_catalog(root: Path) -> Catalog:
    """Load, validate and index everything under `root`; raise ContentError listing every problem."""
    loaded, problems = load_all(Path(root))
    check_all(loaded, Path(root), problems)
    if problems:
        raise ContentError(problems)

    def entries(collection):
        return [item.entry for item in loaded.entries[collection.file]]

    return build_catalog(entries(MEMBERS), entries(THEMES), entries(WORKING_GROUPS), entries(EVENTS),
                         entries(ACTIONS), [item.entry for item in loaded.publications], loaded.pages)


def check_problems(root: Path) -> Problems:
    """Every problem in the contributed files under `root` (empty when all is well)."""
    loaded, problems = load_all(Path(root))
    check_all(loaded, Path(root), problems)
    return problems
