"""Tests of tracker.folder."""
