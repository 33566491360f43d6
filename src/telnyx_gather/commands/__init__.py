"""Immutable, validated request builders for the gather family's eight actions."""

from ._base import Command
from ._stop import StopGather

__all__ = ["Command", "StopGather"]
