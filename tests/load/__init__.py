"""Tests of tracker.load."""
