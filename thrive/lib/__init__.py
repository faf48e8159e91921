"""Django-side helpers shared by every area: commands, forms, htmx, downloads, signed links."""
