"""sahelmap: news articles about the Sahel -> places, events and a map."""

from sahelmap.errors import GazetteerError, InputError, SahelmapError
from sahelmap.records import (
    Article,
    DateValue,
    Event,
    MergedEvent,
    Place,
    PlaceMention,
    Presence,
)

__all__ = [
    "Article",
    "DateValue",
    "Event",
    "GazetteerError",
    "InputError",
    "MergedEvent",
    "Place",
    "PlaceMention",
    "Presence",
    "SahelmapError",
]
__version__ = "0.1.0"
