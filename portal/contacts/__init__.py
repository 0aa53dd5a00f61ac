"""Contact details of street offices and deciding authorities: dated, changed by administrators."""
