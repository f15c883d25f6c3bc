"""A dossier's page: header, status, due/overdue, components, documents, timeline, and its actions."""
