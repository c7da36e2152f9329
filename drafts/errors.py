"""Errors of the draft-law engine: each carries a code a caller can act on and a message in
Russian that is shown as is."""

from __future__ import annotations

from enum import StrEnum

from core.errors import AchykError


class DraftErrorCode(StrEnum):
    NOT_ALLOWED = "transition_not_allowed"
    NO_TEXT = "no_text"
    NO_CLOSING_DATE = "no_closing_date"
    WINDOW_TOO_SHORT = "window_too_short"
    DISCUSSION_NOT_OVER = "discussion_not_over"
    UNANSWERED_COMMENTS = "unanswered_comments"
    REASON_REQUIRED = "reason_required"
    NOT_IN_DISCUSSION = "not_in_discussion"
    NOT_LATER = "extension_not_later"
    TIME_BACKWARDS = "time_backwards"
    UNKNOWN_COMMENT = "unknown_comment"
    DUPLICATE_ANSWER = "duplicate_answer"
    DUPLICATE_COMMENT = "duplicate_comment"
    UNKNOWN_UNIT = "unknown_unit"
    QUOTE_NOT_FOUND = "quote_not_found"
    VERSION_CHAIN = "version_chain"
    ANSWER_REASON_REQUIRED = "answer_reason_required"
    # Storage (service.drafts): what an upload or a link can be refused for.
    UNSUPPORTED_FILE = "unsupported_file"
    EMPTY_TEXT = "empty_text"
    FINAL_STAGE = "final_stage"
    PLAN_ITEM_TAKEN = "plan_item_taken"
    PLAN_ITEM_AGENCY = "plan_item_other_agency"
    PLAN_ROWS = "plan_rows"
    # Comments (service.drafts_comments): what a comment, vote, moderation or answer is
    # refused for.
    UNKNOWN_VERSION = "unknown_version"
    INVALID_EMAIL = "invalid_email"
    BAD_TOKEN = "bad_token"
    NOT_CONFIRMED = "not_confirmed"
    NOT_PUBLISHED = "comment_not_published"
    ANSWERS_CLOSED = "answers_closed"
    RATE_LIMITED = "rate_limited"
    FILE_TOO_LARGE = "file_too_large"


class DraftError(AchykError):
    """A request the draft's rules refuse; nothing was changed."""

    def __init__(self, code: DraftErrorCode, message: str) -> None:
        super().__init__(message)
        self.code = code
