"""Journeys views, one module per part of the service."""
