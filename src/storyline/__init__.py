"""storyline: multilingual news articles in, events and stories out."""

from __future__ import annotations

import logging

from storyline.errors import StorylineError

__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())

__all__ = ["StorylineError", "__version__"]
