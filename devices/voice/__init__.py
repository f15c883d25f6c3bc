"""Vietnamese voice announcements: our number words spoken by espeak-ng, a chime, one call after another."""
