"""Tools for testing and measuring sync against a misbehaving network (not used by the desk or server)."""
