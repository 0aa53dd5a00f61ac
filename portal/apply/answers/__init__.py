"""The answers document (``Application.answers``): its shape, the words for its codes,
keeping it consistent, and the household and screening read from it."""
