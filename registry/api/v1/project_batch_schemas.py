"""A workflow step taken on a batch of projects (POST /api/v1/projects/batch): the body naming
each project and the version read, the answer listing each step taken, and the 409 problem that
lists each refused project (the batch is all or nothing)."""
from __future__ import annotations

import marshmallow as ma
from marshmallow import fields as f

from registry.api.v1.core import Problem, Schema, in_range, length, one_of
from registry.domain.batch_steps import BATCH_STEP_NAMES, MAX_BATCH_SIZE
from registry.repositories.projects import MAX_PROJECT_ID

class BatchItem(Schema):
    id = f.Integer(required=True, strict=True, validate=in_range(1, MAX_PROJECT_ID))
    version = f.Integer(required=True, strict=True, validate=in_range(1, MAX_PROJECT_ID), metadata={
        "description": "The version you read (`version`, or the ETag's number after the id): a project changed "
                       "since is refused, and with it the batch"})


class BatchTransitionBody(Schema):
    action = f.String(required=True, validate=one_of(BATCH_STEP_NAMES), metadata={
        "description": "`complete` is taken one project at a time: each has its own completion day"})
    comment = f.String(allow_none=True, validate=length(0, 2000),
                       metadata={"description": "Required to return; recorded on every project"})
    projects = f.List(f.Nested(BatchItem), required=True, metadata={
        "minItems": 1, "maxItems": MAX_BATCH_SIZE, "description": "Each project once, at most "
        f"{MAX_BATCH_SIZE}; the batch is all or nothing"})


class StepTakenOut(ma.Schema):
    id = f.Integer()
    reference = f.String()
    title = f.String()
    status = f.String()
    version = f.Integer(metadata={"description": "The new version (and ETag)"})


class BatchOut(ma.Schema):
    action = f.String()
    count = f.Integer()
    projects = f.List(f.Nested(StepTakenOut), metadata={"description": "In the order of the request"})


class RefusedProject(ma.Schema):
    id = f.Integer()
    reference = f.String(allow_none=True, metadata={"description": "null when the project is not visible to you"})
    status = f.Integer(metadata={"description": "The status a single step would have answered (403, 404, 409, 422)"})
    detail = f.String()


class BatchProblem(Problem):
    """A refused batch (409): nothing was changed; ``errors`` maps ``projects[i]`` to why."""

    refused = f.List(f.Nested(RefusedProject), metadata={"description": "Each refused project, in the order sent"})
