"""The logbook and today's report: counts per status, what this officer received today, Mẫu 06."""
