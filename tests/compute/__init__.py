"""Tests of tracker.compute."""
