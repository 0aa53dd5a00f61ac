"""The outbox of messages (SMS and in-portal) and the senders that deliver them."""
