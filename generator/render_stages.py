"""`/stages/`: the "find help for a stage" path — stage type → its suggested skills → mentors."""

from __future__ import annotations

from dataclasses import dataclass

from . import urls
from .model import Mentor, StageTemplate
from .view import Page, View, render_page

MENTORS_PER_TYPE = 8


@dataclass(frozen=True)
class StageType:
    """A stage template as /stages/ shows it."""

    template: StageTemplate
    skills: tuple[tuple[str, int], ...]  # suggested skill ids with their available mentors
    mentors: tuple[Mentor, ...]  # available mentors with any suggested skill, best first
    open_stages: int  # open stages of this type


def stage_types(view: View) -> tuple[StageType, ...]:
    """Every stage template with its suggested skills, mentor counts and mentors."""
    found = []
    for template in view.directory.taxonomy.stage_templates:
        wanted = set(template.suggested_skills)
        mentors = [m for m in view.active_mentors if wanted.intersection(m.skills)]
        # Most of the suggested skills first, then the most recently confirmed.
        mentors.sort(key=lambda m: (-len(wanted.intersection(m.skills)), -m.confirmed.toordinal()))
        open_stages = sum(1 for _a, s in view.open_stages if s.template == template.id)
        skills = tuple((k, view.supply[k]) for k in template.suggested_skills)
        found.append(StageType(template, skills, tuple(mentors), open_stages))
    return tuple(found)


def stages_page(view: View) -> Page:
    """`/stages/`: each stage type, its suggested skills (linked) and the mentors who have them."""
    return render_page(
        urls.STAGES,
        "stages",
        "Find help for a stage",
        "Pick the kind of stage you are at; see the skills it usually needs and who has them.",
        "stages.html",
        view=view,
        types=stage_types(view),
        per_type=MENTORS_PER_TYPE,
    )
