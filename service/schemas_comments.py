"""API models of public comments on drafts: submission, confirmation, moderation, answers,
votes, the public list and the summary report.

Kinds of commenter, votes and answers are the ``drafts.report`` engine's values. A public
comment carries only its depersonified text; the address is in no model the public sees.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from pydantic import BaseModel, Field

from drafts.report import AnswerKind, CommenterKind, Vote
from service.schemas_drafts import Text


class CommentStatus(StrEnum):
    UNCONFIRMED = "unconfirmed"  # waits for its address to be confirmed
    PENDING = "pending"  # in the moderation queue
    APPROVED = "approved"  # public, depersonified
    REJECTED = "rejected"  # never public


class RejectReason(StrEnum):
    SPAM = "spam"
    INSULT = "insult"
    OFF_TOPIC = "off_topic"
    PERSONAL_DATA = "personal_data"  # personal data of others the engine cannot remove


class ModerationAction(StrEnum):
    APPROVE = "approve"
    REJECT = "reject"


class CommentSubmittedOut(BaseModel):
    id: int
    status: CommentStatus = Field(
        description="`pending` (in moderation) with a valid commenter token; else "
        "`unconfirmed`: a confirmation link was mailed to the address"
    )
    message: str


class ConfirmIn(BaseModel):
    token: str = Field(min_length=10, max_length=1000, description="From the mailed link")


class ConfirmOut(BaseModel):
    commenter_token: str = Field(
        description="Send it with later comments and votes (`token`): no new mail is needed"
    )
    released: int = Field(description="Comments of the address moved to moderation")


class ModerationIn(BaseModel):
    action: ModerationAction
    reason: RejectReason | None = Field(default=None, description="Required to reject")


class AnswerIn(BaseModel):
    kind: AnswerKind = Field(description="accepted, partly_accepted or not_accepted")
    reason: Text = Field(
        default="", max_length=5000, description="Required unless the proposal is accepted"
    )


class VoteIn(BaseModel):
    vote: Vote
    token: str = Field(min_length=10, max_length=1000, description="The commenter token")
    commenter_kind: CommenterKind = CommenterKind.INDIVIDUAL


class VotesOut(BaseModel):
    support: int
    oppose: int


class AnchorOut(BaseModel):
    version: int = Field(description="The version the anchor is in")
    unit_id: str | None = Field(description="Unit id (art-5/2); null: the draft as a whole")
    label: str = Field(description="The unit in words")
    status: str = Field(
        description="In the latest main version: same, renumbered, quote_changed, "
        "found_by_quote, gone, whole_draft"
    )


class ModerationOut(BaseModel):
    """What only the draft's agency and admins see: the comment as written."""

    text: str
    organization: str
    reject_reason: RejectReason | None
    moderated_at: dt.datetime | None
    file_name: str | None


class CommentOut(BaseModel):
    id: int
    status: CommentStatus
    anchor: AnchorOut = Field(description="Where the commenter put it")
    current: AnchorOut = Field(description="The same place in the latest main version")
    quote: str = Field(description="The words of the draft it is about (may be empty)")
    commenter_kind: CommenterKind
    organization: str = Field(description="The organisation's name; empty for a person")
    text: str = Field(description="Depersonified text (empty until approved)")
    submitted_at: dt.datetime
    attachment_url: str | None = Field(description="Depersonified text of the attachment")
    answer: AnswerKind | None
    answer_reason: str
    answered_at: dt.datetime | None
    moderation: ModerationOut | None = Field(
        default=None, description="Only for the draft's agency and admins"
    )


class CommentListOut(BaseModel):
    total: int
    votes: VotesOut
    comments: list[CommentOut]
