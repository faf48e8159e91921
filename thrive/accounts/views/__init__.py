"""Logging in (with a second step when the person has set one up) and two-factor set-up."""
