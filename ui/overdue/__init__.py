"""Late dossiers: the overdue list with its filters, and the apology with a new appointment (Mẫu 04)."""
