"""Project use cases shared by the registration pages, the JSON API and the CLI.

    register_project(session, actor, draft, submit=False) -> ProjectView
    update_project(session, actor, project_id, draft, expected_version) -> ProjectView
    transition(session, actor, project_id, action, comment=None, expected_version=None, on=None) -> ProjectView
    transition_many(session, actor, action, [Selected(project_id, version)], comment=None) -> [StepTaken]
    batch_steps_of(session, actor, [ProjectSummary]) -> {project id: steps a batch may take on it}
    correct_project(session, actor, project_id, draft, reason, expected_version) -> ProjectView
    check_draft(session, actor, draft, known) -> raises ValidationError (the form's problems and the rest)
    delete_draft(session, actor, project_id, expected_version=None) -> reference
    get_project(session, actor, project_id) -> ProjectView
    list_projects(session, actor, ProjectFilter) -> ProjectPage
    count_projects(session, actor, ProjectFilter) -> the list's total (the overview's cards)
    marked_as_lookalikes(session, actor, [project id]) -> ids with a possible double registration
    similar_project(session, actor, project_id) -> SimilarProject (a new project's fields taken from it)
    source_reference(session, actor, project_id) -> the reference of a project a registration started from
    shown_now(conflict) -> a stale version's refusal worded for the page showing the project as it is now
"""
from registry.services.projects.common import shown_now
from registry.services.projects.deletion import delete_draft
from registry.services.projects.drafts import (
    NewParcel, ProjectDraft, check_draft, correct_project, register_project, update_project,
)
from registry.services.projects.listing import ProjectFilter, ProjectPage, ProjectSummary, count_projects, list_projects
from registry.services.projects.similar import SimilarProject, similar_project, source_reference
from registry.services.projects.views import HistoryEntry, ParcelView, ProjectView, get_project, marked_as_lookalikes
from registry.services.projects.workflow import Selected, StepTaken, batch_steps_of, transition, transition_many

__all__ = [
    "HistoryEntry", "NewParcel", "ParcelView", "ProjectDraft", "ProjectFilter", "ProjectPage",
    "ProjectSummary", "ProjectView", "Selected", "SimilarProject", "StepTaken", "batch_steps_of", "check_draft", "correct_project",
    "count_projects", "delete_draft", "get_project", "list_projects", "marked_as_lookalikes", "register_project", "shown_now", "similar_project", "source_reference", "transition", "transition_many", "update_project",
]
