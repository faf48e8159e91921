"""Pure helpers shared by every area: plain data in and out, never Django."""
