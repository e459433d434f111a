"""Comments on a pilot: written by editors, executives and admins, read by every member, with
@mentions of members. Each one is in the pilot's activity log (created, edited, deleted) and
notifies, in the same transaction: `mentioned` to the members it mentions, `commented` to the
pilot's owner and to those who commented on the pilot before (the author, and whoever is
already told they were mentioned, excluded)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlmodel import Session, col, select

from pilotboard.accounts.models import User
from pilotboard.activity.service import Actor
from pilotboard.core.errors import Forbidden, InvalidInput, NotFound
from pilotboard.core.pagination import ListParams, Page, SortKey, cut_page, paginate_query
from pilotboard.notifications.models import NotificationKind
from pilotboard.notifications.paths import pilot_path
from pilotboard.notifications.service import notify
from pilotboard.pilots.changes import audit, touch
from pilotboard.pilots.comments.markdown import plain_excerpt, render_markdown
from pilotboard.pilots.comments.models import Comment
from pilotboard.pilots.comments.schemas import CommentPublic
from pilotboard.pilots.events import emit_record_event
from pilotboard.pilots.models import Pilot
from pilotboard.webhooks.models import EventType
from pilotboard.workspaces.models import Membership

# Newest first, like the pilot's activity the comments are shown in.
NEWEST_FIRST = SortKey(columns=(col(Comment.created_at), col(Comment.id)), descending=True)

NOT_A_MEMBER = "Not an active member of this workspace."


def comment_public(comment: Comment, author_name: str | None) -> CommentPublic:
    return CommentPublic(
        id=comment.id,
        body=comment.body,
        body_html=render_markdown(comment.body),
        author_id=comment.author_id,
        author_name=author_name,
        mentions=[uuid.UUID(m) for m in comment.mentions],
        edited_at=comment.edited_at,
        created_at=comment.created_at,
        updated_at=comment.updated_at,
    )


def comment_url(comment: Comment) -> str:
    """Where the comment is in the app: its pilot's page, scrolled to it."""
    return f"{pilot_path(comment.workspace_id, comment.pilot_id)}#comment-{comment.id}"


def list_comments(session: Session, pilot: Pilot, params: ListParams) -> Page[CommentPublic]:
    """A page of the pilot's comments, newest first (keyset on `created_at`, `id`)."""
    statement = (
        select(Comment, User.name)
        .outerjoin(User, col(User.id) == col(Comment.author_id))
        .where(Comment.workspace_id == pilot.workspace_id, Comment.pilot_id == pilot.id)
    )
    rows = session.exec(paginate_query(statement, NEWEST_FIRST, params)).all()
    page, cursor = cut_page(rows, NEWEST_FIRST, params, lambda r: (r[0].created_at, r[0].id))
    return Page[CommentPublic](
        items=[comment_public(comment, name) for comment, name in page], next_cursor=cursor
    )


def get_comment(session: Session, pilot: Pilot, comment_id: uuid.UUID) -> Comment:
    comment = session.exec(
        select(Comment)
        .where(
            Comment.workspace_id == pilot.workspace_id,
            Comment.pilot_id == pilot.id,
            Comment.id == comment_id,
        )
        .with_for_update()
    ).first()
    if comment is None:
        raise NotFound("No comment with this id on the pilot.")
    return comment


def author_name(session: Session, comment: Comment) -> str | None:
    if comment.author_id is None:
        return None
    author = session.get(User, comment.author_id)
    return author.name if author is not None else None


def _unique(ids: Sequence[uuid.UUID]) -> list[uuid.UUID]:
    return list(dict.fromkeys(ids))


def _check_mentions(session: Session, workspace_id: uuid.UUID, mentions: list[uuid.UUID]) -> None:
    """Every mention is an active member of the workspace, else 422 naming each that is not
    (before anything is written)."""
    if not mentions:
        return
    members = set(
        session.exec(
            select(Membership.user_id)
            .join(User, col(User.id) == col(Membership.user_id))
            .where(
                Membership.workspace_id == workspace_id,
                col(Membership.user_id).in_(mentions),
                col(User.is_active),
            )
        ).all()
    )
    unknown = [i for i, user_id in enumerate(mentions) if user_id not in members]
    if unknown:
        what = "is not an active member" if len(unknown) == 1 else "are not active members"
        raise InvalidInput(
            f"mentions: {len(unknown)} of the people mentioned {what} of this workspace.",
            errors=[(["body", "mentions", i], NOT_A_MEMBER) for i in unknown],
        )


def _earlier_commenters(session: Session, pilot: Pilot, comment: Comment) -> set[uuid.UUID]:
    return {
        author_id
        for author_id in session.exec(
            select(Comment.author_id)
            .where(
                Comment.workspace_id == pilot.workspace_id,
                Comment.pilot_id == pilot.id,
                Comment.id != comment.id,
                col(Comment.author_id).is_not(None),
            )
            .distinct()
        ).all()
        if author_id is not None
    }


