"""Reference data shipped with the project: districts and street offices."""
