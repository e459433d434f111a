"""The customers considered for a pilot, scored on the rubric (``scoring`` holds the pure rules)."""
