"""The exception hierarchy: one root, one subclass per pipeline stage."""

from __future__ import annotations


class StorylineError(Exception):
    """Root of every error storyline raises on purpose."""


class IngestError(StorylineError):
    """A file, record or URL could not be read into an article.

    ``path`` names the input (file path, ``file:line`` or URL) and ``reason`` says why.
    """

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class CleanError(StorylineError):
    """Boilerplate removal failed."""


class EnrichError(StorylineError):
    """Language, date, place or name detection failed."""


class EmbedError(StorylineError):
    """The embedding backend failed or is unavailable."""


class ClusterError(StorylineError):
    """Event assignment or story linking failed."""


class StoreError(StorylineError):
    """The database could not be opened, migrated, read or written."""


class NotFoundError(StoreError):
    """An ID names no article, event or story."""


class EvalError(StorylineError):
    """An evaluation corpus or gold file is missing or malformed."""
