"""Tests of tracker.check."""
