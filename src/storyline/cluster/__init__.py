"""Article -> event assignment, event -> story linking, and the learned scorer."""

from storyline.cluster.events import Decision, EventIndex
from storyline.cluster.features import ArticleFeatures, GroupState, pair_features
from storyline.cluster.scorer import LogisticScorer, default_scorers
from storyline.cluster.stories import StoryLinker, story_pair_features

__all__ = [
    "ArticleFeatures",
    "Decision",
    "EventIndex",
    "GroupState",
    "LogisticScorer",
    "StoryLinker",
    "default_scorers",
    "pair_features",
    "story_pair_features",
]
