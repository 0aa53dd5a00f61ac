"""The resident's combined application: steps, forms, services and views."""
