"""Article -> event assignment, event consolidation, event -> story linking, and the learned scorers."""

from storyline.cluster.events import Decision, EventIndex
from storyline.cluster.features import ArticleFeatures, GroupState, pair_features
from storyline.cluster.merge import EventMerger, Fold, default_merge_scorer, event_pair_features
from storyline.cluster.scorer import LogisticScorer, PairScorer, default_scorers
from storyline.cluster.stories import StoryLinker, story_pair_features
from storyline.cluster.trees import TreeScorer

__all__ = [
    "ArticleFeatures",
    "Decision",
    "EventIndex",
    "EventMerger",
    "Fold",
    "GroupState",
    "LogisticScorer",
    "PairScorer",
    "StoryLinker",
    "TreeScorer",
    "default_merge_scorer",
    "default_scorers",
    "event_pair_features",
    "pair_features",
    "story_pair_features",
]
