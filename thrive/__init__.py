"""Thrive: run a vocational and peer-support service on co-produced principles."""

__version__ = "0.1.0"
