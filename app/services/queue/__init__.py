"""Queue use cases over a QueueUnitOfWork (ports.py), shared by desks and the office server."""
