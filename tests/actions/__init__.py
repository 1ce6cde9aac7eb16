"""Tests of tracker.actions."""
