"""`make bench`: speed and size figures of the site (not tests: nothing here passes or fails)."""
