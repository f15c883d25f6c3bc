"""`motcua-desk --hall`: the waiting-hall display."""
