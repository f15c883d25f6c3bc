"""The scanning screen of the desk app: thumbnails, reorder/rotate/delete, manual duplex, attach to a
component. The scanner work runs on its own worker (runner.py)."""
