"""Sync with the centre: the ports (network, local sync state), the wire format, the cycle that pushes the
outbox and pulls what changed elsewhere, the background runner and a status a person understands."""
