"""Rapport's domain: the encrypted journal, its services and the cue engine. No Qt here."""

__version__ = "0.1.0"
