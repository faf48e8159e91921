"""The economics pages, one module for each part: scenarios, runs, comparing and the builder."""
