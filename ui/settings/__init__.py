"""Settings pages: office, counter, language, server; device pages wait for their features."""
