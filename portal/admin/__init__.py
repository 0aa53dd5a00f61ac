"""Administration: staff accounts and the audit view (issue 15). Administrators see no case data here."""
