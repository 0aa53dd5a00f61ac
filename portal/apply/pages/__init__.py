"""The form of each page of the journey, and the fields they are built from."""
