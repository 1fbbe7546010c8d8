"""The quote stage: quotes and attributed claims tied to speakers, and scare quotes."""

from .report import ActorQuotes, QuoteLine, quotes_by_actor
from .stage import QuoteStage

__all__ = ["ActorQuotes", "QuoteLine", "QuoteStage", "quotes_by_actor"]
