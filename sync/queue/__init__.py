"""The desk's side of the office queue: calls to motcua-server, its live pushes, the offline fallback."""
