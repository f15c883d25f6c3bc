"""The queue: services, tickets and their state machine, calling rules, numbering and number words."""
