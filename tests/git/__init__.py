"""Tests of tracker.git."""
