"""Places: Shenzhen's districts and offices, provinces elsewhere, and where each
request goes."""
