"""storyline: multilingual news articles in, events and stories out.

    from storyline import Engine
    with Engine("news.db") as engine:
        engine.ingest(["articles/"])
        engine.stories()
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from storyline.errors import StorylineError

if TYPE_CHECKING:
    from storyline.engine import Engine, IngestReport

__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())

__all__ = ["Engine", "IngestReport", "StorylineError", "__version__"]


def __getattr__(name: str) -> Any:
    # Imported on first use: the engine pulls in every pipeline stage.
    if name in ("Engine", "IngestReport"):
        from storyline import engine

        return getattr(engine, name)
    raise AttributeError(f"module 'storyline' has no attribute {name!r}")
