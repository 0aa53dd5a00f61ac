"""Filing: the draft, the declarations, check your answers, submit, the confirmation."""
