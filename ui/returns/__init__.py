"""Return of results: who collected it (ID checked), the fee, and the list of results waiting."""
