"""The office queue on motcua-server: one queue for all the counters of an office, pushed to them live."""
