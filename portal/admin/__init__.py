"""Administration: staff accounts and the audit view. Administrators see no case data here."""
