"""Long jobs that run outside the request: economic runs, large imports, report builds."""
