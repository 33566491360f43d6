"""Nested request objects that several actions share."""
