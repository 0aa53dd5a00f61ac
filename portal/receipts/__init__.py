"""PDF receipts and notices (WeasyPrint), stored once and verifiable."""
