"""Tests of tracker.views."""
