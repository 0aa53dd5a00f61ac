"""Documents: which are asked for, which are still owed, the uploaded files and
their cleaning, and the reminder before the deadline."""
