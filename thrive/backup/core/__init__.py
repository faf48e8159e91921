"""Pure parts of backups: the manifest, the archive layout, the passphrase sealing."""
