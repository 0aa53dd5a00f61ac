"""Which pages the journey has, when each is needed, and the way through them."""