def _notify_mentioned(
    session: Session,
    *,
    pilot: Pilot,
    comment: Comment,
    author: User,
    recipients: Sequence[uuid.UUID],
    now: datetime,
) -> None:
    if not recipients:
        return
    notify(
        session,
        recipients=recipients,
        kind=NotificationKind.mentioned,
        workspace_id=pilot.workspace_id,
        pilot_id=pilot.id,
        title=f"{author.name} mentioned you on “{pilot.title}”"[:200],
        body=plain_excerpt(comment.body, 500),
        url=comment_url(comment),
        now=now,
        actor_id=author.id,
    )


def add_comment(
    session: Session,
    *,
    pilot: Pilot,
    actor: Actor,
    author: User,
    body: str,
    mentions: list[uuid.UUID],
    now: datetime,
) -> Comment:
    mentions = _unique(mentions)
    _check_mentions(session, pilot.workspace_id, mentions)
    comment = Comment(
        workspace_id=pilot.workspace_id,
        pilot_id=pilot.id,
        author_id=author.id,
        body=body,
        mentions=[str(m) for m in mentions],
        created_at=now,
        updated_at=now,
    )
    session.add(comment)
    session.flush()
    audit(
        session,
        actor=actor,
        now=now,
        action="comment.created",
        pilot=pilot,
        object_type="comment",
        object_id=comment.id,
        summary=f"Comment: {plain_excerpt(body)}",
        after={"body": body, "mentions": comment.mentions},
    )
    mentioned = [m for m in mentions if m != author.id]
    _notify_mentioned(
        session, pilot=pilot, comment=comment, author=author, recipients=mentioned, now=now
    )
    followers = ({pilot.owner_id} | _earlier_commenters(session, pilot, comment)) - {
        author.id,
        *mentioned,
    }
    if followers:
        notify(
            session,
            recipients=sorted(followers),
            kind=NotificationKind.commented,
            workspace_id=pilot.workspace_id,
            pilot_id=pilot.id,
            title=f"{author.name} commented on “{pilot.title}”"[:200],
            body=plain_excerpt(body, 500),
            url=comment_url(comment),
            now=now,
            actor_id=author.id,
        )
    emit_record_event(
        session,
        pilot,
        EventType.comment_created,
        lambda: comment_public(comment, author.name),
        now,
    )
    return comment


def update_comment(
    session: Session,
    *,
    pilot: Pilot,
    comment: Comment,
    actor: Actor,
    author: User,
    changes: dict[str, Any],
    now: datetime,
) -> Comment:
    """The author edits the body and/or the mentions; members newly mentioned are notified.
    An edit that changes nothing changes nothing (no `edited_at`, no activity entry)."""
    if comment.author_id != author.id:
        raise Forbidden("Only its author can edit a comment.")
    for name in ("body", "mentions"):
        if name in changes and changes[name] is None:
            raise InvalidInput.field(["body", name], "This field cannot be null.")
    before = {"body": comment.body, "mentions": list(comment.mentions)}
    body = str(changes.get("body", comment.body))
    new_mentions = comment.mentions
    added: list[uuid.UUID] = []
    if "mentions" in changes:
        mentions = _unique([uuid.UUID(str(m)) for m in changes["mentions"]])
        _check_mentions(session, pilot.workspace_id, mentions)
        new_mentions = [str(m) for m in mentions]
        added = [m for m in mentions if str(m) not in comment.mentions and m != author.id]
    after = {"body": body, "mentions": new_mentions}
    if after == before:
        return comment
    comment.body = body
    comment.mentions = new_mentions
    comment.edited_at = now
    touch(comment, now)
    session.add(comment)
    audit(
        session,
        actor=actor,
        now=now,
        action="comment.edited",
        pilot=pilot,
        object_type="comment",
        object_id=comment.id,
        summary=f"Comment edited: {plain_excerpt(body)}",
        before={k: v for k, v in before.items() if after[k] != v},
        after={k: v for k, v in after.items() if before[k] != v},
    )
    _notify_mentioned(
        session, pilot=pilot, comment=comment, author=author, recipients=added, now=now
    )
    return comment


def delete_comment(
    session: Session,
    *,
    pilot: Pilot,
    comment: Comment,
    actor: Actor,
    user_id: uuid.UUID,
    is_admin: bool,
    now: datetime,
) -> None:
    """By its author or an admin. The activity log keeps what it said."""
    if not is_admin and comment.author_id != user_id:
        raise Forbidden("Only its author, or an admin, can delete a comment.")
    by = author_name(session, comment) if comment.author_id != user_id else None
    audit(
        session,
        actor=actor,
        now=now,
        action="comment.deleted",
        pilot=pilot,
        object_type="comment",
        object_id=comment.id,
        summary=f"Comment by {by} deleted" if by else "Comment deleted",
        before={
            "body": comment.body,
            "mentions": comment.mentions,
            "author_id": comment.author_id,
        },
    )
    session.delete(comment)
    session.flush()
