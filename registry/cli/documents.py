"""``registry documents list|add|get|remove``: a project's supporting documents (证明材料) by the
same service as the project page and the API (services/documents.py): the same rules of who and
when, the same checks of a file, the same audit trail. Adding and removing act as a named registry
user (``--as``); reading, as that user or as the system administrator."""
from __future__ import annotations

from pathlib import Path

import click

from registry.cli.context import session_scope
from registry.cli.output import acting_as, echo_json, echo_lines, file_size, moment, name, nobody, say
from registry.cli.projects import reader
from registry.cli.translated import group
from registry.config import document_max_bytes
from registry.domain.errors import N_, Conflict, Message
from registry.domain.vocabulary import DOCUMENT_KINDS
from registry.services import accounts, documents
from registry.services.projects.views import project_id_named


@group("documents", help=N_('Supporting documents of projects (docs/registration.md, "Supporting documents").'))
def documents_group() -> None:
    pass


@documents_group.command("list", help=N_("List PROJECT's documents (its id or reference), oldest first: id, kind, "
                                         "size, uploaded, by, name."))
@click.argument("project")
@acting_as(False, N_("Read as this user (and say which documents they may remove)."))
@click.option("--json", "as_json", is_flag=True, help=N_("Print JSON (the API's fields, without the download links)."))
def list_documents(project: str, as_user: str | None, as_json: bool) -> None:
    with session_scope() as session:
        actor = reader(session, as_user)
        found = documents.list_documents(session, actor, project_id_named(session, actor, project))
    if as_json:
        echo_json({"project_id": found.project_id, "total": len(found.items), "may_add": found.may_add,
                   "items": [_plain(d) for d in found.items]})
        return
    echo_lines((f"{d.id:>7}  {name(DOCUMENT_KINDS[d.kind])}  {file_size(d.size_bytes)}  {moment(d.uploaded_at)}  "
                f"{nobody(d.uploaded_by)}  {d.file_name}" for d in found.items), N_("No document yet."))


def _plain(d: documents.DocumentView) -> dict:
    return {"id": d.id, "project_id": d.project_id, "kind": d.kind, "file_name": d.file_name,
            "media_type": d.media_type, "size_bytes": d.size_bytes, "sha256": d.sha256, "uploaded_at": d.uploaded_at,
            "uploaded_by": d.uploaded_by, "removable": d.removable}


def _read(path: Path, kind: str, max_bytes: int) -> documents.NewDocument:
    """The file as an upload would bring it; one beyond the bound is not read, only its size is
    given (the service refuses it by that size), so a stray disk image is not loaded to be refused."""
    size = path.stat().st_size
    if size > max_bytes:
        return documents.NewDocument(kind, path.name, b"", unread_size=size)
    return documents.NewDocument(kind, path.name, path.read_bytes())


@documents_group.command(help=N_("Add FILE… to PROJECT's documents, all or none: PDF, JPEG, PNG, OFD, DOCX, XLSX, "
                                 "DOC or XLS, up to REGISTRY_DOCUMENT_MAX_MB each (20 MB). When any is refused, none "
                                 "is added and each refused file is named with why."))
@click.argument("project")
@click.argument("files", nargs=-1, required=True, metavar="FILE…",
                type=click.Path(exists=True, dir_okay=False, readable=True, path_type=Path))
@acting_as(True, N_("The registry user adding them (required): their role and district apply."))
@click.option("--category", "--kind", "kind", type=click.Choice(list(DOCUMENT_KINDS)), default="other",
              show_default=True, help=N_("What the files are (one kind for all of them)."))
def add(project: str, files: tuple[Path, ...], as_user: str, kind: str) -> None:
    max_bytes = document_max_bytes()
    with session_scope() as session:
        actor = accounts.actor_named(session, as_user)
        project_id = project_id_named(session, actor, project)
        added = documents.add_documents(session, actor, project_id, [_read(f, kind, max_bytes) for f in files], max_bytes)
    for d in added:
        say(N_("added document %(id)s: %(name)s (%(kind)s, %(size)s)"), id=d.id, name=d.file_name,
            kind=Message(DOCUMENT_KINDS[d.kind]), size=file_size(d.size_bytes))


@documents_group.command(help=N_("Write document DOCUMENT_ID's file (its bytes as uploaded)."))
@click.argument("document_id", type=click.IntRange(1))
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
              help=N_("Where to write the file ('-': standard output); default: its own name in this directory, "
                      "never over an existing file."))
@acting_as(False, N_("Read as this user."))
def get(document_id: int, output: Path | None, as_user: str | None) -> None:
    with session_scope() as session:
        actor = reader(session, as_user)
        found = documents.read_document(session, actor, documents.project_of(session, actor, document_id), document_id)
    if output is not None and str(output) == "-":
        click.echo(found.content, nl=False)  # bytes: written to the binary stream as they are
        return
    target = output or Path(found.document.file_name)
    if output is None and target.exists():
        raise Conflict(N_("%(path)s exists already: name another file with -o"), path=str(target))
    target.write_bytes(found.content)
    say(N_("wrote %(path)s (%(size)s)"), path=str(target), size=file_size(found.document.size_bytes))


@documents_group.command(help=N_("Remove document DOCUMENT_ID (the audit trail keeps its kind, name, size and "
                                 "SHA-256)."))
@click.argument("document_id", type=click.IntRange(1))
@acting_as(True, N_("The registry user removing it (required): their role and district apply."))
def remove(document_id: int, as_user: str) -> None:
    with session_scope() as session:
        actor = accounts.actor_named(session, as_user)
        removed = documents.remove_document(session, actor, documents.project_of(session, actor, document_id),
                                            document_id)
    say(N_("removed document %(id)s: %(name)s"), id=removed.id, name=removed.file_name)
