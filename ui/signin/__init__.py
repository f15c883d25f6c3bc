"""Sign-in per officer and the lock screen (Ctrl+L)."""
