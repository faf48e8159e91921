"""Pure modules of journeys: plain data in and out, never Django."""
