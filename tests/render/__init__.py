"""Tests of tracker.render."""
