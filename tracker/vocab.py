"""The status scale and the fields editors change. Labels live in presentation/locales/tracker.toml."""
from __future__ import annotations

# In order of the scale; stored as these codes, shown with their French/English labels.
STATUSES = (
    "not_started",         # nothing done yet
    "in_progress",         # work has started
    "substantially_done",  # most of it delivered, some parts left
    "completed",           # fully delivered
    "stalled",             # started or due, but nothing moves
    "dropped",             # officially abandoned or superseded
)
DEFAULT_STATUS = "not_started"
# A decision in one of these states is not late any more, whatever its due date.
CLOSED_STATUSES = frozenset({"completed", "dropped"})
EDITABLE_FIELDS = ("status", "responsible", "due_date", "progress", "notes")
# The progress (%) each status allows, both ends included; no progress at all always agrees.
# 40 % on "not_started" is refused: status and progress must tell the same story.
PROGRESS_RANGES = {
    "not_started": (0, 0),
    "in_progress": (0, 99),
    "substantially_done": (50, 99),
    "completed": (100, 100),
    "stalled": (0, 99),
    "dropped": (0, 99),
}
# History rows also record these events.
EVENT_FIELDS = ("comment", "orphaned")

RESPONSIBLE_MAX = 200
NOTES_MAX = 10_000
COMMENT_MAX = 5_000

SIGN_IN_MAX_FAILURES = 5         # failures allowed per name in the window
# Per client address: higher, since colleagues behind one office proxy share an address.
SIGN_IN_MAX_FAILURES_PER_CLIENT = 20
SIGN_IN_WINDOW_MINUTES = 15
