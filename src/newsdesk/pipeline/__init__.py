"""Stages and the runners that drive them."""
from .stage import Bundle, Drop, Stage, StageContext, StageStats

__all__ = ["Bundle", "Drop", "Stage", "StageContext", "StageStats"]
