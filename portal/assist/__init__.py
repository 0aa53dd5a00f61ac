"""Community assistants: filing on a resident's behalf with consent, caseload, leads."""
