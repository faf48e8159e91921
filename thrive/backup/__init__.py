"""Operations on a whole installation: backups that restore, and housekeeping by retention."""
